package io.udb.quality.drift;

import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;

/**
 * The Mann-Whitney U test as {@code scipy.stats.mannwhitneyu} computes it by default: two-sided,
 * continuity correction, the exact distribution when one sample has at most 8 values and there are
 * no ties, otherwise the normal approximation with tie correction. The statistic is {@code U1}, the
 * reference sample's U.
 */
final class MannWhitney {
  /** scipy's largest size of the smaller sample for the exact method. */
  static final long EXACT_MAX_SMALLER = 8;

  /** Above this pooled size the exact method is not attempted (its cost grows with it). */
  static final long EXACT_MAX_TOTAL = 10_000;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
  private static final MannWhitneyUTest EXACT =
      MannWhitneyUTest.withDefaults().with(PValueMethod.EXACT);

  private MannWhitney() {}

  /**
   * The statistic and p-value.
   *
   * @param sample the merged sample, both sides non-empty
   * @return U1 and its two-sided p-value
   */
  static TestOutcome test(NumericSample sample) {
    StatTestRunner.requireValues(sample.n(), sample.m(), 1, StatTest.MANN_WHITNEY);
    double n1 = sample.n();
    double n2 = sample.m();
    double u1 = sample.referenceRankSum() - n1 * (n1 + 1) / 2;
    boolean exact =
        Math.min(sample.n(), sample.m()) <= EXACT_MAX_SMALLER
            && !sample.hasTies()
            && sample.n() + sample.m() <= EXACT_MAX_TOTAL;
    if (exact) {
      double[][] ranks = sample.expandedRanks();
      return TestOutcome.of(u1, EXACT.test(ranks[0], ranks[1]).getPValue());
    }
    double u = Math.max(u1, n1 * n2 - u1);
    double mu = n1 * n2 / 2;
    double total = n1 + n2;
    double s = Math.sqrt(n1 * n2 / 12 * ((total + 1) - sample.tieTerm() / (total * (total - 1))));
    double z = (u - mu - 0.5) / s;
    double p = STANDARD_NORMAL.survivalProbability(z) * 2;
    return TestOutcome.of(u1, Math.min(Math.max(p, 0), 1));
  }
}
