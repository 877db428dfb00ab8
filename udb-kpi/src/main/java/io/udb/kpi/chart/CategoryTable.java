package io.udb.kpi.chart;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Values by category and series, as bars and slices need them: {@code values[s][c]} is the value of
 * series {@code s} at category {@code c}, {@code NaN} where the data has none. Rows repeating a
 * (category, series) pair are summed.
 *
 * @param categories the category labels, in display order
 * @param series the series names, in order of first appearance
 * @param values the values, one array per series
 */
record CategoryTable(List<String> categories, List<String> series, double[][] values) {

  /** The label of the bucket that sums the categories beyond the top N. */
  static final String OTHER = "Other";

  CategoryTable {
    categories = List.copyOf(categories);
    series = List.copyOf(series);
    values = Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
  }

  /**
   * Collects the table.
   *
   * @param labels the category label of each row ({@code null} rows are skipped)
   * @param seriesNames the series of each row
   * @param numbers the value of each row ({@code null} rows are skipped)
   */
  static CategoryTable collect(
      List<String> labels, List<String> seriesNames, List<Double> numbers) {
    Map<String, Integer> categoryIndex = new LinkedHashMap<>();
    Map<String, Integer> seriesIndex = new LinkedHashMap<>();
    List<double[]> cells = new ArrayList<>();
    for (int row = 0; row < labels.size(); row++) {
      String label = labels.get(row);
      Double number = numbers.get(row);
      if (label == null || number == null) {
        continue;
      }
      categoryIndex.putIfAbsent(label, categoryIndex.size());
      seriesIndex.putIfAbsent(seriesNames.get(row), seriesIndex.size());
      cells.add(
          new double[] {categoryIndex.get(label), seriesIndex.get(seriesNames.get(row)), number});
    }
    List<String> seriesOrder = ChartValues.seriesOrder(List.copyOf(seriesIndex.keySet()));
    int[] position = new int[seriesIndex.size()];
    seriesIndex.forEach((name, index) -> position[index] = seriesOrder.indexOf(name));
    double[][] values = new double[seriesIndex.size()][categoryIndex.size()];
    for (double[] row : values) {
      Arrays.fill(row, Double.NaN);
    }
    for (double[] cell : cells) {
      int c = (int) cell[0];
      int s = position[(int) cell[1]];
      values[s][c] = Double.isNaN(values[s][c]) ? cell[2] : values[s][c] + cell[2];
    }
    return new CategoryTable(List.copyOf(categoryIndex.keySet()), seriesOrder, values);
  }

  @Override
  public double[][] values() {
    return Arrays.stream(values).map(double[]::clone).toArray(double[][]::new);
  }

  /** The value of a series at a category, {@code NaN} when there is none. */
  double value(int series, int category) {
    return values[series][category];
  }

  /** The sum over all series at a category, missing values counted as 0. */
  double total(int category) {
    double total = 0;
    for (double[] row : values) {
      if (!Double.isNaN(row[category])) {
        total += row[category];
      }
    }
    return total;
  }

  /**
   * The {@code n} categories with the largest totals, largest first, and, when there are more, an
   * {@value #OTHER} category holding the sum of the rest per series. Ties keep data order. A
   * category that is itself called "Other" joins the bucket.
   *
   * @param n how many categories to keep
   * @return the reduced table; this table when it has at most {@code n} categories
   */
  CategoryTable topN(int n) {
    if (categories.size() <= n) {
      return sortedByTotal();
    }
    List<Integer> order = orderByTotal();
    List<Integer> kept =
        order.stream().filter(c -> !categories.get(c).equals(OTHER)).limit(n).toList();
    boolean[] isKept = new boolean[categories.size()];
    kept.forEach(c -> isKept[c] = true);
    List<String> labels = new ArrayList<>();
    double[][] reduced = new double[series.size()][kept.size() + 1];
    for (int k = 0; k < kept.size(); k++) {
      labels.add(categories.get(kept.get(k)));
      for (int s = 0; s < series.size(); s++) {
        reduced[s][k] = values[s][kept.get(k)];
      }
    }
    labels.add(OTHER);
    for (int s = 0; s < series.size(); s++) {
      double other = Double.NaN;
      for (int c = 0; c < categories.size(); c++) {
        if (!isKept[c] && !Double.isNaN(values[s][c])) {
          other = Double.isNaN(other) ? values[s][c] : other + values[s][c];
        }
      }
      reduced[s][kept.size()] = other;
    }
    return new CategoryTable(labels, series, reduced);
  }

  /** The same table with its categories ordered by total, largest first; ties keep data order. */
  CategoryTable sortedByTotal() {
    List<Integer> order = orderByTotal();
    List<String> labels = order.stream().map(categories::get).toList();
    double[][] sorted = new double[series.size()][categories.size()];
    for (int s = 0; s < series.size(); s++) {
      for (int k = 0; k < order.size(); k++) {
        sorted[s][k] = values[s][order.get(k)];
      }
    }
    return new CategoryTable(labels, series, sorted);
  }

  private List<Integer> orderByTotal() {
    return IntStream.range(0, categories.size())
        .boxed()
        .sorted(Comparator.comparingDouble((Integer c) -> total(c)).reversed())
        .toList();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CategoryTable table
        && categories.equals(table.categories)
        && series.equals(table.series)
        && Arrays.deepEquals(values, table.values);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * categories.hashCode() + series.hashCode()) + Arrays.deepHashCode(values);
  }

  @Override
  public String toString() {
    return "CategoryTable" + categories + series + Arrays.deepToString(values);
  }
}
