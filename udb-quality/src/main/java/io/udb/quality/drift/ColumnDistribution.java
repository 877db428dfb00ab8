package io.udb.quality.drift;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Both sides of a column in common bins, for plotting: numeric bins with {@code edges} (one more
 * than the counts), or categories with {@code labels}. Its size is bounded (at most {@value
 * #MAX_BINS} bins or {@value #MAX_CATEGORIES} categories plus "other"), whatever the row count.
 *
 * @param edges numeric bin edges, or empty for categories
 * @param labels category labels, or empty for numeric bins
 * @param reference reference counts per bin or category
 * @param current current counts per bin or category
 */
public record ColumnDistribution(
    List<Double> edges, List<String> labels, List<Long> reference, List<Long> current) {
  /** Most numeric bins drawn. */
  static final int MAX_BINS = 50;

  /** Most categories drawn; the rest are summed as "other". */
  static final int MAX_CATEGORIES = 20;

  /** Up to this many distinct values a numeric column is drawn one bar per value. */
  static final int MAX_VALUE_BARS = 20;

  /** Copies the lists. */
  public ColumnDistribution {
    edges = List.copyOf(edges);
    labels = List.copyOf(labels);
    reference = List.copyOf(reference);
    current = List.copyOf(current);
  }

  /** Whether the bins are numeric intervals (else categories). */
  public boolean numeric() {
    return !edges.isEmpty();
  }

  /** The distribution of a column for plotting. */
  static ColumnDistribution of(ColumnSample sample) {
    NumericSample numeric = sample.numeric();
    if (sample.kind() == ColumnKind.NUMERIC && numeric.size() > MAX_VALUE_BARS) {
      double[] edges =
          Histograms.sturgesEdges(
              numeric.min(), numeric.max(), numeric.n() + numeric.m(), numeric.integral());
      if (edges.length - 1 > MAX_BINS) {
        edges = Histograms.equalWidthEdges(numeric.min(), numeric.max(), MAX_BINS);
      }
      long[][] counts = numeric.histogram(edges);
      List<Double> edgeList = new ArrayList<>();
      for (double e : edges) {
        edgeList.add(e);
      }
      return new ColumnDistribution(edgeList, List.of(), boxed(counts[0]), boxed(counts[1]));
    }
    CategoricalSample categories = sample.categories();
    Integer[] order = new Integer[categories.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    if (sample.kind() == ColumnKind.CATEGORICAL || order.length > MAX_CATEGORIES) {
      Arrays.sort(
          order,
          (a, b) ->
              Long.compare(
                  categories.referenceCount(b) + categories.currentCount(b),
                  categories.referenceCount(a) + categories.currentCount(a)));
    }
    List<String> labels = new ArrayList<>();
    List<Long> ref = new ArrayList<>();
    List<Long> cur = new ArrayList<>();
    long otherRef = 0;
    long otherCur = 0;
    for (int i = 0; i < order.length; i++) {
      int index = order[i];
      if (i < MAX_CATEGORIES) {
        labels.add(categories.label(index));
        ref.add(categories.referenceCount(index));
        cur.add(categories.currentCount(index));
      } else {
        otherRef += categories.referenceCount(index);
        otherCur += categories.currentCount(index);
      }
    }
    if (order.length > MAX_CATEGORIES) {
      labels.add(CategoricalSample.OTHER);
      ref.add(otherRef);
      cur.add(otherCur);
    }
    return new ColumnDistribution(List.of(), labels, ref, cur);
  }

  private static List<Long> boxed(long[] values) {
    List<Long> out = new ArrayList<>(values.length);
    for (long v : values) {
      out.add(v);
    }
    return out;
  }

  /** As JSON: {@code {"edges"|"labels", "reference", "current"}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (numeric()) {
      json.put("edges", edges);
    } else {
      json.put("labels", labels);
    }
    json.put("reference", reference);
    json.put("current", current);
    return json;
  }
}
