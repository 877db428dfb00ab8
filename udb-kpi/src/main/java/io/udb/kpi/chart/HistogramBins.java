package io.udb.kpi.chart;

import java.util.Arrays;

/**
 * Equal-width bins over the values of a histogram: {@code counts[i]} values fall into {@code
 * [edges[i], edges[i + 1])}, the last bin closed on the right.
 *
 * <p>Without a requested count the bin width is the smaller of Sturges' ({@code range / (log2 n +
 * 1)}) and Freedman–Diaconis' ({@code 2 IQR / cbrt n}), the rule NumPy calls {@code auto}:
 * Freedman–Diaconis suits large samples and is robust to outliers, Sturges keeps small samples from
 * being cut too finely. The width is then rounded up to 1, 2, 2.5 or 5 times a power of ten and the
 * edges aligned to multiples of it, so that axis ticks at bin edges are round numbers.
 *
 * @param edges the bin edges, one more than the bins, ascending
 * @param counts how many values fall into each bin
 */
record HistogramBins(double[] edges, long[] counts) {

  HistogramBins {
    edges = edges.clone();
    counts = counts.clone();
    if (edges.length != counts.length + 1) {
      throw new IllegalArgumentException("edges must be one more than counts");
    }
  }

  /**
   * Bins finite values.
   *
   * @param values the values; there must be at least one
   * @param requested the number of bins wanted, or {@code null} to choose
   * @param maxBins the largest number of bins to make
   * @return the bins
   */
  static HistogramBins of(double[] values, Integer requested, int maxBins) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (sorted.length == 0) {
      throw new IllegalArgumentException("no values to bin");
    }
    double min = sorted[0];
    double max = sorted[sorted.length - 1];
    if (min == max) {
      double half = min == 0 ? 0.5 : Math.abs(min) * 0.05;
      return new HistogramBins(new double[] {min - half, min + half}, new long[] {sorted.length});
    }
    double range = max - min;
    if (requested != null) {
      double width = range / requested;
      double[] edges = new double[requested + 1];
      for (int i = 0; i <= requested; i++) {
        edges[i] = i == requested ? max : min + i * width;
      }
      return count(sorted, edges, min, width);
    }
    double width = autoWidth(sorted);
    width = niceAtLeast(Math.max(width, range / maxBins));
    double start = Math.floor(min / width) * width;
    int bins = Math.max(1, (int) Math.ceil((max - start) / width - 1e-9));
    if (start + bins * width < max) {
      bins++;
    }
    double[] edges = new double[bins + 1];
    for (int i = 0; i <= bins; i++) {
      edges[i] = start + i * width;
    }
    return count(sorted, edges, start, width);
  }

  /** The number of bins. */
  int size() {
    return counts.length;
  }

  @Override
  public double[] edges() {
    return edges.clone();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  static double autoWidth(double[] sorted) {
    int n = sorted.length;
    double range = sorted[n - 1] - sorted[0];
    double sturges = range / (Math.ceil(Math.log(n) / Math.log(2)) + 1);
    double iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
    double freedmanDiaconis = 2 * iqr / Math.cbrt(n);
    return freedmanDiaconis > 0 ? Math.min(sturges, freedmanDiaconis) : sturges;
  }

  /** The smallest of 1, 2, 2.5 and 5 times a power of ten that is at least {@code width}. */
  static double niceAtLeast(double width) {
    double power = Math.pow(10, Math.floor(Math.log10(width)));
    for (double step : new double[] {1, 2, 2.5, 5, 10}) {
      if (step * power >= width * (1 - 1e-9)) {
        return step * power;
      }
    }
    return 10 * power;
  }

  /** The quantile of sorted values, interpolating linearly between order statistics. */
  static double quantile(double[] sorted, double p) {
    double position = p * (sorted.length - 1);
    int lower = (int) Math.floor(position);
    int upper = Math.min(lower + 1, sorted.length - 1);
    return sorted[lower] + (position - lower) * (sorted[upper] - sorted[lower]);
  }

  private static HistogramBins count(double[] sorted, double[] edges, double start, double width) {
    long[] counts = new long[edges.length - 1];
    for (double value : sorted) {
      int bin = Math.max(0, Math.min(counts.length - 1, (int) Math.floor((value - start) / width)));
      // a value on an inner edge belongs to the bin it opens; rounding may misplace it by one
      while (bin > 0 && value < edges[bin]) {
        bin--;
      }
      while (bin < counts.length - 1 && value >= edges[bin + 1]) {
        bin++;
      }
      counts[bin]++;
    }
    return new HistogramBins(edges, counts);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof HistogramBins bins
        && Arrays.equals(edges, bins.edges)
        && Arrays.equals(counts, bins.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(edges) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    return "HistogramBins" + Arrays.toString(edges) + Arrays.toString(counts);
  }
}
