package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.inference.ChiSquareTest;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.GTest;
import org.apache.commons.statistics.inference.SignificanceResult;
import org.apache.commons.statistics.inference.TTest;

/** Runs one {@link StatTest} on one column's merged sample, as Evidently defines the test. */
final class StatTestRunner {
  /** Evidently's floor of the reference standard deviation that normalises Wasserstein. */
  static final double WASSERSTEIN_NORM_FLOOR = 0.001;

  private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

  private StatTestRunner() {}

  /**
   * Runs the test.
   *
   * @param test the test
   * @param sample the column
   * @return statistic and p-value (or distance)
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the column when the test
   *     does not apply to it
   */
  static TestOutcome run(StatTest test, ColumnSample sample) {
    try {
      if (!test.appliesTo(sample.kind())) {
        throw notApplicable(test, "it needs numeric values and the column is categorical");
      }
      return dispatch(test, sample);
    } catch (UdbException e) {
      throw new UdbException(e.code(), "Column '" + sample.column() + "': " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Column '"
              + sample.column()
              + "': stattest '"
              + test.evidentlyName()
              + "' cannot be computed: "
              + e.getMessage(),
          e);
    }
  }

  private static TestOutcome dispatch(StatTest test, ColumnSample sample) {
    switch (test) {
      case KS:
        return KolmogorovSmirnov.test(sample.numeric());
      case CHISQUARE:
        return chiSquare(sample.categories());
      case Z:
        return zTest(sample.categories());
      case WASSERSTEIN:
        return wasserstein(sample.numeric());
      case JENSEN_SHANNON:
        return jensenShannon(sample);
      case PSI:
        return psi(sample);
      case KL_DIV:
        return klDivergence(sample);
      case HELLINGER:
        return hellinger(sample);
      case TVD:
        return PermutationTvd.test(sample.categories());
      case ANDERSON:
        return AndersonDarling.test(sample.numeric());
      case CRAMER_VON_MISES:
        return CramerVonMises.test(sample.numeric());
      case MANN_WHITNEY:
        return MannWhitney.test(sample.numeric());
      case T_TEST:
        return tTest(sample.numeric());
      case ENERGY_DISTANCE:
        return energyDistance(sample.numeric());
      case FISHER_EXACT:
        return fisherExact(sample.categories());
      case G_TEST:
        return gTest(sample.categories());
      default:
        throw new IllegalStateException("unknown test " + test);
    }
  }

