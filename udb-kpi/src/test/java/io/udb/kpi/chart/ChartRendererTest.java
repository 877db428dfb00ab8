package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import java.awt.GraphicsEnvironment;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.AxesChartStyler;

class ChartRendererTest {
  private final ChartRenderer renderer = new ChartRenderer();

  /** Monthly values of two series, as a KPI time series with a dimension would arrive. */
  private static ChartData monthly(int months, String... series) {
    List<List<Object>> rows = new ArrayList<>();
    for (String name : series) {
      for (int m = 0; m < months; m++) {
        rows.add(
            List.of(LocalDate.of(2014, 1, 1).plusMonths(m).toString(), name, 1000.0 + m * 250.5));
      }
    }
    return new ChartData(List.of("month", "region", "revenue"), rows);
  }

  private static ChartData weatherDays() {
    return new ChartData(
        List.of("weather", "days"),
        List.of(
            List.of("drizzle", 53L),
            List.of("rain", 641L),
            List.of("sun", 714L),
            List.of("snow", 26L),
            List.of("fog", 101L)));
  }

  @Test
  void rendersAtTheRequestedSize() throws Exception {
    ChartSpec spec = ChartSpec.builder(ChartType.BAR).x("weather").y("days").size(640, 400).build();

    RenderedChart chart = renderer.render(spec, weatherDays());

    ImageAssertions.assertPng(chart.png(), 640, 400);
    ImageAssertions.assertSvg(chart.svg(), 640, 400);
    assertThat(chart.width()).isEqualTo(640);
    assertThat(chart.height()).isEqualTo(400);
  }

  @Test
  void rendersWithoutADisplay() throws Exception {
    assumeTrue(System.getenv("DISPLAY") == null, "a display is attached");
    // nothing sets java.awt.headless: without a display the JDK is headless by default
    assertThat(GraphicsEnvironment.isHeadless()).isTrue();

    RenderedChart chart =
        renderer.render(
            ChartSpec.builder(ChartType.PIE).x("weather").y("days").build(), weatherDays());

    ImageAssertions.assertPng(chart.png(), 1200, 700);
  }

