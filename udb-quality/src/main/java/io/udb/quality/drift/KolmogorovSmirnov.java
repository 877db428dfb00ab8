package io.udb.quality.drift;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The two-sample Kolmogorov-Smirnov test as {@code scipy.stats.ks_2samp} (default arguments,
 * two-sided, {@code method='auto'}) computes it, with p-values from Commons Statistics.
 *
 * <p>scipy's automatic choice: the exact p-value when the larger sample has at most {@value
 * #EXACT_MAX_SIZE} values, else {@code kstwo.sf(d, round(n m / (n + m)))}. Commons' own automatic
 * choice switches below 10000, so the method is chosen here and requested explicitly.
 */
final class KolmogorovSmirnov {
  /** scipy's largest sample size for which {@code method='auto'} computes the exact p-value. */
  static final long EXACT_MAX_SIZE = 10_000;

  private static final KolmogorovSmirnovTest EXACT =
      KolmogorovSmirnovTest.withDefaults().with(PValueMethod.EXACT);

  private KolmogorovSmirnov() {}

  /** Whether scipy's automatic method is exact for these sample sizes. */
  static boolean exact(long n, long m) {
    return Math.max(n, m) <= EXACT_MAX_SIZE;
  }

  /**
   * The statistic and p-value with scipy's automatic method.
   *
   * @param sample the merged sample, both sides with at least two values
   * @return D and its p-value
   */
  static TestOutcome test(NumericSample sample) {
    requireTwoEach(sample);
    if (exact(sample.n(), sample.m())) {
      // the exact p-value depends on D, n and m only; the values' ranks reproduce D with ties
      double[][] ranks = sample.expandedRanks();
      KolmogorovSmirnovTest.TwoResult result = EXACT.test(ranks[0], ranks[1]);
      return TestOutcome.of(result.getStatistic(), result.getPValue());
    }
    double d = sample.ksStatisticFloating();
    return TestOutcome.of(d, asymptoticPValue(d, sample.n(), sample.m()));
  }

  /**
   * scipy's asymptotic two-sided p-value, {@code kstwo.sf(d, round(n m / (n + m)))}, the survival
   * function of the one-sample two-sided KS distribution. Commons Statistics evaluates that
   * function (Simard and L'Ecuyer) only inside its one-sample test, so the test is fed a sample of
   * that size whose statistic is {@code d} by construction.
   *
   * @param d the two-sample statistic
   * @param n reference size
   * @param m current size
   * @return the p-value
   */
  static double asymptoticPValue(double d, long n, long m) {
    double large = Math.max(n, m);
    double small = Math.min(n, m);
    long size = (long) Math.rint(large * small / (large + small));
    if (size < 2) {
      // one point: D is at least 1/2, with P(D >= d) = 2 (1 - d) above it
      return d <= 0.5 ? 1.0 : Math.min(1.0, 2 * (1 - d));
    }
    double half = 0.5 / size;
    if (d <= half) {
      // a one-sample statistic is never below 1/(2 size)
      return 1.0;
    }
    int points = Math.toIntExact(size);
    double[] x = new double[points];
    for (int i = 0; i < points; i++) {
      x[i] = i;
    }
    double step = 1.0 / points;
    // the first point sits d below the empirical CDF's first step, every other one mid-step
    double first = step - d;
    return EXACT.test(x, v -> v == 0 ? first : (v + 0.5) / points).getPValue();
  }

  private static void requireTwoEach(NumericSample sample) {
    StatTestRunner.requireValues(sample.n(), sample.m(), 2, StatTest.KS);
  }
}
