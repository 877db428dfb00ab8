package io.udb.quality.drift;

/**
 * A numeric column's reference and current sides merged over the union of their distinct values:
 * {@code values[k]} increasing, with {@code reference[k]} and {@code current[k]} occurrences. Every
 * rank- or CDF-based statistic is a walk over these arrays, so its cost is the number of distinct
 * values.
 */
final class NumericSample {
  private final NumericCounts referenceSide;
  private final NumericCounts currentSide;
  private final double[] values;
  private final long[] reference;
  private final long[] current;
  private final int size;
  private final long n;
  private final long m;

  private NumericSample(
      NumericCounts referenceSide,
      NumericCounts currentSide,
      double[] values,
      long[] reference,
      long[] current,
      int size) {
    this.referenceSide = referenceSide;
    this.currentSide = currentSide;
    this.values = values;
    this.reference = reference;
    this.current = current;
    this.size = size;
    this.n = referenceSide.count();
    this.m = currentSide.count();
  }

  /**
   * Merges the two sides. The merged arrays keep the length of both sides together and are not
   * trimmed to the distinct values: copying them would cost more than the merge of large sides.
   */
  static NumericSample of(NumericCounts referenceSide, NumericCounts currentSide) {
    int a = referenceSide.size();
    int b = currentSide.size();
    double[] values = new double[a + b];
    long[] ref = new long[a + b];
    long[] cur = new long[a + b];
    int i = 0;
    int j = 0;
    int k = 0;
    while (i < a || j < b) {
      if (j >= b || (i < a && referenceSide.value(i) < currentSide.value(j))) {
        values[k] = referenceSide.value(i);
        ref[k] = referenceSide.count(i++);
      } else if (i >= a || currentSide.value(j) < referenceSide.value(i)) {
        values[k] = currentSide.value(j);
        cur[k] = currentSide.count(j++);
      } else {
        values[k] = referenceSide.value(i);
        ref[k] = referenceSide.count(i++);
        cur[k] = currentSide.count(j++);
      }
      k++;
    }
    return new NumericSample(referenceSide, currentSide, values, ref, cur, k);
  }

  NumericCounts referenceSide() {
    return referenceSide;
  }

  NumericCounts currentSide() {
    return currentSide;
  }

  /** Non-missing reference values. */
  long n() {
    return n;
  }

  /** Non-missing current values. */
  long m() {
    return m;
  }

  /** Distinct values over both sides. */
  int size() {
    return size;
  }

  double value(int k) {
    return values[k];
  }

  long referenceCount(int k) {
    return reference[k];
  }

  long currentCount(int k) {
    return current[k];
  }

  /** Whether both source columns have integer types. */
  boolean integral() {
    return referenceSide.integral() && currentSide.integral();
  }

  /** Whether either side is a sketch. */
  boolean approximate() {
    return referenceSide.approximate() || currentSide.approximate();
  }

  double min() {
    return values[0];
  }

  double max() {
    return values[size - 1];
  }

  /**
   * The two-sample KS statistic scaled to an integer, {@code max |R_k m - C_k n|} over the
   * cumulative counts, which is {@code D n m}; ties are stepped over whole, as scipy's {@code
   * searchsorted(side='right')} does.
   */
  long ksIntegral() {
    long r = 0;
    long c = 0;
    long d = 0;
    for (int k = 0; k < size; k++) {
      r += reference[k];
      c += current[k];
      d = Math.max(d, Math.abs(r * m - c * n));
    }
    return d;
  }

  /**
   * The two-sample KS statistic as scipy's asymptotic mode leaves it: the largest floating-point
   * difference of {@code R_k/n - C_k/m} in either direction.
   */
  double ksStatisticFloating() {
    long r = 0;
    long c = 0;
    double max = Double.NEGATIVE_INFINITY;
    double min = Double.POSITIVE_INFINITY;
    for (int k = 0; k < size; k++) {
      r += reference[k];
      c += current[k];
      double diff = (double) r / n - (double) c / m;
      max = Math.max(max, diff);
      min = Math.min(min, diff);
    }
    double minS = Math.min(Math.max(-min, 0), 1);
    return minS > max ? minS : max;
  }

  /** {@code scipy.stats.wasserstein_distance}: the area between the two empirical CDFs. */
  double wasserstein() {
    return cdfDistance(1);
  }

  /** {@code scipy.stats.energy_distance}: sqrt(2) times the L2 distance of the two CDFs. */
  double energyDistance() {
    return Math.sqrt(2) * Math.sqrt(cdfDistance(2));
  }

  private double cdfDistance(int power) {
    long r = 0;
    long c = 0;
    double sum = 0;
    for (int k = 0; k < size - 1; k++) {
      r += reference[k];
      c += current[k];
      double diff = Math.abs((double) r / n - (double) c / m);
      double delta = values[k + 1] - values[k];
      sum += (power == 1 ? diff : diff * diff) * delta;
    }
    return sum;
  }

  /**
   * Counts of both sides in the bins of {@code edges} with numpy's histogram rule: bin {@code i}
   * holds {@code edges[i] <= v < edges[i + 1]}, the last bin also its right edge; values outside
   * are not counted.
   *
   * @param edges increasing bin edges, at least two
   * @return {@code [reference counts, current counts]}
   */
  long[][] histogram(double[] edges) {
    int bins = edges.length - 1;
    long[][] out = new long[2][bins];
    // the values are sorted, so their bins only move right: a sweep, not a search per value
    int bin = 0;
    for (int k = 0; k < size; k++) {
      double value = values[k];
      if (value < edges[0]) {
        continue;
      }
      if (value > edges[bins]) {
        break;
      }
      while (bin < bins - 1 && edges[bin + 1] <= value) {
        bin++;
      }
      out[0][bin] += reference[k];
      out[1][bin] += current[k];
    }
    return out;
  }

  /** The sum of the reference values' midranks in the pooled sample. */
  double referenceRankSum() {
    long before = 0;
    double sum = 0;
    for (int k = 0; k < size; k++) {
      long tied = reference[k] + current[k];
      double midrank = before + (tied + 1) / 2.0;
      sum += midrank * reference[k];
      before += tied;
    }
    return sum;
  }

  /** The tie correction term {@code sum(t^3 - t)} over groups of equal pooled values. */
  double tieTerm() {
    double sum = 0;
    for (int k = 0; k < size; k++) {
      double t = reference[k] + current[k];
      sum += t * t * t - t;
    }
    return sum;
  }

  /** Whether some pooled value occurs more than once. */
  boolean hasTies() {
    for (int k = 0; k < size; k++) {
      if (reference[k] + current[k] > 1) {
        return true;
      }
    }
    return false;
  }

  /**
   * The positions (0-based) of each side's values in the pooled sorted sample, ranks of tied values
   * taken as their midrank minus one, laid out one per value; used only for the tiny samples of
   * exact tests.
   *
   * @return {@code [reference positions, current positions]}
   */
  double[][] expandedRanks() {
    double[] x = new double[Math.toIntExact(n)];
    double[] y = new double[Math.toIntExact(m)];
    int i = 0;
    int j = 0;
    for (int k = 0; k < size; k++) {
      for (long c = 0; c < reference[k]; c++) {
        x[i++] = k;
      }
      for (long c = 0; c < current[k]; c++) {
        y[j++] = k;
      }
    }
    return new double[][] {x, y};
  }
}
