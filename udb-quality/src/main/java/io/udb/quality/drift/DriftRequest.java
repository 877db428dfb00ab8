package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What to compare and how: a current table against either a reference table or the latest stored
 * baseline of a dataset, optionally restricted to some columns, with Evidently's options to choose
 * tests and thresholds (for all columns, per kind, per column) and the share of drifted columns
 * that makes the dataset drifted.
 *
 * <p>The test of a column is, in this order: its per-column test, the per-kind test, the test for
 * all columns, or Evidently's default choice. Its threshold: the per-column threshold, the
 * threshold for all columns, or the test's default.
 *
 * @param reference the reference table, or null when comparing against a baseline
 * @param baseline the baseline's dataset name, or null when comparing against a table
 * @param current the current table
 * @param columns the columns to compare; empty for every column both sides have
 * @param stattest the test for all columns, or null
 * @param numericStattest the test for numeric columns, or null
 * @param categoricalStattest the test for categorical columns, or null
 * @param columnStattests tests per column
 * @param threshold the threshold for all columns, or null for each test's default
 * @param columnThresholds thresholds per column
 * @param columnKinds kinds per column, overriding the kind derived from the column's type
 * @param driftShare the share of drifted columns from which the dataset counts as drifted
 * @param refresh the baseline's refresh policy (baseline comparisons only), or null for none
 * @param approximateAbove null for exact statistics (the default); otherwise a side of a numeric
 *     column with more than this many distinct finite values (as the engine estimates them) is read
 *     as a sketch of equal-width cells, with bounded error (see {@link
 *     Builder#approximateAbove(long)})
 */
public record DriftRequest(
    TableRef reference,
    String baseline,
    TableRef current,
    List<String> columns,
    StatTest stattest,
    StatTest numericStattest,
    StatTest categoricalStattest,
    Map<String, StatTest> columnStattests,
    Double threshold,
    Map<String, Double> columnThresholds,
    Map<String, ColumnKind> columnKinds,
    double driftShare,
    RefreshPolicy refresh,
    Long approximateAbove) {

  /** Evidently's default share of drifted columns for dataset drift. */
  public static final double DEFAULT_DRIFT_SHARE = 0.5;

  private static final Set<String> JSON_KEYS =
      Set.of(
          "reference",
          "baseline",
          "current",
          "columns",
          "stattest",
          "numStattest",
          "catStattest",
          "perColumnStattest",
          "threshold",
          "perColumnThreshold",
          "columnKinds",
          "driftShare",
          "refresh",
          "approximateAbove");

  /** Validates and copies. */
  public DriftRequest {
    Objects.requireNonNull(current, "current");
    if ((reference == null) == (baseline == null)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Give either a reference table or a baseline, not both");
    }
    if (baseline != null) {
      BaselineStore.checkDataset(baseline);
    }
    if (refresh != null && baseline == null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A refresh policy applies only to a baseline comparison");
    }
    columns = columns == null ? List.of() : List.copyOf(columns);
    columnStattests = columnStattests == null ? Map.of() : Map.copyOf(columnStattests);
    columnThresholds = columnThresholds == null ? Map.of() : Map.copyOf(columnThresholds);
    columnKinds = columnKinds == null ? Map.of() : Map.copyOf(columnKinds);
    if (threshold != null) {
      checkThreshold(threshold, "threshold");
    }
    columnThresholds.forEach((column, value) -> checkThreshold(value, "threshold of " + column));
    if (approximateAbove != null && approximateAbove < 1) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "approximateAbove must be at least 1, got " + approximateAbove);
    }
    if (!(driftShare > 0 && driftShare <= 1)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "driftShare must be within (0, 1], got " + driftShare);
    }
  }

  private static void checkThreshold(double value, String name) {
    if (!Double.isFinite(value) || value < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, name + " must be a finite number >= 0, got " + value);
    }
  }

  /**
   * Starts a comparison of two tables.
   *
   * @param reference the reference table
   * @param current the current table
   * @return a builder
   */
  public static Builder between(TableRef reference, TableRef current) {
    return new Builder(Objects.requireNonNull(reference, "reference"), null, current);
  }

  /**
   * Starts a comparison of a table against the latest baseline of a dataset.
   *
   * @param dataset the baseline's dataset name
   * @param current the current table
   * @return a builder
   */
  public static Builder againstBaseline(String dataset, TableRef current) {
    return new Builder(null, Objects.requireNonNull(dataset, "dataset"), current);
  }

  /** Whether the reference is a stored baseline. */
  public boolean againstBaseline() {
    return baseline != null;
  }

  /**
   * The test explicitly requested for a column, or null for Evidently's default.
   *
   * @param column the column
   * @param kind its kind
   * @return the test or null
   */
  public StatTest requestedTest(String column, ColumnKind kind) {
    StatTest perColumn = columnStattests.get(column);
    if (perColumn != null) {
      return perColumn;
    }
    StatTest perKind = kind == ColumnKind.NUMERIC ? numericStattest : categoricalStattest;
    return perKind != null ? perKind : stattest;
  }

  /**
   * The threshold for a column tested with {@code test}.
   *
   * @param column the column
   * @param test its test
   * @return the threshold
   */
  public double thresholdFor(String column, StatTest test) {
    Double perColumn = columnThresholds.get(column);
    if (perColumn != null) {
      return perColumn;
    }
    return threshold != null ? threshold : test.defaultThreshold();
  }

  /**
   * Reads the HTTP body {@code {"reference" | "baseline", "current", "columns"?, "stattest"?,
   * "numStattest"?, "catStattest"?, "perColumnStattest"?, "threshold"?, "perColumnThreshold"?,
   * "columnKinds"?, "driftShare"?, "refresh"?, "approximateAbove"?}}.
   *
   * @param json the body
   * @return the request
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for unknown keys or bad values
   */
  public static DriftRequest fromJson(Map<String, Object> json) {
    for (String key : json.keySet()) {
      if (!JSON_KEYS.contains(key)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Unknown drift option '" + key + "'; known options: " + JSON_KEYS);
      }
    }
    TableRef current = TableRef.of(text(json, "current", true));
    String reference = text(json, "reference", false);
    String baseline = text(json, "baseline", false);
    Builder builder =
        reference != null && baseline == null
            ? between(TableRef.of(reference), current)
            : new Builder(reference == null ? null : TableRef.of(reference), baseline, current);
    if (json.get("columns") instanceof List<?> list) {
      List<String> columns = new ArrayList<>();
      list.forEach(item -> columns.add(String.valueOf(item)));
      builder.columns(columns);
    } else if (json.get("columns") != null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "columns must be a list of names");
    }
    if (json.get("stattest") != null) {
      builder.stattest(StatTest.byName(text(json, "stattest", true)));
    }
    if (json.get("numStattest") != null) {
      builder.numericStattest(StatTest.byName(text(json, "numStattest", true)));
    }
    if (json.get("catStattest") != null) {
      builder.categoricalStattest(StatTest.byName(text(json, "catStattest", true)));
    }
    object(json, "perColumnStattest")
        .forEach((k, v) -> builder.columnStattest(k, StatTest.byName(String.valueOf(v))));
    if (json.get("threshold") != null) {
      builder.threshold(JsonNumbers.toDouble(json.get("threshold")));
    }
    object(json, "perColumnThreshold")
        .forEach((k, v) -> builder.columnThreshold(k, JsonNumbers.toDouble(v)));
    object(json, "columnKinds")
        .forEach((k, v) -> builder.columnKind(k, ColumnKind.parse(String.valueOf(v))));
    if (json.get("driftShare") != null) {
      builder.driftShare(JsonNumbers.toDouble(json.get("driftShare")));
    }
    if (json.get("refresh") instanceof Map<?, ?> refresh) {
      builder.refresh(RefreshPolicy.fromJson(refresh));
    } else if (json.get("refresh") != null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "refresh must be an object");
    }
    if (json.get("approximateAbove") instanceof Number above
        && above.doubleValue() == Math.rint(above.doubleValue())) {
      builder.approximateAbove(above.longValue());
    } else if (json.get("approximateAbove") != null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "approximateAbove must be a whole number of distinct values");
    }
    return builder.build();
  }

  private static String text(Map<String, Object> json, String key, boolean required) {
    Object value = json.get(key);
    if (value == null) {
      if (required) {
        throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Missing '" + key + "'");
      }
      return null;
    }
    if (!(value instanceof String text)) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "'" + key + "' must be a string");
    }
    return text;
  }

  private static Map<String, Object> object(Map<String, Object> json, String key) {
    Object value = json.get(key);
    if (value == null) {
      return Map.of();
    }
    if (!(value instanceof Map<?, ?> map)) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "'" + key + "' must be an object");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  /** Builds a {@link DriftRequest}; not thread-safe. */
  public static final class Builder {
    private final TableRef reference;
    private final String baseline;
    private final TableRef current;
    private List<String> columns = List.of();
    private StatTest stattest;
    private StatTest numericStattest;
    private StatTest categoricalStattest;
    private final Map<String, StatTest> columnStattests = new LinkedHashMap<>();
    private Double threshold;
    private final Map<String, Double> columnThresholds = new LinkedHashMap<>();
    private final Map<String, ColumnKind> columnKinds = new LinkedHashMap<>();
    private double driftShare = DEFAULT_DRIFT_SHARE;
    private RefreshPolicy refresh;
    private Long approximateAbove;

    private Builder(TableRef reference, String baseline, TableRef current) {
      this.reference = reference;
      this.baseline = baseline;
      this.current = Objects.requireNonNull(current, "current");
    }

    /** Compares only these columns. */
    public Builder columns(List<String> names) {
      this.columns = List.copyOf(names);
      return this;
    }

    /** Uses this test for all columns. */
    public Builder stattest(StatTest test) {
      this.stattest = test;
      return this;
    }

    /** Uses this test for numeric columns. */
    public Builder numericStattest(StatTest test) {
      this.numericStattest = test;
      return this;
    }

    /** Uses this test for categorical columns. */
    public Builder categoricalStattest(StatTest test) {
      this.categoricalStattest = test;
      return this;
    }

    /** Uses this test for one column. */
    public Builder columnStattest(String column, StatTest test) {
      columnStattests.put(column, Objects.requireNonNull(test, "test"));
      return this;
    }

    /** Uses this threshold for all columns. */
    public Builder threshold(double value) {
      this.threshold = value;
      return this;
    }

    /** Uses this threshold for one column. */
    public Builder columnThreshold(String column, double value) {
      columnThresholds.put(column, value);
      return this;
    }

    /** Compares one column as this kind. */
    public Builder columnKind(String column, ColumnKind kind) {
      columnKinds.put(column, Objects.requireNonNull(kind, "kind"));
      return this;
    }

    /** Counts the dataset as drifted from this share of drifted columns on. */
    public Builder driftShare(double share) {
      this.driftShare = share;
      return this;
    }

    /** Refreshes the baseline with this policy. */
    public Builder refresh(RefreshPolicy policy) {
      this.refresh = policy;
      return this;
    }

    /**
     * Reads a side of a numeric column as a sketch when the engine estimates more than {@code
     * distinctValues} distinct finite values in it (the default reads every column exactly). The
     * sketch has {@value SketchedSide#CELLS} equal-width cells between the side's smallest and
     * largest value, each represented by the mean of its values: a value moves by less than one
     * cell width {@code w}, so a Wasserstein distance is off by at most the two sides' {@code w}
     * summed (divided by the reference's standard deviation when normed), a KS statistic or a CDF
     * by at most one cell's share of the values, quantiles by at most {@code w}. Such columns are
     * marked {@link ColumnDrift#approximate()}; their summaries keep exact counts, minimum,
     * maximum, mean and standard deviation, with an estimated distinct count. It trades accuracy
     * for time on columns of many distinct values (the exact reading groups and sorts every
     * distinct value); columns at or below the limit cost one extra aggregate query per side.
     *
     * @param distinctValues at least 1
     * @return this
     */
    public Builder approximateAbove(long distinctValues) {
      this.approximateAbove = distinctValues;
      return this;
    }

    /** The request. */
    public DriftRequest build() {
      return new DriftRequest(
          reference,
          baseline,
          current,
          columns,
          stattest,
          numericStattest,
          categoricalStattest,
          columnStattests,
          threshold,
          columnThresholds,
          columnKinds,
          driftShare,
          refresh,
          approximateAbove);
    }
  }
}
