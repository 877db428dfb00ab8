package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Confidence intervals for a proportion, as Deequ's {@code RetainCompletenessRule} uses them to
 * suggest a completeness bound that tolerates sampling noise.
 */
public enum ConfidenceInterval {
  /** The Wilson score interval (Deequ's default): sound near 0 and 1 and for small samples. */
  WILSON,
  /** The normal approximation (Wald) interval: {@code p ± z·sqrt(p(1−p)/n)}. */
  NORMAL;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  /**
   * The two-sided z-score of a confidence level.
   *
   * @param confidence e.g. 0.95
   * @return e.g. 1.959963984540054
   */
  public static double zScore(double confidence) {
    if (!(confidence > 0 && confidence < 1)) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Confidence must be within (0, 1)");
    }
    return STANDARD_NORMAL.inverseCumulativeProbability(1 - (1 - confidence) / 2);
  }

  /**
   * The lower end of the interval of a proportion.
   *
   * @param p the observed proportion, in [0, 1]
   * @param n the number of observations, at least 1
   * @param confidence the confidence level, e.g. 0.95
   * @return the lower end, at least 0
   */
  public double lowerBound(double p, long n, double confidence) {
    if (!(p >= 0 && p <= 1) || n < 1) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Need a proportion in [0, 1] and at least one observation");
    }
    double z = zScore(confidence);
    double lower;
    if (this == NORMAL) {
      lower = p - z * Math.sqrt(p * (1 - p) / n);
    } else {
      double zSquareOverN = z * z / n;
      double factor = 1 / (1 + zSquareOverN);
      double center = p + zSquareOverN / 2;
      double margin = z * Math.sqrt(p * (1 - p) / n + zSquareOverN / (4.0 * n));
      lower = factor * (center - margin);
    }
    return Math.max(0, lower);
  }

  /**
   * The lower end rounded down to two decimals, as Deequ states its suggested bounds.
   *
   * @param p the observed proportion
   * @param n the number of observations
   * @param confidence the confidence level
   * @return the rounded lower end
   */
  public double roundedLowerBound(double p, long n, double confidence) {
    return BigDecimal.valueOf(lowerBound(p, n, confidence))
        .setScale(2, RoundingMode.DOWN)
        .doubleValue();
  }
}
