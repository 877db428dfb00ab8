package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoryTableTest {

  private static CategoryTable single(List<String> labels, List<Double> values) {
    return CategoryTable.collect(labels, Collections.nCopies(labels.size(), "v"), values);
  }

  @Test
  void keepsTheLargestCategoriesAndSumsTheRestIntoOther() {
    CategoryTable table =
        single(List.of("a", "b", "c", "d", "e"), List.of(5.0, 40.0, 1.0, 30.0, 2.0));

    CategoryTable top = table.topN(2);

    assertThat(top.categories()).containsExactly("b", "d", "Other");
    assertThat(top.values()[0]).containsExactly(40.0, 30.0, 8.0);
  }

  @Test
  void withFewCategoriesOnlySortsThemAndAddsNoOther() {
    CategoryTable top = single(List.of("a", "b", "c"), List.of(1.0, 3.0, 2.0)).topN(10);

    assertThat(top.categories()).containsExactly("b", "c", "a");
    assertThat(top.values()[0]).containsExactly(3.0, 2.0, 1.0);
  }

  @Test
  void ranksCategoriesByTheirTotalOverAllSeriesAndBucketsEachSeries() {
    CategoryTable table =
        CategoryTable.collect(
            List.of("a", "a", "b", "b", "c", "d"),
            List.of("2014", "2015", "2014", "2015", "2015", "2014"),
            List.of(1.0, 1.0, 5.0, 5.0, 3.0, 2.5));

    CategoryTable top = table.topN(2);

    assertThat(top.series()).containsExactly("2014", "2015");
    assertThat(top.categories()).containsExactly("b", "c", "Other");
    double[][] values = top.values();
    assertThat(values[0]).containsExactly(5.0, Double.NaN, 3.5);
    assertThat(values[1]).containsExactly(5.0, 3.0, 1.0);
  }

  @Test
  void ordersNumberAndDateSeriesAscendingAndOthersByFirstAppearance() {
    CategoryTable years =
        CategoryTable.collect(
            List.of("a", "a", "b"), List.of("2015", "2014", "2013"), List.of(1.0, 2.0, 3.0));
    CategoryTable names =
        CategoryTable.collect(
            List.of("a", "a", "b"), List.of("south", "north", "east"), List.of(1.0, 2.0, 3.0));

    assertThat(years.series()).containsExactly("2013", "2014", "2015");
    assertThat(years.values()[1]).containsExactly(2.0, Double.NaN);
    assertThat(years.values()[2]).containsExactly(1.0, Double.NaN);
    assertThat(names.series()).containsExactly("south", "north", "east");
    assertThat(ChartValues.seriesOrder(List.of("2015-02-01", "2014-12-01")))
        .containsExactly("2014-12-01", "2015-02-01");
    assertThat(ChartValues.seriesOrder(List.of("10", "9.5", "-1")))
        .containsExactly("-1", "9.5", "10");
  }

  @Test
  void aCategoryCalledOtherJoinsTheBucket() {
    CategoryTable top =
        single(List.of("Other", "a", "b", "c"), List.of(100.0, 3.0, 2.0, 1.0)).topN(2);

    assertThat(top.categories()).containsExactly("a", "b", "Other");
    assertThat(top.values()[0]).containsExactly(3.0, 2.0, 101.0);
  }

  @Test
  void tiesKeepDataOrder() {
    CategoryTable top = single(List.of("x", "y", "z"), List.of(1.0, 1.0, 1.0)).topN(2);

    assertThat(top.categories()).containsExactly("x", "y", "Other");
  }

  @Test
  void repeatedPairsAreSummedAndMissingValuesSkipped() {
    List<String> labels = new ArrayList<>(List.of("a", "a", "b"));
    labels.add(null);
    List<Double> values = new ArrayList<>(List.of(1.0, 2.0));
    values.add(null);
    values.add(7.0);

    CategoryTable table = single(labels, values);

    assertThat(table.categories()).containsExactly("a");
    assertThat(table.values()[0]).containsExactly(3.0);
  }
}
