package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plain, independent re-implementations of the pandas / scipy / ydata-profiling formulas the
 * profiler matches, computed over values held in memory. For tests only.
 */
final class PandasReference {
  private PandasReference() {}

  /** numpy's linear quantile (R type 7). */
  static double quantile(double[] values, double p) {
    double[] s = values.clone();
    Arrays.sort(s);
    double h = (s.length - 1) * p;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, s.length - 1);
    return s[lo] + (h - lo) * (s[hi] - s[lo]);
  }

  static double mean(double[] v) {
    double sum = 0;
    for (double x : v) {
      sum += x;
    }
    return sum / v.length;
  }

  /** pandas' Series.skew: adjusted Fisher-Pearson G1. */
  static double skew(double[] v) {
    double m = mean(v);
    double m2 = 0;
    double m3 = 0;
    for (double x : v) {
      m2 += (x - m) * (x - m);
      m3 += (x - m) * (x - m) * (x - m);
    }
    double n = v.length;
    return n * Math.sqrt(n - 1) / (n - 2) * m3 / Math.pow(m2, 1.5);
  }

  /** pandas' Series.kurt: unbiased excess kurtosis G2. */
  static double kurt(double[] v) {
    double m = mean(v);
    double m2 = 0;
    double m4 = 0;
    for (double x : v) {
      double d = (x - m) * (x - m);
      m2 += d;
      m4 += d * d;
    }
    double n = v.length;
    return n * (n + 1) * (n - 1) * m4 / ((n - 2) * (n - 3) * m2 * m2)
        - 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3));
  }

  /** ydata-profiling's MAD: median(|x - median(x)|). */
  static double mad(double[] v) {
    double median = quantile(v, 0.5);
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) {
      d[i] = Math.abs(v[i] - median);
    }
    return quantile(d, 0.5);
  }

  static double pearson(double[] a, double[] b) {
    double ma = mean(a);
    double mb = mean(b);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return sab / Math.sqrt(saa * sbb);
  }

  /** Average ranks, 1-based, ties sharing the mean of their ranks (scipy's rankdata). */
  static double[] ranks(double[] v) {
    Integer[] order = new Integer[v.length];
    for (int i = 0; i < v.length; i++) {
      order[i] = i;
    }
    Arrays.sort(order, (x, y) -> Double.compare(v[x], v[y]));
    double[] ranks = new double[v.length];
    int i = 0;
    while (i < v.length) {
      int j = i;
      while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) {
        j++;
      }
      double rank = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        ranks[order[k]] = rank;
      }
      i = j + 1;
    }
    return ranks;
  }

  static double spearman(double[] a, double[] b) {
    return pearson(ranks(a), ranks(b));
  }

  /** ydata-profiling's bias-corrected Cramér's V, with Yates' correction for 2x2 tables. */
  static double cramersV(List<String> a, List<String> b) {
    Map<String, Integer> rows = new LinkedHashMap<>();
    Map<String, Integer> cols = new LinkedHashMap<>();
    for (int i = 0; i < a.size(); i++) {
      rows.putIfAbsent(a.get(i), rows.size());
      cols.putIfAbsent(b.get(i), cols.size());
    }
    double[][] observed = new double[rows.size()][cols.size()];
    for (int i = 0; i < a.size(); i++) {
      observed[rows.get(a.get(i))][cols.get(b.get(i))]++;
    }
    int r = rows.size();
    int k = cols.size();
    double n = a.size();
    double[] rowTotals = new double[r];
    double[] colTotals = new double[k];
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < k; j++) {
        rowTotals[i] += observed[i][j];
        colTotals[j] += observed[i][j];
      }
    }
    double chi2 = 0;
    for (int i = 0; i < r; i++) {
      for (int j = 0; j < k; j++) {
        double e = rowTotals[i] * colTotals[j] / n;
        double o = observed[i][j];
        if (r == 2 && k == 2) {
          double diff = e - o;
          o += Math.signum(diff) * Math.min(0.5, Math.abs(diff));
        }
        chi2 += (o - e) * (o - e) / e;
      }
    }
    double phi2 = chi2 / n;
    double phi2corr = Math.max(0, phi2 - (k - 1.0) * (r - 1.0) / (n - 1));
    double rcorr = r - (r - 1.0) * (r - 1.0) / (n - 1);
    double kcorr = k - (k - 1.0) * (k - 1.0) / (n - 1);
    double rk = Math.min(kcorr - 1, rcorr - 1);
    return rk == 0 ? 1.0 : Math.sqrt(phi2corr / rk);
  }

  /** The finite doubles of a result column. */
  static double[] doubles(List<List<Object>> rows, int column) {
    List<Double> out = new ArrayList<>();
    for (List<Object> row : rows) {
      Object v = row.get(column);
      if (v instanceof Number n && Double.isFinite(n.doubleValue())) {
        out.add(n.doubleValue());
      }
    }
    return out.stream().mapToDouble(Double::doubleValue).toArray();
  }
}
