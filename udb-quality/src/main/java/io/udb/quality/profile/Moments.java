package io.udb.quality.profile;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Statistics derived in the JVM from the sums the engine computed, with pandas' formulas so that
 * the numbers agree with {@code Series.skew()} and {@code Series.kurt()}.
 */
final class Moments {
  /** pandas zeroes sums below this magnitude, treating them as floating-point noise. */
  private static final double FP_NOISE = 1e-14;

  private Moments() {}

  /**
   * The adjusted Fisher-Pearson skewness G1 = n √(n-1) / (n-2) · M3 / M2^1.5 (pandas' {@code
   * nanskew}), from central power sums.
   *
   * @param n the number of values
   * @param m2 Σ (x - mean)²
   * @param m3 Σ (x - mean)³
   * @return G1, 0 for constant values, {@code null} for fewer than 3 values
   */
  static Double skewness(long n, Double m2, Double m3) {
    if (n < 3 || m2 == null || m3 == null) {
      return null;
    }
    double s2 = zeroNoise(m2);
    double s3 = zeroNoise(m3);
    if (s2 == 0) {
      return 0.0;
    }
    return finite(n * Math.sqrt(n - 1.0) / (n - 2.0) * (s3 / Math.pow(s2, 1.5)));
  }

  /**
   * The unbiased excess kurtosis G2 (Fisher's definition; pandas' {@code nankurt}): n (n+1) (n-1)
   * M4 / ((n-2) (n-3) M2²) - 3 (n-1)² / ((n-2) (n-3)).
   *
   * @param n the number of values
   * @param m2 Σ (x - mean)²
   * @param m4 Σ (x - mean)⁴
   * @return G2, 0 for constant values, {@code null} for fewer than 4 values
   */
  static Double kurtosis(long n, Double m2, Double m4) {
    if (n < 4 || m2 == null || m4 == null) {
      return null;
    }
    double count = n;
    double adj = 3 * (count - 1) * (count - 1) / ((count - 2) * (count - 3));
    double numerator = zeroNoise(count * (count + 1) * (count - 1) * m4);
    double denominator = zeroNoise((count - 2) * (count - 3) * m2 * m2);
    if (denominator == 0) {
      return 0.0;
    }
    return finite(numerator / denominator - adj);
  }

  /**
   * The p-value of Pearson's chi-square test of observed counts against equal expected counts.
   *
   * @param statistic the chi-square statistic
   * @param categories the number of categories (degrees of freedom + 1)
   * @return the p-value, or {@code null} with fewer than 2 categories
   */
  static Double uniformPValue(double statistic, long categories) {
    if (categories < 2 || !Double.isFinite(statistic)) {
      return null;
    }
    return ChiSquaredDistribution.of(categories - 1.0).survivalProbability(Math.max(0, statistic));
  }

  /**
   * The chi-square statistic of bin counts against equal counts.
   *
   * @param counts the observed counts
   * @return Σ (c - E)² / E with E the mean count, or NaN without observations
   */
  static double uniformStatistic(long[] counts) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    if (total == 0) {
      return Double.NaN;
    }
    double expected = total / counts.length;
    double chi2 = 0;
    for (long c : counts) {
      chi2 += (c - expected) * (c - expected) / expected;
    }
    return chi2;
  }

  /**
   * The Shannon entropy in bits of value counts, from Σ n·ln(n) and N = Σ n.
   *
   * @param total N
   * @param sumNLogN Σ n·ln(n) with natural logarithms
   * @return ln(N) / ln 2 - Σ n·ln(n) / (N ln 2), or {@code null} without values
   */
  static Double entropyBits(long total, Double sumNLogN) {
    if (total <= 0 || sumNLogN == null) {
      return null;
    }
    return Math.max(0, (Math.log(total) - sumNLogN / total) / Math.log(2));
  }

  /**
   * ydata-profiling's imbalance: 1 - entropy / log2(k).
   *
   * @param entropyBits the entropy in bits
   * @param classes k, the number of distinct values
   * @return the imbalance in [0, 1], 0 for fewer than 2 classes
   */
  static Double imbalance(Double entropyBits, long classes) {
    if (entropyBits == null) {
      return null;
    }
    if (classes < 2) {
      return 0.0;
    }
    return Math.min(1, Math.max(0, 1 - entropyBits / (Math.log(classes) / Math.log(2))));
  }

  static Double finite(Double value) {
    return value == null || !Double.isFinite(value) ? null : value;
  }

  private static double zeroNoise(double value) {
    return Math.abs(value) < FP_NOISE ? 0 : value;
  }
}
