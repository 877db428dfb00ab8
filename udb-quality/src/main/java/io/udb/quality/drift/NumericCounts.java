package io.udb.quality.drift;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One side of a numeric column: its finite values as strictly increasing distinct values with their
 * counts, plus how many values were missing (NULL) or invalid (NaN, infinite). This is the
 * sufficient statistic of every numeric drift test; its size is the number of distinct values, not
 * of rows.
 *
 * <p>The arrays are owned by this object and never exposed for writing.
 */
final class NumericCounts {
  private final double[] values;
  private final long[] counts;
  private final long[] cumulative;
  private final long missing;
  private final long invalid;
  private final boolean integral;
  private final boolean approximate;

  /**
   * Takes ownership of the arrays.
   *
   * @param values strictly increasing finite values
   * @param counts positive counts, one per value
   * @param missing NULLs plus invalid values
   * @param invalid non-finite values
   * @param integral whether the source column has an integer type (numpy's histogram rule)
   * @param approximate whether the values are a sketch of the real ones
   */
  NumericCounts(
      double[] values,
      long[] counts,
      long missing,
      long invalid,
      boolean integral,
      boolean approximate) {
    if (values.length != counts.length) {
      throw new IllegalArgumentException("values and counts differ in length");
    }
    this.values = values;
    this.counts = counts;
    this.cumulative = new long[counts.length];
    long total = 0;
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] <= 0 || !Double.isFinite(values[i]) || (i > 0 && values[i] <= values[i - 1])) {
        throw new IllegalArgumentException("values must be finite and increasing, counts positive");
      }
      total += counts[i];
      cumulative[i] = total;
    }
    this.missing = missing;
    this.invalid = invalid;
    this.integral = integral;
    this.approximate = approximate;
  }

  /**
   * Builds the counts from rows of (value, count) in increasing value order, as a {@code GROUP BY}
   * returns them: NULL and non-finite values are counted as missing, equal neighbours (such as
   * {@code -0.0} and {@code 0.0}) merged.
   */
  static NumericCounts fromSortedRows(
      double[] rowValues, boolean[] rowNull, long[] rowCounts, int rows, boolean integral) {
    double[] values = new double[rows];
    long[] counts = new long[rows];
    int size = 0;
    long missing = 0;
    long invalid = 0;
    for (int i = 0; i < rows; i++) {
      double v = rowValues[i];
      if (rowNull[i]) {
        missing += rowCounts[i];
      } else if (!Double.isFinite(v)) {
        missing += rowCounts[i];
        invalid += rowCounts[i];
      } else if (size > 0 && v == values[size - 1]) {
        counts[size - 1] += rowCounts[i];
      } else {
        if (size > 0 && v < values[size - 1]) {
          throw new IllegalArgumentException("rows are not in increasing order");
        }
        values[size] = v == 0.0 ? 0.0 : v;
        counts[size] = rowCounts[i];
        size++;
      }
    }
    return new NumericCounts(
        Arrays.copyOf(values, size),
        Arrays.copyOf(counts, size),
        missing,
        invalid,
        integral,
        false);
  }

  int size() {
    return values.length;
  }

  double value(int index) {
    return values[index];
  }

  long count(int index) {
    return counts[index];
  }

  /** Non-missing values. */
  long count() {
    return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1];
  }

  long missing() {
    return missing;
  }

  long invalid() {
    return invalid;
  }

  /** All rows, missing included. */
  long rows() {
    return count() + missing;
  }

  boolean integral() {
    return integral;
  }

  boolean approximate() {
    return approximate;
  }

  double min() {
    return values[0];
  }

  double max() {
    return values[values.length - 1];
  }

  /** The arithmetic mean. */
  double mean() {
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      sum += values[i] * counts[i];
    }
    return sum / count();
  }

  /**
   * The variance around the mean, two-pass as numpy computes it.
   *
   * @param ddof delta degrees of freedom: 0 for the population, 1 for the sample variance
   * @return the variance, NaN when there are not more values than {@code ddof}
   */
  double variance(int ddof) {
    long n = count();
    if (n <= ddof) {
      return Double.NaN;
    }
    double mean = mean();
    double sum = 0;
    for (int i = 0; i < values.length; i++) {
      double d = values[i] - mean;
      sum += d * d * counts[i];
    }
    return sum / (n - ddof);
  }

  /**
   * The value at a position of the sorted sample.
   *
   * @param position 0-based position in the sorted sample, within {@code [0, count())}
   * @return the value
   */
  double valueAt(long position) {
    int index = Arrays.binarySearch(cumulative, position + 1);
    if (index < 0) {
      index = -index - 1;
    }
    return values[index];
  }

  /**
   * The quantile exactly as numpy 1.24 computes it with its default linear method (and pandas
   * through it): virtual index {@code (n - 1) q}, then {@code a + (b - a) g} below {@code g = 0.5}
   * and {@code b - (b - a)(1 - g)} from there on, which is what makes numbers like {@code
   * 22.799999999999997} come out the same.
   *
   * @param q the fraction in {@code [0, 1]}
   * @return the quantile, NaN when there are no values
   */
  double quantile(double q) {
    long n = count();
    if (n == 0) {
      return Double.NaN;
    }
    double virtual = (double) (n - 1) * q;
    if (virtual >= n - 1) {
      return max();
    }
    if (virtual < 0) {
      return min();
    }
    double previousIndex = Math.floor(virtual);
    long previous = (long) previousIndex;
    double gamma = virtual - previousIndex;
    double a = valueAt(previous);
    double b = valueAt(previous + 1);
    double diff = b - a;
    if (gamma >= 0.5) {
      return b - diff * (1 - gamma);
    }
    return a + diff * gamma;
  }

  /** The descriptive statistics of this side. */
  ColumnSummary summary() {
    long n = count();
    if (n == 0) {
      return new ColumnSummary(
          rows(), 0, missing, invalid, 0, null, null, null, null, null, null, null, null, null,
          null);
    }
    Map<String, Double> quantiles = new LinkedHashMap<>();
    for (double q : ColumnSummary.QUANTILES) {
      quantiles.put(ColumnSummary.quantileKey(q), quantile(q));
    }
    return new ColumnSummary(
        rows(),
        n,
        missing,
        invalid,
        values.length,
        min(),
        max(),
        mean(),
        Math.sqrt(variance(1)),
        quantiles,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * This side with at most {@code maxValues} distinct values: itself when it is that small,
   * otherwise a sketch that keeps the smallest and the largest value exactly and replaces the
   * values between them by {@code points} equal-mass groups of neighbours, each represented by the
   * weighted mean of its values with the group's total count. Counts, extremes and (up to rounding)
   * the mean stay exact; an empirical CDF read from the sketch is off by at most one group's mass
   * (about {@code 1/points} of the values, more where a single value is heavier), a Wasserstein
   * distance by at most the widest group's width times its share.
   *
   * @param maxValues the largest number of distinct values kept exactly
   * @param points the number of groups of a sketch
   * @return this or a sketch
   */
  NumericCounts compress(int maxValues, int points) {
    if (values.length <= maxValues) {
      return this;
    }
    int last = values.length - 1;
    long inner = cumulative[last - 1] - counts[0];
    double[] sketchValues = new double[points + 2];
    long[] sketchCounts = new long[points + 2];
    sketchValues[0] = values[0];
    sketchCounts[0] = counts[0];
    int size = 1;
    int i = 1;
    long taken = 0;
    for (int g = 1; g <= points && i < last; g++) {
      long target = g == points ? inner : (long) Math.ceil((double) inner * g / points);
      int from = i;
      double weighted = 0;
      long mass = 0;
      while (i < last && (mass == 0 || taken + mass < target)) {
        weighted += values[i] * counts[i];
        mass += counts[i];
        i++;
      }
      sketchValues[size] = Math.min(Math.max(weighted / mass, values[from]), values[i - 1]);
      sketchCounts[size] = mass;
      size++;
      taken += mass;
    }
    sketchValues[size] = values[last];
    sketchCounts[size] = counts[last];
    size++;
    return new NumericCounts(
        Arrays.copyOf(sketchValues, size),
        Arrays.copyOf(sketchCounts, size),
        missing,
        invalid,
        integral,
        true);
  }
}
