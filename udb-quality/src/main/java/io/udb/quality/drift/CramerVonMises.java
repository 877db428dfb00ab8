package io.udb.quality.drift;

import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The two-sample Cramér-von Mises test as Evidently implements it ({@code _cvm_2samp}, a copy of
 * scipy's {@code cramervonmises_2samp}): midranks, the statistic {@code T}, an exact p-value by
 * enumerating all partitions when neither sample has more than {@value #EXACT_MAX_SIZE} values,
 * else the asymptotic distribution of Anderson (1962) evaluated with the modified Bessel function
 * {@code K_{1/4}}.
 */
final class CramerVonMises {
  /** Largest sample size of the exact method (Evidently's {@code method='auto'}). */
  static final int EXACT_MAX_SIZE = 10;

  private CramerVonMises() {}

  /**
   * The statistic and p-value.
   *
   * @param sample the merged sample, both sides with at least two values
   * @return T and its p-value
   */
  static TestOutcome test(NumericSample sample) {
    StatTestRunner.requireValues(sample.n(), sample.m(), 2, StatTest.CRAMER_VON_MISES);
    double nx = sample.n();
    double ny = sample.m();
    double u = rankStatistic(sample);
    double k = nx * ny;
    double total = nx + ny;
    double t = u / (k * total) - (4 * k - 1) / (6 * total);
    double p;
    if (Math.max(sample.n(), sample.m()) <= EXACT_MAX_SIZE) {
      p = exactPValue(u, (int) sample.n(), (int) sample.m());
    } else {
      double et = (1 + 1 / total) / 6;
      double vt = (total + 1) * (4 * k * total - 3 * (nx * nx + ny * ny) - 2 * k);
      vt = vt / (45 * total * total * 4 * k);
      double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
      p = tn < 0.003 ? 1.0 : Math.max(0, 1.0 - limitingCdf(tn));
    }
    return TestOutcome.of(t, p);
  }

  /**
   * {@code U = nx sum((r_i - i)^2) + ny sum((s_j - j)^2)} over the midranks {@code r}, {@code s} of
   * each sample's sorted values in the pooled sample; each run of tied values is summed in closed
   * form.
   */
  static double rankStatistic(NumericSample sample) {
    double nx = sample.n();
    double ny = sample.m();
    long before = 0;
    long beforeX = 0;
    long beforeY = 0;
    double sumX = 0;
    double sumY = 0;
    for (int k = 0; k < sample.size(); k++) {
      long a = sample.referenceCount(k);
      long b = sample.currentCount(k);
      double midrank = before + (a + b + 1) / 2.0;
      sumX += squaredOffsets(midrank - beforeX, a);
      sumY += squaredOffsets(midrank - beforeY, b);
      before += a + b;
      beforeX += a;
      beforeY += b;
    }
    return nx * sumX + ny * sumY;
  }

  /** {@code sum_{j=1..q} (offset - j)^2}. */
  private static double squaredOffsets(double offset, long q) {
    if (q == 0) {
      return 0;
    }
    double qd = q;
    return qd * offset * offset - offset * qd * (qd + 1) + qd * (qd + 1) * (2 * qd + 1) / 6;
  }

  /** The share of all partitions of the pooled positions whose U is at least {@code observed}. */
  static double exactPValue(double observed, int nx, int ny) {
    int total = nx + ny;
    int[] chosen = new int[nx];
    long[] tally = new long[2];
    enumerate(chosen, 0, 0, total, nx, ny, observed, tally);
    return (double) tally[0] / tally[1];
  }

  private static void enumerate(
      int[] chosen,
      int depth,
      int start,
      int total,
      int nx,
      int ny,
      double observed,
      long[] tally) {
    if (depth == nx) {
      double sx = 0;
      for (int i = 0; i < nx; i++) {
        double d = chosen[i] - i;
        sx += d * d;
      }
      double sy = 0;
      int next = 0;
      int j = 0;
      for (int position = 0; position < total; position++) {
        if (next < nx && chosen[next] == position) {
          next++;
        } else {
          double d = position - j;
          sy += d * d;
          j++;
        }
      }
      double u = nx * sx + ny * sy;
      if (u >= observed) {
        tally[0]++;
      }
      tally[1]++;
      return;
    }
    for (int position = start; position <= total - (nx - depth); position++) {
      chosen[depth] = position;
      enumerate(chosen, depth + 1, position + 1, total, nx, ny, observed, tally);
    }
  }

  /**
   * The CDF of the limiting Cramér-von Mises distribution as scipy writes it: the sum over {@code
   * k} of {@code Γ(k+1/2) / (Γ(k+1) π^{3/2} sqrt(x)) sqrt(4k+1) e^{-q} K_{1/4}(q)} with {@code q =
   * (4k+1)^2 / (16x)}, until a term drops below 1e-7.
   */
  static double limitingCdf(double x) {
    double total = 0;
    for (int k = 0; ; k++) {
      double u =
          Math.exp(LogGamma.value(k + 0.5) - LogGamma.value(k + 1))
              / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
      double y = 4.0 * k + 1;
      double q = y * y / (16 * x);
      // e^{-q} K(q) = e^{-2q} (e^{q} K(q)); the scaled form cannot overflow
      double term = u * Math.sqrt(y) * Math.exp(-2 * q) * scaledBesselK(0.25, q);
      total += term;
      if (Math.abs(term) < 1e-7) {
        return total;
      }
    }
  }

  /**
   * {@code e^z K_nu(z)} from the integral {@code K_nu(z) = int_0^inf e^{-z cosh t} cosh(nu t) dt},
   * by the trapezoidal rule, which converges geometrically for this smooth, even integrand.
   */
  static double scaledBesselK(double nu, double z) {
    double h = 0.02;
    double sum = 0.5;
    for (int i = 1; ; i++) {
      double t = i * h;
      double exponent = -z * (Math.cosh(t) - 1);
      double term = Math.exp(exponent) * Math.cosh(nu * t);
      sum += term;
      if (exponent < -745 + nu * t || term < 1e-18 * sum) {
        return sum * h;
      }
    }
  }
}
