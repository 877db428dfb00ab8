package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Integer columns whose values are exactly the integers from their minimum to their maximum, each
 * once: surrogate keys, row numbers, sequence ids. For such a column everything the distribution
 * pass would derive from its value counts follows from the minimum and the row count, so it is not
 * grouped at all; grouping and ranking a unique column of millions of rows is the costliest part of
 * an exact profile (measured in {@code udb-bench}, about half the distribution statement).
 *
 * <p>A column is a candidate when it has an integer type, at least {@link #MIN_ROWS} values and
 * {@code max - min + 1 == count}; it qualifies when, in addition, its number of distinct values is
 * the count, which one cheap scan confirms for all candidates ({@link
 * SqlDialect#distinctIntegersBetween}). Then the values are a permutation of {@code min..max}:
 *
 * <ul>
 *   <li>distinct = count, every value once (entropy terms 0 and count);
 *   <li>the value at 0-based rank r is {@code min + r}: quantiles, the median and the top values
 *       (all tied at 1, so the smallest first) and both extremes;
 *   <li>the deviations from the median are 0, 1, 1, 2, 2, ... (or 0.5, 0.5, 1.5, ... for an even
 *       count): the MAD;
 *   <li>the central power sums have closed forms, shifted to the first pass's mean;
 *   <li>the histogram counts the integers between the bin edges, found by bisection with the same
 *       double arithmetic as the engine's bin expression;
 *   <li>the average rank of a value is {@code value - min + 1}, a linear function of the value, so
 *       Spearman's rho with another column is Pearson's r of the value and the other's ranks.
 * </ul>
 */
final class ConsecutiveIntegers {
  /** Below this many values the grouping is cheap and the confirming scan would not pay. */
  static final long MIN_ROWS = 10_000;

  /** The bitmap of the confirming scan has one bit per integer of the range (12.5 MB). */
  static final long MAX_RANGE = 100_000_000;

  /** 2^53: every integer up to it in magnitude is a double exactly. */
  private static final double EXACT_DOUBLE = 9.007199254740992E15;

  private ConsecutiveIntegers() {}

  /**
   * Whether a column, after the first pass, may hold consecutive integers: a signed integer type of
   * at most 64 bits, no fewer than {@code minRows} values, none beyond 2^53 in magnitude (the first
   * pass reads them as doubles), and a range exactly as wide as their count.
   */
  static boolean candidate(ColumnState c, long minRows) {
    if (c.base() != ColumnSpec.Base.NUMERIC || c.count < Math.max(1, minRows)) {
      return false;
    }
    if (!isSignedInteger(c.spec.type()) || c.min == null || c.max == null) {
      return false;
    }
    if (Math.abs(c.min) > EXACT_DOUBLE || Math.abs(c.max) > EXACT_DOUBLE || c.count > MAX_RANGE) {
      return false;
    }
    return c.max - c.min == c.count - 1 && c.finiteCount == c.count;
  }

  /** Whether a type is DuckDB's or Spark's TINYINT, SMALLINT, INTEGER or BIGINT. */
  static boolean isSignedInteger(String type) {
    return switch (type.toUpperCase(Locale.ROOT)) {
      case "BIGINT",
          "INT8",
          "LONG",
          "INTEGER",
          "INT",
          "INT4",
          "SMALLINT",
          "INT2",
          "SHORT",
          "TINYINT",
          "INT1",
          "BYTE" ->
          true;
      default -> false;
    };
  }

  /** The aggregate confirming a candidate: its distinct values within its range. */
  static String confirmation(SqlDialect dialect, ColumnState c) {
    return dialect.distinctIntegersBetween(c.spec.value(), c.min.longValue(), c.max.longValue());
  }

  /**
   * Fills in everything the distribution pass and {@link MadPass} would compute for a column that
   * holds consecutive integers.
   *
   * @param c the column, with the first pass's results
   * @param options the profile options (top values, extremes, histogram bins)
   */
  static void fill(ColumnState c, ProfileOptions options) {
    long n = c.count;
    long min = c.min.longValue();
    c.frequenciesKnown = true;
    c.distinct = n;
    c.sumNLogN = 0.0;
    c.sumNSquared = (double) n;
    c.top = firstValues(min, Math.min(options.topValues(), n), 1);
    if (options.extremeValues() > 0) {
      long k = Math.min(options.extremeValues(), n);
      c.smallest = firstValues(min, k, 1);
      c.largest = firstValues(min + n - 1, k, -1);
    }
    List<Object> bounds = new ArrayList<>();
    for (double fraction : ProfileSql.QUANTILE_FRACTIONS) {
      for (long rank : Quantiles.ranks(n, fraction)) {
        bounds.add(min + rank);
      }
    }
    c.quantileBounds = bounds;
    long[] middle = Quantiles.ranks(n, 0.5);
    double t = Quantiles.fraction(n, 0.5);
    double lo = min + middle[0];
    c.madMedian = lo + t * ((min + middle[1]) - lo);
    c.mad = Quantiles.interpolate(deviation(n, middle[0]), deviation(n, middle[1]), t);
    centralSums(c, min);
    c.bins = histogram(c, min, options.histogramBins());
  }

  /**
   * The k-th smallest (0-based) of |i - (n - 1) / 2| over i = 0..n-1: the deviations from the
   * median of n consecutive integers come in pairs around it.
   */
  static double deviation(long n, long k) {
    return n % 2 == 1 ? (double) ((k + 1) / 2) : (k / 2) + 0.5;
  }

  /**
   * Sums of (x - mean)^2, ^3, ^4 over min..min+n-1 around the first pass's mean: the closed forms
   * around the exact centre, n(n^2 - 1)/12 and n(n^2 - 1)(3n^2 - 7)/240 (odd powers vanish), moved
   * by the small difference d between the two centres.
   */
  private static void centralSums(ColumnState c, long min) {
    double n = c.count;
    double d = c.mean - (min + (n - 1) / 2.0);
    double s2 = n * (n * n - 1) / 12.0;
    double s4 = n * (n * n - 1) * (3 * n * n - 7) / 240.0;
    c.centralSum2 = s2 + n * d * d;
    c.centralSum3 = -3 * d * s2 - n * d * d * d;
    c.centralSum4 = s4 + 6 * d * d * s2 + n * d * d * d * d;
  }

  /**
   * The integers of each bin, with bins assigned exactly as {@link ProfileSql#bin} does in the
   * engine: {@code least(floor((x - lower) * perUnit), bins - 1)} in double arithmetic. The bin of
   * x never decreases as x grows, so each bin's first integer is found by bisection.
   */
  private static long[] histogram(ColumnState c, long min, int bins) {
    long n = c.count;
    if (!(c.max > c.min)) {
      return new long[] {n};
    }
    double lower = c.min;
    double perUnit = bins / (c.max - c.min);
    long[] counts = new long[bins];
    long max = min + n - 1;
    long start = min;
    for (int b = 0; b < bins; b++) {
      // the first integer in [start, max + 1] whose bin is beyond b
      long lo = start;
      long hi = max + 1;
      while (lo < hi) {
        long mid = lo + (hi - lo) / 2;
        if (bin(mid, lower, perUnit, bins) > b) {
          hi = mid;
        } else {
          lo = mid + 1;
        }
      }
      counts[b] = lo - start;
      start = lo;
    }
    return counts;
  }

  private static int bin(long value, double lower, double perUnit, int bins) {
    return (int) Math.min(Math.floor(((double) value - lower) * perUnit), bins - 1);
  }

  /**
   * {v, n} structs of k values from {@code first}, stepping by {@code step}, each counted once;
   * values are longs, as both engines' sessions return every integer type.
   */
  private static List<Object> firstValues(long first, long k, int step) {
    List<Object> out = new ArrayList<>();
    for (long i = 0; i < k; i++) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("v", first + i * step);
      s.put("n", 1L);
      out.add(s);
    }
    return out;
  }
}
