package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Linear-interpolation quantiles (R type 7, numpy's and pandas' default) from values found by rank,
 * and the small conversions of grouped results the distribution pass needs.
 */
final class Quantiles {
  private Quantiles() {}

  /**
   * The 0-based ranks around the quantile position h = (n - 1) p.
   *
   * @param n the number of values, at least 1
   * @param fraction p in [0, 1]
   * @return {floor(h), min(floor(h) + 1, n - 1)}
   */
  static long[] ranks(long n, double fraction) {
    double h = (n - 1) * fraction;
    long lo = (long) Math.floor(h);
    return new long[] {lo, Math.min(lo + 1, n - 1)};
  }

  /** h - floor(h) for h = (n - 1) p: how far the quantile lies from the lower rank. */
  static double fraction(long n, double fraction) {
    double h = (n - 1) * fraction;
    return h - Math.floor(h);
  }

  /**
   * numpy's linear interpolation, {@code a + t (b - a)}, computed from the nearer end for symmetry.
   *
   * @param lo the value at the lower rank
   * @param hi the value at the upper rank
   * @param t the fraction between them
   * @return the interpolated value, or {@code null} when a bound is missing
   */
  static Double interpolate(Double lo, Double hi, double t) {
    if (lo == null || hi == null) {
      return null;
    }
    double diff = hi - lo;
    return t >= 0.5 ? hi - diff * (1 - t) : lo + diff * t;
  }

  /** The SQL of {@link #interpolate} for two expressions and a literal fraction. */
  static String interpolationSql(String lo, String hi, double t) {
    return "(" + lo + " + " + Double.toString(t) + " * (" + hi + " - " + lo + "))";
  }

  /** The median of the five quantiles of {@link ColumnProfile#QUANTILE_KEYS}, if present. */
  static Double medianOf(List<Object> quantiles) {
    return quantiles.size() == ColumnProfile.QUANTILE_KEYS.size()
        ? AggregateQuery.toDouble(quantiles.get(2))
        : null;
  }

  /** Interpolates the quantiles from their lower and upper values, pairwise. */
  static List<Object> fromBounds(List<Object> bounds, long n) {
    List<Object> out = new ArrayList<>();
    for (int i = 0; i < ProfileSql.QUANTILE_FRACTIONS.length; i++) {
      out.add(
          interpolate(
              AggregateQuery.toDouble(bounds.get(2 * i)),
              AggregateQuery.toDouble(bounds.get(2 * i + 1)),
              fraction(n, ProfileSql.QUANTILE_FRACTIONS[i])));
    }
    return out;
  }

  /**
   * The value of the group covering a 0-based position, from {c, n, v} structs of groups with their
   * running totals; {@code null} when none does.
   */
  static Object covering(List<Object> groups, long position) {
    for (Object item : groups) {
      Map<?, ?> s = (Map<?, ?>) item;
      long cum = ((Number) s.get("c")).longValue();
      long n = ((Number) s.get("n")).longValue();
      if (cum - n <= position && position < cum) {
        return s.get("v");
      }
    }
    return null;
  }

  /**
   * The median of n weighted values from {c, n, v} structs of the groups covering the two middle
   * ranks ({@link ProfileSql#coveringGroups}), interpolated as the quantiles are; {@code null} when
   * a rank is not covered.
   */
  static Double medianOfCovering(List<Object> groups, long n) {
    long[] ranks = ranks(n, 0.5);
    return interpolate(
        AggregateQuery.toDouble(covering(groups, ranks[0])),
        AggregateQuery.toDouble(covering(groups, ranks[1])),
        fraction(n, 0.5));
  }

  /** Bin counts from a list of {k, n} structs. */
  static long[] binCounts(List<Object> structs, int bins) {
    long[] counts = new long[bins];
    for (Object item : structs) {
      Map<?, ?> s = (Map<?, ?>) item;
      counts[((Number) s.get("k")).intValue()] += ((Number) s.get("n")).longValue();
    }
    return counts;
  }

  /** Bin counts from a map of bin index to count. */
  static long[] binCounts(Map<?, ?> map, int bins) {
    long[] counts = new long[bins];
    for (Map.Entry<?, ?> e : map.entrySet()) {
      counts[Integer.parseInt(String.valueOf(e.getKey()))] += ((Number) e.getValue()).longValue();
    }
    return counts;
  }

  /** A map's entries as {k, n} structs, as the grouped path returns them. */
  static List<Object> entries(Map<?, ?> map) {
    List<Object> out = new ArrayList<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("k", String.valueOf(e.getKey()));
      s.put("n", e.getValue());
      out.add(s);
    }
    return out;
  }
}
