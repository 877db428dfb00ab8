package io.udb.kpi;

import java.util.Objects;

/**
 * One side of a {@link Aggregation#RATIO} KPI: an aggregation of a measure over the KPI's rows,
 * optionally restricted by its own condition (e.g. the sunny days among all days).
 *
 * @param expression a column name or SQL expression; {@code null} only for {@link
 *     Aggregation#COUNT} of rows
 * @param aggregation any aggregation except {@link Aggregation#RATIO}
 * @param percentile the percentile, 0 to 100, for {@link Aggregation#PERCENTILE}; else {@code null}
 * @param filter a SQL condition restricting this side's rows, or {@code null}
 */
public record Measure(
    String expression, Aggregation aggregation, Double percentile, String filter) {

  /** Normalizes blank strings to {@code null}; the KPI builder validates the combination. */
  public Measure {
    Objects.requireNonNull(aggregation, "aggregation");
    expression = blankToNull(expression);
    filter = blankToNull(filter);
  }

  /**
   * A measure without a percentile or filter.
   *
   * @param expression the column or expression
   * @param aggregation the aggregation
   * @return the measure
   */
  public static Measure of(String expression, Aggregation aggregation) {
    return new Measure(expression, aggregation, null, null);
  }

  /**
   * The number of rows.
   *
   * @return {@code count(*)}
   */
  public static Measure countRows() {
    return new Measure(null, Aggregation.COUNT, null, null);
  }

  /**
   * This measure restricted to the rows matching a condition.
   *
   * @param condition a SQL condition
   * @return the restricted measure
   */
  public Measure where(String condition) {
    return new Measure(expression, aggregation, percentile, condition);
  }

  static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
