package io.udb.quality.drift;

/**
 * Counts of both sides in common bins.
 *
 * @param label how the bins were made, e.g. {@code sturges:12} or {@code values:5}
 * @param edges the bin edges for numeric bins, or null for one bin per value
 * @param reference reference counts per bin
 * @param current current counts per bin
 * @param n reference values
 * @param m current values
 */
record Binning(String label, double[] edges, long[] reference, long[] current, long n, long m) {
  /**
   * Evidently's binning ({@code get_binned_data}): for a numeric column whose reference has more
   * than 20 distinct values, the Sturges edges of both samples together; otherwise one bin per
   * value of either side.
   */
  static Binning evidently(ColumnSample sample) {
    if (sample.kind() == ColumnKind.NUMERIC && sample.referenceDistinct() > 20) {
      NumericSample numeric = sample.numeric();
      double[] edges =
          Histograms.sturgesEdges(
              numeric.min(), numeric.max(), numeric.n() + numeric.m(), numeric.integral());
      long[][] counts = numeric.histogram(edges);
      return new Binning(
          "sturges:" + (edges.length - 1), edges, counts[0], counts[1], numeric.n(), numeric.m());
    }
    CategoricalSample categories = sample.categories();
    return new Binning(
        "values:" + categories.size(),
        null,
        categories.referenceCounts(),
        categories.currentCounts(),
        categories.n(),
        categories.m());
  }

  /** Reference proportions, {@code counts / n}. */
  double[] referenceProportions() {
    return Divergences.proportions(reference, n);
  }

  /** Current proportions, {@code counts / m}. */
  double[] currentProportions() {
    return Divergences.proportions(current, m);
  }
}
