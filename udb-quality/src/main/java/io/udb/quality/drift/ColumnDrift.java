package io.udb.quality.drift;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The drift of one column.
 *
 * @param column the column
 * @param kind how it was compared
 * @param stattest the test used
 * @param statistic the test statistic (p-value tests) or the distance (distance tests); may be
 *     infinite
 * @param pValue the p-value, or null for a distance test
 * @param threshold the threshold the decision used
 * @param drifted whether the column drifted
 * @param approximate whether a side came from a baseline sketch, making the numbers approximate
 * @param reference the reference side's statistics
 * @param current the current side's statistics
 * @param distribution both sides in common bins, for plotting
 */
public record ColumnDrift(
    String column,
    ColumnKind kind,
    StatTest stattest,
    double statistic,
    Double pValue,
    double threshold,
    boolean drifted,
    boolean approximate,
    ColumnSummary reference,
    ColumnSummary current,
    ColumnDistribution distribution) {

  /** Validates. */
  public ColumnDrift {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(stattest, "stattest");
  }

  /**
   * The column as in {@code POST /udb/drift}: {@code column, kind, stattest, statistic, pValue,
   * threshold, drifted}, then {@code approximate}, {@code reference}, {@code current} and {@code
   * distribution}. Non-finite numbers are the strings {@code "Infinity"}, {@code "NaN"}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("column", column);
    json.put("kind", kind.label());
    json.put("stattest", stattest.evidentlyName());
    json.put("statistic", JsonNumbers.of(statistic));
    json.put("pValue", pValue == null ? null : JsonNumbers.of(pValue));
    json.put("threshold", threshold);
    json.put("drifted", drifted);
    json.put("approximate", approximate);
    json.put("reference", reference.toJson());
    json.put("current", current.toJson());
    json.put("distribution", distribution.toJson());
    return json;
  }
}
