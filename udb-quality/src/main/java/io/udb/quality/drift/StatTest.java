package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The drift tests, named as in Evidently, with Evidently's default thresholds and drift decisions.
 *
 * <p>A p-value test reports the test statistic and its p-value and decides on the p-value; a
 * distance test reports a distance (no p-value) and decides on it. The comparisons are Evidently's
 * own: most p-value tests drift when {@code p < threshold}, {@code ks} and {@code cramer_von_mises}
 * when {@code p <= threshold}; most distances drift when {@code distance >= threshold}, {@code
 * energy_distance} when {@code distance > threshold}.
 *
 * <p>Tests for categories ({@code chisquare}, {@code z}, {@code TVD}, {@code fisher_exact}, {@code
 * g_test}) also run on numeric columns, treating each distinct value as a category (which is what
 * Evidently's default does for numeric columns with at most 5 distinct values); tests for ordered
 * values refuse categorical columns.
 */
public enum StatTest {
  /** Two-sample Kolmogorov-Smirnov ({@code scipy.stats.ks_2samp}); p-value. */
  KS("ks", true, 0.05, Decision.P_AT_MOST, true),
  /** Chi-square goodness of fit of current counts to scaled reference counts; p-value. */
  CHISQUARE("chisquare", true, 0.05, Decision.P_BELOW, false),
  /** Z-test for two proportions (first category against the rest); p-value. */
  Z("z", true, 0.05, Decision.P_BELOW, false),
  /** Wasserstein distance divided by max(population std of reference, 0.001); distance. */
  WASSERSTEIN("wasserstein", false, 0.1, Decision.AT_LEAST, true),
  /** Jensen-Shannon distance, base 2, on Evidently's bins; distance. */
  JENSEN_SHANNON("jensenshannon", false, 0.1, Decision.AT_LEAST, false),
  /** Population stability index on Evidently's bins; distance. */
  PSI("psi", false, 0.1, Decision.AT_LEAST, false),
  /** Kullback-Leibler divergence of reference from current on Evidently's bins; distance. */
  KL_DIV("kl_div", false, 0.1, Decision.AT_LEAST, false),
  /** Hellinger distance; distance. */
  HELLINGER("hellinger", false, 0.1, Decision.AT_LEAST, false),
  /** Total variation distance with a permutation p-value (1000 permutations); p-value. */
  TVD("TVD", true, 0.1, Decision.P_BELOW, false),
  /** k-sample Anderson-Darling, midrank ({@code scipy.stats.anderson_ksamp}); p-value. */
  ANDERSON("anderson", true, 0.1, Decision.P_BELOW, true),
  /** Two-sample Cramér-von Mises; p-value. */
  CRAMER_VON_MISES("cramer_von_mises", true, 0.1, Decision.P_AT_MOST, true),
  /** Mann-Whitney U ({@code scipy.stats.mannwhitneyu}); p-value. */
  MANN_WHITNEY("mannw", true, 0.05, Decision.P_BELOW, true),
  /** Student's two-sample t-test ({@code scipy.stats.ttest_ind}); p-value. */
  T_TEST("t_test", true, 0.05, Decision.P_BELOW, true),
  /** Energy distance ({@code scipy.stats.energy_distance}); distance. Evidently calls it ed. */
  ENERGY_DISTANCE("energy_distance", false, 0.1, Decision.ABOVE, true),
  /** Fisher's exact test on the 2x2 table of a binary column; p-value. */
  FISHER_EXACT("fisher_exact", true, 0.1, Decision.P_BELOW, false),
  /** G-test (log-likelihood ratio) of current counts to reference counts; p-value. */
  G_TEST("g_test", true, 0.1, Decision.P_BELOW, false);

  /** Evidently's row count up to which the reference counts as a small sample. */
  public static final long SMALL_REFERENCE_ROWS = 1000;

  /** Evidently's largest number of distinct values for which a numeric column is "discrete". */
  public static final long FEW_DISTINCT_VALUES = 5;

  private final String evidentlyName;
  private final boolean pValueTest;
  private final double defaultThreshold;
  private final Decision decision;
  private final boolean orderedOnly;

  StatTest(
      String evidentlyName,
      boolean pValueTest,
      double defaultThreshold,
      Decision decision,
      boolean orderedOnly) {
    this.evidentlyName = evidentlyName;
    this.pValueTest = pValueTest;
    this.defaultThreshold = defaultThreshold;
    this.decision = decision;
    this.orderedOnly = orderedOnly;
  }

  /** The name used in requests and results, e.g. {@code ks} or {@code TVD}. */
  public String evidentlyName() {
    return evidentlyName;
  }

  /** Whether the test yields a p-value (otherwise a distance). */
  public boolean pValueTest() {
    return pValueTest;
  }

  /** Evidently's default threshold. */
  public double defaultThreshold() {
    return defaultThreshold;
  }

  /** Whether the test needs ordered (numeric) values and so refuses categorical columns. */
  public boolean numericOnly() {
    return orderedOnly;
  }

  /**
   * Whether the test applies to a column of the kind.
   *
   * @param kind the column's kind
   * @return true unless the test needs numbers and the column is categorical
   */
  public boolean appliesTo(ColumnKind kind) {
    return !(orderedOnly && kind == ColumnKind.CATEGORICAL);
  }

  /**
   * Evidently's decision for a score: the p-value for p-value tests, the distance otherwise.
   *
   * @param score the p-value or distance
   * @param threshold the threshold
   * @return whether the column drifted; false for NaN
   */
  public boolean drifted(double score, double threshold) {
    switch (decision) {
      case P_BELOW:
        return score < threshold;
      case P_AT_MOST:
        return score <= threshold;
      case AT_LEAST:
        return score >= threshold;
      case ABOVE:
        return score > threshold;
      default:
        throw new IllegalStateException("unknown decision " + decision);
    }
  }

  /**
   * The test for a name; the match is exact except that {@code ed} and {@code energy} also name
   * {@link #ENERGY_DISTANCE} and case is ignored.
   *
   * @param name the name
   * @return the test
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the known tests
   */
  public static StatTest byName(String name) {
    if (name != null) {
      String trimmed = name.trim();
      if (trimmed.equalsIgnoreCase("ed") || trimmed.equalsIgnoreCase("energy")) {
        return ENERGY_DISTANCE;
      }
      for (StatTest test : values()) {
        if (test.evidentlyName.equalsIgnoreCase(trimmed)) {
          return test;
        }
      }
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Unknown stattest '"
            + name
            + "'; choose one of "
            + Arrays.stream(values())
                .map(StatTest::evidentlyName)
                .collect(Collectors.joining(", ")));
  }

  /**
   * Evidently's default test for a column: for a reference of at most {@value
   * #SMALL_REFERENCE_ROWS} non-missing values, {@code ks} for numeric columns with more than
   * {@value #FEW_DISTINCT_VALUES} distinct values (over both samples), otherwise {@code chisquare},
   * or {@code z} for at most two distinct values; for larger references, normed {@code wasserstein}
   * for numeric columns with more than {@value #FEW_DISTINCT_VALUES} distinct values, otherwise
   * {@code jensenshannon}.
   *
   * @param kind the column's kind
   * @param referenceCount non-missing values in the reference
   * @param distinctValues distinct non-missing values over reference and current together
   * @return the test
   */
  public static StatTest evidentlyDefault(
      ColumnKind kind, long referenceCount, long distinctValues) {
    boolean discrete = kind == ColumnKind.CATEGORICAL || distinctValues <= FEW_DISTINCT_VALUES;
    if (referenceCount <= SMALL_REFERENCE_ROWS) {
      if (!discrete) {
        return KS;
      }
      return distinctValues > 2 ? CHISQUARE : Z;
    }
    return discrete ? JENSEN_SHANNON : WASSERSTEIN;
  }

  private enum Decision {
    P_BELOW,
    P_AT_MOST,
    AT_LEAST,
    ABOVE
  }
}
