package io.udb.quality.drift;

/**
 * The k-sample Anderson-Darling test for two samples exactly as {@code scipy.stats.anderson_ksamp}
 * computes it by default (midrank statistic {@code A2akN} of Scholz and Stephens 1987,
 * standardised; p-value interpolated from their table of critical values and capped to {@code
 * [0.001, 0.25]}), which is Evidently's {@code anderson} test.
 */
final class AndersonDarling {
  private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
  private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
  private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
  private static final double[] SIGNIFICANCE = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

  private AndersonDarling() {}

  /**
   * The standardised statistic and its interpolated significance level.
   *
   * @param sample the merged sample: both sides non-empty, at least two distinct values
   * @return A2 and its p-value
   */
  static TestOutcome test(NumericSample sample) {
    StatTestRunner.requireValues(sample.n(), sample.m(), 2, StatTest.ANDERSON);
    if (sample.size() < 2) {
      throw StatTestRunner.notApplicable(
          StatTest.ANDERSON, "needs at least two distinct values over both samples");
    }
    double a2kn = midrankStatistic(sample);
    double total = sample.n() + sample.m();
    double k = 2;
    double h = 0;
    double g = 0;
    // hs_cs[j] = sum_{i<=j} 1 / (N - 1 - i); h = hs_cs[-1] + 1; g = sum_j hs_cs[j] / (j + 2)
    double cumulative = 0;
    long size = sample.n() + sample.m();
    for (long j = 0; j <= size - 3; j++) {
      cumulative += 1.0 / (size - 1 - j);
      g += cumulative / (j + 2);
    }
    h = cumulative + 1;
    double bigH = 1.0 / sample.n() + 1.0 / sample.m();
    double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * bigH;
    double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * bigH - 8 * h + 4 * g - 6;
    double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * bigH + 4 * h;
    double d = (2 * h + 6) * k * k - 4 * h * k;
    double sigmaSquared =
        (a * total * total * total + b * total * total + c * total + d)
            / ((total - 1.) * (total - 2.) * (total - 3.));
    double m = k - 1;
    double a2 = (a2kn - m) / Math.sqrt(sigmaSquared);
    return TestOutcome.of(a2, significance(a2, m));
  }

  /** {@code A2akN} of Scholz and Stephens (their equation 7) from the merged counts. */
  static double midrankStatistic(NumericSample sample) {
    double total = sample.n() + sample.m();
    double[] sizes = {sample.n(), sample.m()};
    double sum = 0;
    long before = 0;
    long[] cumulative = {0, 0};
    for (int j = 0; j < sample.size(); j++) {
      long[] f = {sample.referenceCount(j), sample.currentCount(j)};
      double lj = f[0] + f[1];
      double bj = before + lj / 2.;
      double denominator = bj * (total - bj) - total * lj / 4.;
      for (int i = 0; i < 2; i++) {
        cumulative[i] += f[i];
        double mij = cumulative[i] - f[i] / 2.;
        double diff = total * mij - bj * sizes[i];
        sum += lj / total * diff * diff / denominator / sizes[i];
      }
      before += f[0] + f[1];
    }
    return sum * (total - 1.) / total;
  }

  /**
   * scipy's p-value: the critical values for {@code m = k - 1}, outside them the table's ends,
   * inside them {@code exp} of a quadratic least-squares fit of {@code log(significance)}.
   */
  static double significance(double a2, double m) {
    double[] critical = new double[B0.length];
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < critical.length; i++) {
      critical[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
      min = Math.min(min, critical[i]);
      max = Math.max(max, critical[i]);
    }
    if (a2 < min) {
      return 0.25;
    }
    if (a2 > max) {
      return 0.001;
    }
    double[] logSig = new double[SIGNIFICANCE.length];
    for (int i = 0; i < logSig.length; i++) {
      logSig[i] = Math.log(SIGNIFICANCE[i]);
    }
    double[] coefficients = quadraticFit(critical, logSig);
    return Math.exp(coefficients[0] * a2 * a2 + coefficients[1] * a2 + coefficients[2]);
  }

  /** Least-squares {@code y ~ c0 x^2 + c1 x + c2} through the normal equations, centred on x. */
  static double[] quadraticFit(double[] x, double[] y) {
    double mean = 0;
    for (double v : x) {
      mean += v;
    }
    mean /= x.length;
    double[][] a = new double[3][4];
    for (int i = 0; i < x.length; i++) {
      double t = x[i] - mean;
      double[] row = {t * t, t, 1};
      for (int r = 0; r < 3; r++) {
        for (int c = 0; c < 3; c++) {
          a[r][c] += row[r] * row[c];
        }
        a[r][3] += row[r] * y[i];
      }
    }
    double[] centred = solve(a);
    // expand c0 (x - mean)^2 + c1 (x - mean) + c2 back to powers of x
    double c0 = centred[0];
    double c1 = centred[1] - 2 * centred[0] * mean;
    double c2 = centred[0] * mean * mean - centred[1] * mean + centred[2];
    return new double[] {c0, c1, c2};
  }

  private static double[] solve(double[][] a) {
    int n = a.length;
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(a[r][col]) > Math.abs(a[pivot][col])) {
          pivot = r;
        }
      }
      double[] swap = a[col];
      a[col] = a[pivot];
      a[pivot] = swap;
      for (int r = col + 1; r < n; r++) {
        double factor = a[r][col] / a[col][col];
        for (int c = col; c <= n; c++) {
          a[r][c] -= factor * a[col][c];
        }
      }
    }
    double[] out = new double[n];
    for (int r = n - 1; r >= 0; r--) {
      double v = a[r][n];
      for (int c = r + 1; c < n; c++) {
        v -= a[r][c] * out[c];
      }
      out[r] = v / a[r][r];
    }
    return out;
  }
}