  /**
   * Evidently's chi-square: {@code scipy.stats.chisquare(current counts, reference counts * m / n)}
   * over the categories of both sides; a category absent from the reference but present in the
   * current side makes the statistic infinite and the p-value 0, as in scipy.
   */
  static TestOutcome chiSquare(CategoricalSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.CHISQUARE);
    if (sample.size() < 2) {
      return TestOutcome.of(0, 1);
    }
    double ratio = (double) sample.m() / sample.n();
    double[] expected = new double[sample.size()];
    long[] observed = new long[sample.size()];
    for (int i = 0; i < sample.size(); i++) {
      if (sample.referenceCount(i) == 0) {
        return TestOutcome.of(Double.POSITIVE_INFINITY, 0);
      }
      expected[i] = sample.referenceCount(i) * ratio;
      observed[i] = sample.currentCount(i);
    }
    SignificanceResult result = ChiSquareTest.withDefaults().test(expected, observed);
    return TestOutcome.of(result.getStatistic(), result.getPValue());
  }

  /**
   * Evidently's z-test for proportions: the first category (in sorted order) against all others,
   * pooled proportion, two-sided normal p-value; identical single-valued sides give p = 1.
   */
  static TestOutcome zTest(CategoricalSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.Z);
    if (sample.size() < 2) {
      return TestOutcome.of(0, 1);
    }
    double n1 = sample.n();
    double n2 = sample.m();
    double p1 = (sample.n() - sample.referenceCount(0)) / n1;
    double p2 = (sample.m() - sample.currentCount(0)) / n2;
    double pooled = (p1 * n1 + p2 * n2) / (n1 + n2);
    double z = (p1 - p2) / Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
    return TestOutcome.of(z, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)));
  }

  /** Evidently's normed Wasserstein distance. */
  static TestOutcome wasserstein(NumericSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.WASSERSTEIN);
    double std = Math.sqrt(sample.referenceSide().variance(0));
    return TestOutcome.distance(sample.wasserstein() / Math.max(std, WASSERSTEIN_NORM_FLOOR));
  }

  /** Evidently's Jensen-Shannon distance: base 2, on its bins, without zero filling. */
  static TestOutcome jensenShannon(ColumnSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.JENSEN_SHANNON);
    Binning bins = Binning.evidently(sample);
    return TestOutcome.distance(
        Divergences.jensenShannon(bins.referenceProportions(), bins.currentProportions(), 2));
  }

  /** Evidently's PSI: on its bins, after its zero filling. */
  static TestOutcome psi(ColumnSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.PSI);
    Binning bins = Binning.evidently(sample);
    return TestOutcome.distance(
        Divergences.evidentlyPsi(
            Divergences.evidentlyFill(bins.referenceProportions()),
            Divergences.evidentlyFill(bins.currentProportions())));
  }

  /** Evidently's Kullback-Leibler divergence: {@code scipy.stats.entropy(reference, current)}. */
  static TestOutcome klDivergence(ColumnSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.KL_DIV);
    Binning bins = Binning.evidently(sample);
    return TestOutcome.distance(
        Divergences.entropy(
            Divergences.evidentlyFill(bins.referenceProportions()),
            Divergences.evidentlyFill(bins.currentProportions())));
  }

  /**
   * Evidently's Hellinger distance: for categories {@code sqrt(1 - sum(sqrt(p q)))}; for numbers on
   * density histograms over Sturges edges of the distinct values of both sides.
   */
  static TestOutcome hellinger(ColumnSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.HELLINGER);
    double affinity = 0;
    if (sample.kind() == ColumnKind.CATEGORICAL) {
      CategoricalSample c = sample.categories();
      for (int i = 0; i < c.size(); i++) {
        double p1 = (double) c.referenceCount(i) / c.n();
        double p2 = (double) c.currentCount(i) / c.m();
        affinity += Math.sqrt(p1 * p2);
      }
    } else {
      NumericSample x = sample.numeric();
      double[] edges = Histograms.sturgesEdges(x.min(), x.max(), x.size(), x.integral());
      long[][] counts = x.histogram(edges);
      double[] h1 = density(counts[0], edges);
      double[] h2 = density(counts[1], edges);
      double width = (x.max() - x.min()) / h1.length;
      for (int i = 0; i < h1.length; i++) {
        affinity += Math.sqrt(h1[i] * h2[i]) * width;
      }
    }
    affinity = Math.min(Math.max(affinity, 0), 1);
    return TestOutcome.distance(Math.sqrt(1 - affinity));
  }

  /** {@code numpy.histogram(..., density=True)}: {@code counts / widths / sum(counts)}. */
  private static double[] density(long[] counts, double[] edges) {
    double total = 0;
    for (long c : counts) {
      total += c;
    }
    double[] out = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      out[i] = counts[i] / (edges[i + 1] - edges[i]) / total;
    }
    return out;
  }

  /** Student's two-sample t-test (equal variances), as {@code scipy.stats.ttest_ind}. */
  static TestOutcome tTest(NumericSample sample) {
    requireValues(sample.n(), sample.m(), 2, StatTest.T_TEST);
    NumericCounts a = sample.referenceSide();
    NumericCounts b = sample.currentSide();
    TTest.Result result =
        TTest.withDefaults()
            .with(DataDispersion.HOMOSCEDASTIC)
            .test(a.mean(), a.variance(1), a.count(), b.mean(), b.variance(1), b.count());
    return TestOutcome.of(result.getStatistic(), result.getPValue());
  }

  /** {@code scipy.stats.energy_distance}. */
  static TestOutcome energyDistance(NumericSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.ENERGY_DISTANCE);
    return TestOutcome.distance(sample.energyDistance());
  }

  /**
   * Fisher's exact test on the 2x2 table {@code [[current second, current first], [reference
   * second, reference first]]} of a column with at most two categories; statistic the odds ratio.
   */
  static TestOutcome fisherExact(CategoricalSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.FISHER_EXACT);
    if (sample.size() > 2) {
      throw notApplicable(
          StatTest.FISHER_EXACT,
          "it needs a binary column and the column has " + sample.size() + " categories");
    }
    if (sample.size() < 2) {
      return TestOutcome.of(1, 1);
    }
    int[][] table = {
      {toInt(sample.currentCount(1)), toInt(sample.currentCount(0))},
      {toInt(sample.referenceCount(1)), toInt(sample.referenceCount(0))}
    };
    SignificanceResult result = FisherExactTest.withDefaults().test(table);
    return TestOutcome.of(result.getStatistic(), result.getPValue());
  }

  /**
   * The G-test of current counts against reference counts scaled to the current total; a category
   * absent from the reference but present in the current side gives an infinite statistic.
   */
  static TestOutcome gTest(CategoricalSample sample) {
    requireValues(sample.n(), sample.m(), 1, StatTest.G_TEST);
    if (sample.size() < 2) {
      return TestOutcome.of(0, 1);
    }
    double[] expected = new double[sample.size()];
    long[] observed = new long[sample.size()];
    for (int i = 0; i < sample.size(); i++) {
      if (sample.referenceCount(i) == 0) {
        return TestOutcome.of(Double.POSITIVE_INFINITY, 0);
      }
      expected[i] = sample.referenceCount(i);
      observed[i] = sample.currentCount(i);
    }
    SignificanceResult result = GTest.withDefaults().test(expected, observed);
    return TestOutcome.of(result.getStatistic(), result.getPValue());
  }

  /**
   * Fails unless both sides have at least {@code minimum} non-missing values.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT}
   */
  static void requireValues(long n, long m, long minimum, StatTest test) {
    if (n < minimum || m < minimum) {
      throw notApplicable(
          test,
          "it needs at least "
              + minimum
              + " non-missing value(s) on each side; the reference has "
              + n
              + ", the current "
              + m);
    }
  }

  /** The error for a test that cannot run on a column. */
  static UdbException notApplicable(StatTest test, String why) {
    return new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "stattest '" + test.evidentlyName() + "' does not apply: " + why);
  }

  private static int toInt(long count) {
    if (count > Integer.MAX_VALUE) {
      throw notApplicable(StatTest.FISHER_EXACT, "counts above 2^31 are not supported");
    }
    return (int) count;
  }
}