  @Test
  void rendersFromSeveralThreadsTheSameImagesAsFromOne() throws Exception {
    ChartSpec spec =
        ChartSpec.builder(ChartType.LINE).x("month").y("revenue").series("region").build();
    ChartData data = monthly(24, "north", "south");
    byte[] alone = renderer.render(spec, data).png();

    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<byte[]>> renders = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        renders.add(pool.submit(() -> renderer.render(spec, data).png()));
      }
      for (Future<byte[]> render : renders) {
        assertThat(render.get()).isEqualTo(alone);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void rendersAQueryResultDirectly() throws Exception {
    QueryResult result =
        new QueryResult(
            List.of(new ColumnInfo("weather", "VARCHAR"), new ColumnInfo("days", "BIGINT")),
            weatherDays().rows(),
            5,
            false,
            3);

    RenderedChart chart =
        renderer.render(ChartSpec.builder(ChartType.BAR).x("weather").y("days").build(), result);

    ImageAssertions.assertPng(chart.png(), 1200, 700);
  }

  @Test
  void titleAndAxisTitlesFallBackToTheFieldNames() {
    XYChart chart =
        (XYChart)
            renderer.chart(
                ChartSpec.builder(ChartType.LINE).x("month").y("revenue").unit("EUR").build(),
                monthly(6, "all"));

    assertThat(chart.getTitle()).isEqualTo("revenue by month");
    assertThat(chart.getXAxisTitle()).isEqualTo("month");
    assertThat(chart.getYAxisTitle()).isEqualTo("revenue (EUR)");
    assertThat(chart.getStyler().isChartTitleVisible()).isTrue();
    assertThat(chart.getStyler().isXAxisTitleVisible()).isTrue();
    assertThat(chart.getStyler().isYAxisTitleVisible()).isTrue();
  }

  @Test
  void showsALegendOnlyForSeveralSeries() {
    ChartSpec bySeries =
        ChartSpec.builder(ChartType.LINE).x("month").y("revenue").series("region").build();

    assertThat(renderer.chart(bySeries, monthly(6, "north", "south")).getStyler().isLegendVisible())
        .isTrue();
    assertThat(renderer.chart(bySeries, monthly(6, "north")).getStyler().isLegendVisible())
        .isFalse();
    assertThat(
            renderer
                .chart(
                    ChartSpec.builder(ChartType.BAR).x("weather").y("days").build(), weatherDays())
                .getStyler()
                .isLegendVisible())
        .isFalse();
  }

  @Test
  void valueAxisHasThousandsSeparators() {
    ChartSpec spec = ChartSpec.builder(ChartType.LINE).x("month").y("revenue").build();

    assertThat(yLabels(renderer.chart(spec, monthly(24, "all"))).apply(12500.0))
        .isEqualTo("12,500");
    ChartRenderer german = new ChartRenderer(UdbChartTheme.defaults().withLocale(Locale.GERMANY));
    assertThat(yLabels(german.chart(spec, monthly(24, "all"))).apply(12500.0)).isEqualTo("12.500");
  }

  @Test
  void valueAxisUsesTheSpecsNumberFormat() {
    ChartSpec spec =
        ChartSpec.builder(ChartType.LINE).x("month").y("revenue").numberFormat("#,##0.00").build();

    assertThat(yLabels(renderer.chart(spec, monthly(3, "all"))).apply(1234.5))
        .isEqualTo("1,234.50");
  }

  @Test
  void labelsADateAxisByItsGrain() {
    ChartSpec spec = ChartSpec.builder(ChartType.LINE).x("month").y("revenue").build();
    Function<Double, String> months = xLabels(renderer.chart(spec, monthly(24, "all")));
    Function<Double, String> quarters =
        xLabels(
            renderer.chart(spec.toBuilder().grain(DateGrain.QUARTER).build(), monthly(24, "all")));
    Function<Double, String> days =
        xLabels(renderer.chart(spec.toBuilder().grain(DateGrain.DAY).build(), monthly(24, "all")));

    LocalDate june = LocalDate.of(2015, 6, 1);
    assertThat(months.apply((double) DateGrain.MONTH.index(june))).isEqualTo("Jun 2015");
    assertThat(quarters.apply((double) DateGrain.QUARTER.index(june))).isEqualTo("Q2 2015");
    assertThat(days.apply((double) DateGrain.DAY.index(june))).isEqualTo("2015-06-01");
  }

  @Test
  void chartsTimestampsByTheirDate() {
    ChartData data =
        new ChartData(
            List.of("at", "value"),
            List.of(
                List.of("2015-05-01T00:00", 1.0),
                List.of("2015-06-01T00:00", 2.0),
                List.of("2015-07-01T00:00:00", 3.0)));

    XYChart chart =
        (XYChart)
            renderer.chart(ChartSpec.builder(ChartType.LINE).x("at").y("value").build(), data);

    double[] x = chart.getSeriesMap().values().iterator().next().getXData();
    assertThat(x).hasSize(3);
    assertThat(xLabels(chart).apply(x[1])).isEqualTo("Jun 2015");
  }

  @Test
  void barsKeepTheTopCategoriesAndSumTheRestIntoOther() {
    ChartSpec spec = ChartSpec.builder(ChartType.BAR).x("weather").y("days").topN(2).build();

    CategoryChart chart = (CategoryChart) renderer.chart(spec, weatherDays());

    var series = chart.getSeriesMap().values().iterator().next();
    assertThat(List.<Object>copyOf(series.getXData())).containsExactly("sun", "rain", "Other");
    assertThat(List.<Number>copyOf(series.getYData())).containsExactly(714.0, 641.0, 180.0);
  }

  @Test
  void horizontalBarsLabelEveryCategoryTopDown() {
    ChartSpec spec =
        ChartSpec.builder(ChartType.BAR)
            .x("weather")
            .y("days")
            .orientation(BarOrientation.HORIZONTAL)
            .build();

    XYChart chart = (XYChart) renderer.chart(spec, weatherDays());

    Function<Double, String> labels = yLabels(chart);
    // the first category at the top, where the y axis ends
    assertThat(List.of(4.0, 3.0, 2.0, 1.0, 0.0).stream().map(labels).toList())
        .containsExactly("drizzle", "rain", "sun", "snow", "fog");
    assertThat(chart.getXAxisTitle()).isEqualTo("days");
    assertThat(chart.getYAxisTitle()).isEqualTo("weather");
  }

  @Test
  void horizontalBarsWithNumberLikeCategoriesRender() throws Exception {
    // labels outside the axis are numbers too; they must still differ from every category, or
    // XChart's tick search never ends
    List<List<Object>> rows = new ArrayList<>();
    for (int i = -3; i < 9; i++) {
      rows.add(List.of(Integer.toString(i), (long) (i * i + 1)));
    }
    ChartSpec spec =
        ChartSpec.builder(ChartType.BAR)
            .x("code")
            .y("count")
            .orientation(BarOrientation.HORIZONTAL)
            .stacked(true)
            .build();

    RenderedChart chart = renderer.render(spec, new ChartData(List.of("code", "count"), rows));

    ImageAssertions.assertPng(chart.png(), 1200, 700);
  }

  @Test
  void aLineOverCategoriesRenders() throws Exception {
    ChartData data =
        new ChartData(
            List.of("day", "visits"),
            List.of(List.of("Mon", 10L), List.of("Tue", 12L), List.of("Wed", 9L)));

    RenderedChart chart =
        renderer.render(ChartSpec.builder(ChartType.LINE).x("day").y("visits").build(), data);

    ImageAssertions.assertPng(chart.png(), 1200, 700);
  }

  @Test
  void histogramCountsEveryValue() {
    List<List<Object>> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      rows.add(List.of((double) (i % 10)));
    }

    XYChart chart =
        (XYChart)
            renderer.chart(
                ChartSpec.builder(ChartType.HISTOGRAM).x("v").bins(5).build(),
                new ChartData(List.of("v"), rows));

    double total =
        chart.getSeriesMap().values().stream()
            .mapToDouble(rectangle -> rectangle.getYData()[2])
            .sum();
    assertThat(total).isEqualTo(100.0);
    assertThat(chart.getYAxisTitle()).isEqualTo("Count");
  }

