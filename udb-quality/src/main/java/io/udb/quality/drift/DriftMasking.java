package io.udb.quality.drift;

import io.udb.api.Principal;
import io.udb.security.pii.ColumnClassification;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import io.udb.security.pii.TableClassification;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks the data values a drift result carries (category labels; the minimum, maximum and most
 * frequent value of each side) for a caller who may not see PII, through {@link
 * MaskingPolicy#maskValue}. A column's sensitivity comes from the given classification, or is
 * derived on the fly from the column's name and the values the result holds. Statistics (counts,
 * means, quantiles, bin edges, test results) are left as they are.
 */
final class DriftMasking {
  private final ColumnClassifier classifier = ColumnClassifier.defaults();
  private final MaskingPolicy policy = MaskingPolicy.of(classifier.detectors());

  /**
   * The result as {@code principal} may see it.
   *
   * @param result the result
   * @param principal the caller, or null for a trusted caller (the host application itself)
   * @param classification the current table's classification, or null to classify on the fly
   * @return the result, masked where needed
   */
  DriftResult apply(DriftResult result, Principal principal, TableClassification classification) {
    if (principal == null || policy.seesRawValues(principal)) {
      return result;
    }
    List<ColumnDrift> columns = new ArrayList<>();
    for (ColumnDrift column : result.columns()) {
      ColumnClassification sensitivity =
          classification == null ? null : classification.column(column.column()).orElse(null);
      if (sensitivity == null) {
        sensitivity = classifier.classify(column.column(), sample(column));
      }
      columns.add(mask(column, principal, sensitivity));
    }
    return new DriftResult(
        result.reference(),
        result.current(),
        result.datasetDrift(),
        result.driftShare(),
        result.numberOfColumns(),
        result.numberOfDriftedColumns(),
        result.driftShareThreshold(),
        columns,
        result.schemaChanges(),
        result.skippedColumns(),
        result.baseline());
  }

  private static List<Object> sample(ColumnDrift column) {
    List<Object> sample = new ArrayList<>(column.distribution().labels());
    for (ColumnSummary side : List.of(column.current(), column.reference())) {
      if (side.top() != null) {
        sample.add(side.top());
      }
      if (side.min() instanceof String min) {
        sample.add(min);
      }
      if (side.max() instanceof String max) {
        sample.add(max);
      }
    }
    return sample;
  }

  private ColumnDrift mask(
      ColumnDrift column, Principal principal, ColumnClassification sensitivity) {
    List<String> labels = new ArrayList<>();
    for (String label : column.distribution().labels()) {
      labels.add(
          label.equals(CategoricalSample.OTHER)
              ? label
              : String.valueOf(policy.maskValue(principal, sensitivity, label)));
    }
    ColumnDistribution distribution =
        new ColumnDistribution(
            column.distribution().edges(),
            labels,
            column.distribution().reference(),
            column.distribution().current());
    return new ColumnDrift(
        column.column(),
        column.kind(),
        column.stattest(),
        column.statistic(),
        column.pValue(),
        column.threshold(),
        column.drifted(),
        column.approximate(),
        mask(column.reference(), principal, sensitivity),
        mask(column.current(), principal, sensitivity),
        distribution);
  }

  private ColumnSummary mask(
      ColumnSummary side, Principal principal, ColumnClassification sensitivity) {
    return new ColumnSummary(
        side.rows(),
        side.count(),
        side.missing(),
        side.invalid(),
        side.distinct(),
        policy.maskValue(principal, sensitivity, side.min()),
        policy.maskValue(principal, sensitivity, side.max()),
        side.mean(),
        side.std(),
        side.quantiles(),
        side.top() == null
            ? null
            : String.valueOf(policy.maskValue(principal, sensitivity, side.top())),
        side.topCount(),
        side.lengthMin(),
        side.lengthMax(),
        side.lengthMean());
  }
}
