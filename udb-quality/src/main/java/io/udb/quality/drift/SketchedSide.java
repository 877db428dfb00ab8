package io.udb.quality.drift;

import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The opt-in approximate reading of a numeric column with many distinct values ({@link
 * DriftRequest#approximateAbove()}): instead of one row per distinct value, {@value #CELLS}
 * equal-width cells between the side's smallest and largest finite value (the largest value in a
 * cell of its own), each with its count and the sum of its values, computed in the engine by a
 * {@code GROUP BY} on the cell number, which needs a hash table of at most {@value #CELLS} + 1
 * entries where the exact reading needs one of every distinct value, plus a sort of that size.
 *
 * <p>Each cell becomes one value (the mean of its values) with the cell's count, so every value
 * moves by less than one cell width {@code w = (max - min) / CELLS}: an empirical CDF read from the
 * sketch is off by at most the mass of one cell, a Wasserstein distance between two sides by at
 * most the sum of their two cell widths, quantiles by at most {@code w}. The side's summary keeps
 * the exact row, missing and invalid counts, minimum, maximum, mean and standard deviation (from
 * one aggregate query); its distinct count is the engine's approximate count and its quantiles come
 * from the sketch. Whether a side is sketched is decided on the engine's cheap estimate of its
 * distinct values ({@link SqlDialect#distinctEstimate}), confirmed by the approximate count of the
 * aggregate query, so a column below the limit costs one extra catalog-sized query.
 *
 * <p>Where the engine keeps bounds of a column's values ({@link SqlDialect#storedBounds}), the
 * side's cells are laid between those bounds instead and read in the statement that reads the small
 * sides ({@link Cells}); each cell then also brings its smallest and largest value and its
 * variance, from which the summary's extremes, mean and standard deviation follow without the
 * aggregate query.
 */
final class SketchedSide {
  /** Equal-width cells of a sketched side. */
  static final int CELLS = 10_000;

  private SketchedSide() {}

  /**
   * One side of a numeric column: sketched when its approximate number of distinct finite values is
   * above {@code approximateAbove}, otherwise read exactly by {@link CountsLoader#numeric}.
   *
   * @param session the tenant's session
   * @param table the table
   * @param column the column, of a numeric type
   * @param integral whether the column has an integer type
   * @param approximateAbove the distinct count above which the side is sketched
   * @return the side
   */
  static ColumnSide read(
      SqlSession session, TableRef table, String column, boolean integral, long approximateAbove) {
    return read(session, table, column, integral, approximateAbove, null);
  }

  /**
   * As {@link #read(SqlSession, TableRef, String, boolean, long)}, with the engine's estimate of
   * the side's distinct values already at hand.
   *
   * @param estimate the estimate, or null to ask the engine for it
   */
  static ColumnSide read(
      SqlSession session,
      TableRef table,
      String column,
      boolean integral,
      long approximateAbove,
      Long estimate) {
    SqlDialect dialect = session.dialect();
    long estimated = estimate != null ? estimate : estimatedDistinct(session, table, column);
    if (estimated <= approximateAbove) {
      return ColumnSide.of(CountsLoader.numeric(session, table, column, integral));
    }
    List<Object> probe = session.query(probe(dialect, table, column), List.of()).rows().get(0);
    long rows = number(probe.get(0)).longValue();
    long nonNull = number(probe.get(1)).longValue();
    long finite = number(probe.get(2)).longValue();
    if (finite == 0 || number(probe.get(7)).longValue() <= approximateAbove) {
      return ColumnSide.of(CountsLoader.numeric(session, table, column, integral));
    }
    long distinct = number(probe.get(7)).longValue();
    double min = number(probe.get(3)).doubleValue();
    double max = number(probe.get(4)).doubleValue();
    if (!(max > min)) {
      return ColumnSide.of(CountsLoader.numeric(session, table, column, integral));
    }
    double width = (max - min) / CELLS;
    QueryResult cells = session.query(cells(dialect, table, column), List.of(min, width));
    double[] values = new double[cells.rows().size()];
    long[] counts = new long[values.length];
    int size = 0;
    for (List<Object> cell : cells.rows()) {
      long index = number(cell.get(0)).longValue();
      long count = number(cell.get(1)).longValue();
      double from = Math.max(min, min + index * width);
      double to = index >= CELLS - 1 ? max : Math.min(max, min + (index + 1) * width);
      double mean = Math.min(Math.max(number(cell.get(2)).doubleValue() / count, from), to);
      if (size > 0 && mean <= values[size - 1]) {
        // rounding put two neighbouring cells' means on one value
        counts[size - 1] += count;
      } else {
        values[size] = mean == 0.0 ? 0.0 : mean;
        counts[size] = count;
        size++;
      }
    }
    long invalid = nonNull - finite;
    NumericCounts sketch =
        new NumericCounts(
            Arrays.copyOf(values, size),
            Arrays.copyOf(counts, size),
            rows - finite,
            invalid,
            integral,
            true);
    Object std = probe.get(6);
    return sketched(
        sketch,
        rows,
        finite,
        invalid,
        distinct,
        min,
        max,
        number(probe.get(5)).doubleValue(),
        std == null ? Double.NaN : number(std).doubleValue());
  }

  /**
   * A sketched side: its sketch, with quantiles read from it, and the summary's exact figures.
   *
   * @param finite the finite values; the rest of the rows are missing
   * @param invalid the non-finite values among the missing ones
   */
  private static ColumnSide sketched(
      NumericCounts sketch,
      long rows,
      long finite,
      long invalid,
      long distinct,
      Double min,
      Double max,
      Double mean,
      double std) {
    Map<String, Double> quantiles = new LinkedHashMap<>();
    if (finite > 0) {
      for (double q : ColumnSummary.QUANTILES) {
        quantiles.put(ColumnSummary.quantileKey(q), sketch.quantile(q));
      }
    }
    ColumnSummary summary =
        new ColumnSummary(
            rows,
            finite,
            rows - finite,
            invalid,
            distinct,
            min,
            max,
            mean,
            std,
            quantiles,
            null,
            null,
            null,
            null,
            null);
    return new ColumnSide(sketch, null, summary);
  }

  /**
   * The cells of one side read together with other sides ({@link CountsLoader#many}), between
   * bounds the engine keeps without scanning ({@link SqlDialect#storedBounds}): the statement that
   * reads the small sides also groups this side's values into cells, so a sketched side costs no
   * statement of its own. Each cell arrives with its count, the mean, smallest and largest of its
   * values and their population variance, which give the side's exact count, minimum, maximum, mean
   * and standard deviation; the distinct count is the engine's estimate. Not thread-safe.
   */
  static final class Cells {
    private final double min;
    private final double max;
    private final boolean integral;
    private final long distinct;
    private double[] means = new double[64];
    private long[] counts = new long[64];
    private double[] variances = new double[64];
    private int size;
    private long rows;
    private long nulls;
    private long nonFinite;
    private double smallest = Double.NaN;
    private double largest = Double.NaN;

    /**
     * Cells between bounds.
     *
     * @param min a bound at or below every finite value
     * @param max a bound at or above every finite value, greater than {@code min}
     * @param integral whether the column has an integer type
     * @param distinct the engine's estimate of the side's distinct values
     */
    Cells(double min, double max, boolean integral, long distinct) {
      this.min = min;
      this.max = max;
      this.integral = integral;
      this.distinct = distinct;
    }

    /** The bounds, {@code {min, max}}. */
    double[] bounds() {
      return new double[] {min, max};
    }

    /**
     * Adds one row, in the statement's order: NULL first, then by increasing mean. Finite bounds
     * leave no room for NaN or infinities; a row of one would still be counted as invalid.
     */
    void add(double mean, boolean isNull, long count, double low, double high, double variance) {
      rows += count;
      if (isNull) {
        nulls += count;
        return;
      }
      if (!Double.isFinite(mean)) {
        nonFinite += count;
        return;
      }
      if (Double.isNaN(smallest)) {
        smallest = low;
      }
      largest = high;
      // the mean lies within its cell's values; rounding may push it out
      double value = Math.min(Math.max(mean, low), high);
      if (size > 0 && value <= means[size - 1]) {
        // rounding put two neighbouring cells' means on one value
        double merged = counts[size - 1] + count;
        double delta = value - means[size - 1];
        variances[size - 1] =
            (variances[size - 1] * counts[size - 1]
                    + variance * count
                    + delta * delta * counts[size - 1] * count / merged)
                / merged;
        counts[size - 1] += count;
        return;
      }
      if (size == means.length) {
        means = Arrays.copyOf(means, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
        variances = Arrays.copyOf(variances, size * 2);
      }
      means[size] = value == 0.0 ? 0.0 : value;
      counts[size] = count;
      variances[size] = variance;
      size++;
    }

    /** The side, as {@link #read} gives a sketched one. */
    ColumnSide side() {
      long finite = rows - nulls - nonFinite;
      NumericCounts sketch =
          new NumericCounts(
              Arrays.copyOf(means, size),
              Arrays.copyOf(counts, size),
              rows - finite,
              nonFinite,
              integral,
              true);
      double total = 0;
      for (int i = 0; i < size; i++) {
        total += means[i] * counts[i];
      }
      double mean = finite == 0 ? Double.NaN : total / finite;
      // within-cell spread plus the spread of the cells' means (the parallel variance formula)
      double squares = 0;
      for (int i = 0; i < size; i++) {
        double delta = means[i] - mean;
        squares += variances[i] * counts[i] + delta * delta * counts[i];
      }
      double std = finite < 2 ? Double.NaN : Math.sqrt(squares / (finite - 1));
      return finite == 0
          ? sketched(sketch, rows, 0, nonFinite, distinct, null, null, null, std)
          : sketched(sketch, rows, finite, nonFinite, distinct, smallest, largest, mean, std);
    }
  }

  /**
   * The engine's cheap estimate of the column's distinct values ({@link
   * SqlDialect#distinctEstimate}), or a HyperLogLog count when it has none.
   */
  private static long estimatedDistinct(SqlSession session, TableRef table, String column) {
    SqlDialect dialect = session.dialect();
    String quoted = dialect.quoteIdentifier(column);
    List<List<Object>> estimate =
        session.query(dialect.distinctEstimate(dialect.table(table), quoted), List.of()).rows();
    if (!estimate.isEmpty() && estimate.get(0).get(0) != null) {
      return number(estimate.get(0).get(0)).longValue();
    }
    List<Object> counted =
        session
            .query(
                "SELECT " + dialect.approximateDistinct(quoted) + " FROM " + dialect.table(table),
                List.of())
            .rows()
            .get(0);
    return counted.get(0) == null ? 0 : number(counted.get(0)).longValue();
  }

  /**
   * {@code rows, non-NULL values, finite values}, then over the finite values {@code min, max,
   * mean, sample standard deviation, approximate distinct count}.
   */
  static String probe(SqlDialect dialect, TableRef table, String column) {
    String value = dialect.toDouble(dialect.quoteIdentifier(column));
    String finite = "CASE WHEN " + dialect.isFinite(value) + " THEN " + value + " END";
    return "SELECT count(*), count("
        + value
        + "), count("
        + finite
        + "), min("
        + finite
        + "), max("
        + finite
        + "), "
        + dialect.mean(finite)
        + ", "
        + dialect.stddevSample(finite)
        + ", "
        + dialect.approximateDistinct(finite)
        + " FROM "
        + dialect.table(table);
  }

  /**
   * {@code cell, count, sum} of the finite values per cell, cell {@code floor((v - ?) / ?)} (the
   * parameters: the smallest value and the cell width); values equal to the largest one fall one
   * past the last cell, into a cell of their own, which keeps them exact.
   */
  static String cells(SqlDialect dialect, TableRef table, String column) {
    String value = dialect.toDouble(dialect.quoteIdentifier(column));
    return "SELECT CAST(floor(("
        + value
        + " - ?) / ?) AS BIGINT) AS cell, count(*) AS n, sum("
        + value
        + ") AS total FROM "
        + dialect.table(table)
        + " WHERE "
        + dialect.isFinite(value)
        + " GROUP BY 1 ORDER BY 1";
  }

  private static Number number(Object value) {
    return (Number) value;
  }
}
