package io.udb.security.pii;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Classifies columns from their names and a sample of their values.
 *
 * <p>A column gets a tag when its name suggests it ({@code email}, {@code e_mail}, {@code mobile},
 * {@code card_number}, {@code ip_address}, ...) or when at least {@code matchThreshold} of its
 * first {@code sampleSize} non-null, non-blank values are recognized by that tag's detector; the
 * tags are the union of both. A name-based tag is dropped when values were sampled and none of them
 * is text or a number (a boolean {@code email_verified} or a date {@code email_sent_at} cannot hold
 * an address). Over-tagging is preferred to under-tagging: a tag only causes masking.
 *
 * <p>Immutable and thread-safe.
 */
public final class ColumnClassifier {
  private final PiiDetectors detectors;
  private final int sampleSize;
  private final double matchThreshold;

  /**
   * Creates a classifier.
   *
   * @param detectors the detectors to apply to values
   * @param sampleSize the most non-null values examined per column, at least 1
   * @param matchThreshold the share of examined values a detector must recognize, in (0, 1]
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for values out of range
   */
  public ColumnClassifier(PiiDetectors detectors, int sampleSize, double matchThreshold) {
    this.detectors = Objects.requireNonNull(detectors, "detectors");
    if (sampleSize < 1 || !(matchThreshold > 0 && matchThreshold <= 1)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "sampleSize must be at least 1 and matchThreshold in (0, 1]");
    }
    this.sampleSize = sampleSize;
    this.matchThreshold = matchThreshold;
  }

  /**
   * Creates a classifier from settings, with the built-in detectors and the user patterns.
   *
   * @param settings the PII settings
   */
  public ColumnClassifier(PiiSettings settings) {
    this(PiiDetectors.of(settings), settings.sampleSize(), settings.matchThreshold());
  }

  /** A classifier with the default settings. */
  public static ColumnClassifier defaults() {
    return new ColumnClassifier(PiiSettings.defaults());
  }

  /** The detectors the classifier applies; share them with {@link MaskingPolicy}. */
  public PiiDetectors detectors() {
    return detectors;
  }

  /**
   * Classifies a column by its name only.
   *
   * @param column the column name
   * @return the classification
   */
  public ColumnClassification classify(String column) {
    return classify(column, List.of());
  }

  /**
   * Classifies a column by its name and sampled values.
   *
   * @param column the column name
   * @param sample values of the column, e.g. from {@code USING SAMPLE}; only the first {@code
   *     sampleSize} non-null, non-blank ones are examined
   * @return the classification
   */
  public ColumnClassification classify(String column, List<?> sample) {
    Objects.requireNonNull(column, "column");
    Map<PiiTag, Integer> hits = new LinkedHashMap<>();
    int examined = 0;
    boolean textOrNumber = false;
    for (Object value : sample) {
      if (examined >= sampleSize) {
        break;
      }
      Set<PiiTag> found = detectorsSee(value);
      if (found == null) {
        continue;
      }
      examined++;
      textOrNumber |= value instanceof CharSequence || value instanceof Number;
      for (PiiTag tag : found) {
        hits.merge(tag, 1, Integer::sum);
      }
    }
    Set<PiiTag> nameTags = ColumnNames.tags(column);
    if (examined > 0 && !textOrNumber) {
      nameTags = Set.of();
    }
    Set<PiiTag> valueTags = new TreeSet<>();
    double best = 0;
    for (Map.Entry<PiiTag, Integer> hit : hits.entrySet()) {
      double share = (double) hit.getValue() / examined;
      best = Math.max(best, share);
      if (share >= matchThreshold) {
        valueTags.add(hit.getKey());
      }
    }
    if (nameTags.isEmpty() && valueTags.isEmpty()) {
      return ColumnClassification.none(column, best);
    }
    Set<PiiTag> tags = new TreeSet<>(nameTags);
    tags.addAll(valueTags);
    String basis =
        nameTags.isEmpty()
            ? ColumnClassification.BASIS_VALUES
            : valueTags.isEmpty()
                ? ColumnClassification.BASIS_NAME
                : ColumnClassification.BASIS_BOTH;
    return new ColumnClassification(column, tags, best, basis);
  }

  /**
   * Classifies the columns of a table from per-column samples.
   *
   * @param table the table name
   * @param samples column name to sampled values, in column order
   * @return the table classification
   */
  public TableClassification classifyTable(String table, Map<String, ? extends List<?>> samples) {
    Map<String, ColumnClassification> columns = new LinkedHashMap<>();
    for (Map.Entry<String, ? extends List<?>> column : samples.entrySet()) {
      columns.put(column.getKey(), classify(column.getKey(), column.getValue()));
    }
    return new TableClassification(table, columns);
  }

  /**
   * Classifies the columns of a table from sampled rows.
   *
   * @param table the table name
   * @param columns the column names
   * @param rows sampled rows, each with one value per column
   * @return the table classification
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when a row has the wrong width
   */
  public TableClassification classifyTable(
      String table, List<String> columns, List<? extends List<?>> rows) {
    Map<String, List<Object>> samples = new LinkedHashMap<>();
    for (String column : columns) {
      samples.put(column, new ArrayList<>());
    }
    for (List<?> row : rows) {
      if (row.size() != columns.size()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "A sampled row has " + row.size() + " values for " + columns.size() + " columns");
      }
      for (int i = 0; i < columns.size(); i++) {
        samples.get(columns.get(i)).add(row.get(i));
      }
    }
    return classifyTable(table, samples);
  }

  /** The tags of a value, or null when the value is null or blank and so not examined. */
  private Set<PiiTag> detectorsSee(Object value) {
    String prepared = detectors.prepare(value);
    return prepared == null ? null : detectors.detect(prepared);
  }

  @Override
  public String toString() {
    return "ColumnClassifier[sampleSize="
        + sampleSize
        + ", matchThreshold="
        + matchThreshold
        + ", "
        + detectors
        + "]";
  }
}