  @Test
  void pieSlicesGoLargestFirst() {
    PieChart chart =
        (PieChart)
            renderer.chart(
                ChartSpec.builder(ChartType.DONUT).x("weather").y("days").build(), weatherDays());

    assertThat(chart.getSeriesMap().keySet())
        .containsExactly("sun", "rain", "fog", "drizzle", "snow");
  }

  @Test
  void heatmapPutsTheFirstRowOnTop() {
    ChartData data =
        new ChartData(
            List.of("a", "b", "r"),
            List.of(
                List.of("x", "x", 1.0),
                List.of("x", "y", -0.5),
                List.of("y", "x", -0.5),
                List.of("y", "y", 1.0)));

    HeatMapChart chart =
        (HeatMapChart)
            renderer.chart(
                ChartSpec.builder(ChartType.HEATMAP).x("a").y("b").value("r").build(), data);

    assertThat(List.<Object>copyOf(chart.getHeatMapSeries().getXData())).containsExactly("x", "y");
    assertThat(List.<Object>copyOf(chart.getHeatMapSeries().getYData())).containsExactly("y", "x");
    assertThat(chart.getStyler().getMin()).isEqualTo(-1.0);
    assertThat(chart.getStyler().getMax()).isEqualTo(1.0);
  }

  @Test
  void rendersASingleRowOfEveryType() throws Exception {
    ChartData one =
        new ChartData(
            List.of("month", "weather", "a", "b"), List.of(List.of("2015-06-01", "sun", 3.5, 7L)));
    List<ChartSpec> specs =
        List.of(
            ChartSpec.builder(ChartType.LINE).x("month").y("a").build(),
            ChartSpec.builder(ChartType.LINE).x("weather").y("a").build(),
            ChartSpec.builder(ChartType.BAR).x("weather").y("a").build(),
            ChartSpec.builder(ChartType.BAR)
                .x("month")
                .y("b")
                .orientation(BarOrientation.HORIZONTAL)
                .build(),
            ChartSpec.builder(ChartType.SCATTER).x("a").y("b").build(),
            ChartSpec.builder(ChartType.HISTOGRAM).x("a").build(),
            ChartSpec.builder(ChartType.PIE).x("weather").y("b").build(),
            ChartSpec.builder(ChartType.DONUT).x("month").y("b").build(),
            ChartSpec.builder(ChartType.HEATMAP).x("weather").y("month").value("a").build());

    for (ChartSpec spec : specs) {
      RenderedChart chart = renderer.render(spec, one);
      ImageAssertions.assertPng(chart.png(), 1200, 700);
      ImageAssertions.assertSvg(chart.svg(), 1200, 700);
    }
  }

