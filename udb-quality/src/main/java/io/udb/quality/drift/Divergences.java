package io.udb.quality.drift;

/**
 * Distances between two binned distributions, written as scipy and Evidently compute them (same
 * normalisations, same handling of empty bins).
 */
final class Divergences {
  private Divergences() {}

  /** {@code counts / total}. */
  static double[] proportions(long[] counts, long total) {
    double[] p = new double[counts.length];
    for (int i = 0; i < counts.length; i++) {
      p[i] = (double) counts[i] / total;
    }
    return p;
  }

  /**
   * {@code scipy.spatial.distance.jensenshannon(p, q, base)}: both normalised to sum 1, {@code m =
   * (p + q) / 2}, {@code sqrt((KL(p||m) + KL(q||m)) / 2)} with the logarithm in {@code base}.
   *
   * @param p first distribution (any non-negative weights)
   * @param q second distribution
   * @param base logarithm base; {@code Math.E} for natural units
   * @return the distance
   */
  static double jensenShannon(double[] p, double[] q, double base) {
    double[] pn = normalised(p);
    double[] qn = normalised(q);
    double left = 0;
    double right = 0;
    for (int i = 0; i < pn.length; i++) {
      double mid = (pn[i] + qn[i]) / 2.0;
      left += relEntr(pn[i], mid);
      right += relEntr(qn[i], mid);
    }
    double js = left + right;
    if (base != Math.E) {
      js /= Math.log(base);
    }
    return Math.sqrt(js / 2.0);
  }

  /**
   * {@code scipy.stats.entropy(p, q)}: the Kullback-Leibler divergence of {@code q} from {@code p}
   * after normalising both, in natural units.
   */
  static double entropy(double[] p, double[] q) {
    double[] pn = normalised(p);
    double[] qn = normalised(q);
    double sum = 0;
    for (int i = 0; i < pn.length; i++) {
      sum += relEntr(pn[i], qn[i]);
    }
    return sum;
  }

  /**
   * Evidently's zero filling of one side's proportions: an empty bin becomes the smallest non-zero
   * proportion divided by 10^6 when that smallest one is at most 0.0001, else 0.0001.
   */
  static double[] evidentlyFill(double[] proportions) {
    double smallest = Double.POSITIVE_INFINITY;
    for (double p : proportions) {
      if (p != 0 && p < smallest) {
        smallest = p;
      }
    }
    double fill = smallest <= 0.0001 ? smallest / 1e6 : 0.0001;
    double[] out = proportions.clone();
    for (int i = 0; i < out.length; i++) {
      if (out[i] == 0) {
        out[i] = fill;
      }
    }
    return out;
  }

  /** Evidently's PSI on filled proportions: {@code sum((r - c) ln(r / c))}. */
  static double evidentlyPsi(double[] reference, double[] current) {
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      psi += (reference[i] - current[i]) * Math.log(reference[i] / current[i]);
    }
    return psi;
  }

  /** {@code scipy.special.rel_entr(x, y)}: {@code x ln(x / y)}, 0 for {@code x = 0}. */
  static double relEntr(double x, double y) {
    if (x > 0 && y > 0) {
      return x * Math.log(x / y);
    }
    if (x == 0 && y >= 0) {
      return 0;
    }
    return Double.POSITIVE_INFINITY;
  }

  private static double[] normalised(double[] p) {
    double sum = 0;
    for (double v : p) {
      sum += v;
    }
    double[] out = new double[p.length];
    for (int i = 0; i < p.length; i++) {
      out[i] = p[i] / sum;
    }
    return out;
  }
}
