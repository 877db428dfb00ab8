package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Cramér's V of a contingency table, bias-corrected exactly as ydata-profiling does it: the
 * chi-square statistic of the table (with Yates' continuity correction when the table is 2x2, as
 * {@code scipy.stats.chi2_contingency(correction=True)} applies it), then Bergsma's (2013)
 * correction of phi² and of the table's dimensions; a table whose corrected dimensions leave no
 * freedom gets 1.
 */
final class CramersV {
  private CramersV() {}

  /**
   * The corrected V.
   *
   * @param rows r, the number of distinct values of the first column among complete pairs
   * @param cols k, the same for the second column
   * @param total n, the number of complete pairs
   * @param sumRatio the sum over observed cells of O² / (row total × column total)
   * @param cells for a 2x2 table its observed cells as {a, b, n} maps, else ignored
   * @return V in [0, 1], or NaN when undefined (fewer than two pairs, a constant column)
   */
  static double corrected(long rows, long cols, long total, double sumRatio, List<?> cells) {
    if (total < 2 || rows < 2 || cols < 2) {
      return Double.NaN;
    }
    double n = total;
    double chi2 = rows == 2 && cols == 2 ? yates(cells, n) : Math.max(0, n * (sumRatio - 1));
    double phi2 = chi2 / n;
    double phi2corr = Math.max(0.0, phi2 - (cols - 1.0) * (rows - 1.0) / (n - 1.0));
    double rcorr = rows - (rows - 1.0) * (rows - 1.0) / (n - 1.0);
    double kcorr = cols - (cols - 1.0) * (cols - 1.0) / (n - 1.0);
    double rkcorr = Math.min(kcorr - 1.0, rcorr - 1.0);
    return rkcorr == 0.0 ? 1.0 : Math.sqrt(phi2corr / rkcorr);
  }

  /** The chi-square statistic of a 2x2 table with Yates' correction, zero cells included. */
  static double yates(List<?> cells, double n) {
    List<Object> as = new ArrayList<>();
    List<Object> bs = new ArrayList<>();
    double[][] observed = new double[2][2];
    for (Object cell : cells) {
      Map<?, ?> m = (Map<?, ?>) cell;
      int i = indexOf(as, m.get("a"));
      int j = indexOf(bs, m.get("b"));
      observed[i][j] += ((Number) m.get("n")).doubleValue();
    }
    double[] rowTotals = {observed[0][0] + observed[0][1], observed[1][0] + observed[1][1]};
    double[] colTotals = {observed[0][0] + observed[1][0], observed[0][1] + observed[1][1]};
    double chi2 = 0;
    for (int i = 0; i < 2; i++) {
      for (int j = 0; j < 2; j++) {
        double expected = rowTotals[i] * colTotals[j] / n;
        double diff = expected - observed[i][j];
        double corrected = observed[i][j] + Math.signum(diff) * Math.min(0.5, Math.abs(diff));
        chi2 += (corrected - expected) * (corrected - expected) / expected;
      }
    }
    return chi2;
  }

  private static int indexOf(List<Object> seen, Object value) {
    int i = seen.indexOf(value);
    if (i >= 0) {
      return i;
    }
    seen.add(value);
    return seen.size() - 1;
  }
}