  @Test
  void rendersFlatAndZeroValues() throws Exception {
    ChartData zeros =
        new ChartData(
            List.of("k", "v"), List.of(List.of("a", 0L), List.of("b", 0L), List.of("c", 0L)));
    List<ChartSpec> specs =
        List.of(
            ChartSpec.builder(ChartType.LINE).x("k").y("v").build(),
            ChartSpec.builder(ChartType.BAR).x("k").y("v").build(),
            ChartSpec.builder(ChartType.BAR)
                .x("k")
                .y("v")
                .orientation(BarOrientation.HORIZONTAL)
                .build(),
            ChartSpec.builder(ChartType.HISTOGRAM).x("v").build(),
            ChartSpec.builder(ChartType.HEATMAP).x("k").y("k").value("v").build());

    for (ChartSpec spec : specs) {
      ImageAssertions.assertPng(renderer.render(spec, zeros).png(), 1200, 700);
    }
    assertThatThrownBy(
            () -> renderer.render(ChartSpec.builder(ChartType.PIE).x("k").y("v").build(), zeros))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("no slices");
  }

  @Test
  void rendersNegativeBars() throws Exception {
    ChartData profit =
        new ChartData(
            List.of("region", "year", "profit"),
            List.of(
                List.of("north", "2014", -1200.0),
                List.of("north", "2015", 300.0),
                List.of("south", "2014", 800.0),
                List.of("south", "2015", -50.0)));

    for (BarOrientation orientation : BarOrientation.values()) {
      for (boolean stacked : new boolean[] {false, true}) {
        ChartSpec spec =
            ChartSpec.builder(ChartType.BAR)
                .x("region")
                .y("profit")
                .series("year")
                .orientation(orientation)
                .stacked(stacked)
                .build();
        ImageAssertions.assertPng(renderer.render(spec, profit).png(), 1200, 700);
      }
    }
  }

  @Test
  void refusesAColumnTheDataLacks() {
    ChartSpec spec = ChartSpec.builder(ChartType.BAR).x("weather").y("hours").build();

    assertThatThrownBy(() -> renderer.render(spec, weatherDays()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage(
            "Chart spec field 'y' names the column 'hours', which the data does not have; its"
                + " columns are weather, days");
  }

  @Test
  void refusesTextWhereNumbersAreNeeded() {
    ChartSpec spec = ChartSpec.builder(ChartType.SCATTER).x("weather").y("days").build();

    assertThatThrownBy(() -> renderer.render(spec, weatherDays()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("field 'x'")
        .hasMessageContaining("whose values are not numbers");
  }

  @Test
  void refusesNegativeSlices() {
    ChartData data = new ChartData(List.of("k", "v"), List.of(List.of("a", 3L), List.of("b", -1L)));

    assertThatThrownBy(
            () -> renderer.render(ChartSpec.builder(ChartType.PIE).x("k").y("v").build(), data))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("negative values");
  }

  @Test
  void refusesDataWithNothingToDraw() {
    List<Object> missing = new ArrayList<>();
    missing.add("2015-01-01");
    missing.add(null);
    ChartData data = new ChartData(List.of("month", "value"), List.of(missing));

    assertThatThrownBy(
            () ->
                renderer.render(
                    ChartSpec.builder(ChartType.LINE).x("month").y("value").build(), data))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("no values to chart");
  }

  /** The x tick labels as they look, without the zero-width spaces that only XChart measures. */
  private static Function<Double, String> xLabels(Chart<?, ?> chart) {
    Function<Double, String> labels =
        ((AxesChartStyler) chart.getStyler()).getxAxisTickLabelsFormattingFunction();
    return labels.andThen(label -> label.replace("\u200B", ""));
  }

  private static Function<Double, String> yLabels(Chart<?, ?> chart) {
    return ((AxesChartStyler) chart.getStyler()).getyAxisTickLabelsFormattingFunction();
  }
}
