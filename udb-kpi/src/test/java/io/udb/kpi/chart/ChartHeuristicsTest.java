package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The suggested chart fits the shape of real aggregates of the Seattle weather data. */
class ChartHeuristicsTest {
  private static final TenantId TENANT = TenantId.of("heuristics");
  private static DataBox box;
  private final ChartRenderer renderer = new ChartRenderer();

  @BeforeAll
  static void loadWeather() throws Exception {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
    TestTables.loadCsv(box, TENANT, "seattle-weather.csv", "weather");
  }

  @AfterAll
  static void closeBox() {
    box.close();
  }

  private static ChartData query(String sql) {
    return TestTables.query(box, TENANT, sql);
  }

  @Test
  void aMonthlyAverageOverTimeIsALine() throws Exception {
    ChartData monthly =
        query(
            "SELECT date_trunc('month', date) AS month, avg(temp_max) AS avg_temp_max"
                + " FROM weather GROUP BY 1 ORDER BY 1");

    ChartSpec spec = renderer.suggest(monthly, "Average max temperature");

    assertThat(spec.type()).isEqualTo(ChartType.LINE);
    assertThat(spec.x()).isEqualTo("month");
    assertThat(spec.y()).isEqualTo("avg_temp_max");
    assertThat(spec.grain()).isEqualTo(DateGrain.MONTH);
    assertThat(spec.title()).isEqualTo("Average max temperature");
    assertThat(monthly.size()).isEqualTo(48);
    ImageAssertions.assertPng(renderer.render(spec, monthly).png(), 1200, 700);
  }

  @Test
  void aSmallDimensionSplitsTheLineIntoSeries() {
    ChartData yearly =
        query(
            "SELECT CAST(date_trunc('year', date) AS DATE) AS year, weather, count(*) AS days"
                + " FROM weather GROUP BY ALL ORDER BY 1, 2");

    ChartSpec spec = renderer.suggest(yearly, null);

    assertThat(spec.type()).isEqualTo(ChartType.LINE);
    assertThat(spec.series()).isEqualTo("weather");
    assertThat(spec.grain()).isEqualTo(DateGrain.YEAR);
  }

  @Test
  void aMeasureByCategoryIsABarOfTheTopTen() throws Exception {
    ChartData precipitation =
        query("SELECT weather, sum(precipitation) AS precipitation FROM weather GROUP BY 1");

    ChartSpec spec = renderer.suggest(precipitation, null);

    assertThat(spec.type()).isEqualTo(ChartType.BAR);
    assertThat(spec.x()).isEqualTo("weather");
    assertThat(spec.y()).isEqualTo("precipitation");
    assertThat(spec.topN()).isEqualTo(10);
    assertThat(spec.orientation()).isEqualTo(BarOrientation.VERTICAL);
    assertThat(spec.displayTitle()).isEqualTo("precipitation by weather");
    ImageAssertions.assertPng(renderer.render(spec, precipitation).png(), 1200, 700);
  }

  @Test
  void manyCategoriesAreCutToTheTopTenAndOther() {
    // one category per day of the year: far more than ten
    ChartData byDay =
        query(
            "SELECT strftime(date, '%m-%d') AS day_of_year, sum(precipitation) AS precipitation"
                + " FROM weather GROUP BY 1");

    ChartSpec spec = renderer.suggest(byDay, null);
    CategoryTable table = BarCharts.table(new ChartInput(spec, byDay, renderer.theme()));

    assertThat(byDay.size()).isEqualTo(366);
    assertThat(table.categories()).hasSize(11).endsWith("Other");
    double total =
        byDay.column("precipitation").stream().mapToDouble(v -> ((Number) v).doubleValue()).sum();
    double shown = 0;
    for (int c = 0; c < table.categories().size(); c++) {
      shown += table.value(0, c);
    }
    assertThat(shown).isCloseTo(total, org.assertj.core.api.Assertions.within(1e-6));
  }

  @Test
  void longCategoryNamesTurnBarsHorizontal() {
    ChartData data =
        new ChartData(
            List.of("station", "rain"),
            List.of(List.of("Seattle-Tacoma International", 10L), List.of("Boeing Field", 5L)));

    assertThat(renderer.suggest(data, null).orientation()).isEqualTo(BarOrientation.HORIZONTAL);
  }

  @Test
  void twoMeasuresAreAScatter() throws Exception {
    ChartData temperatures = query("SELECT temp_min, temp_max FROM weather");

    ChartSpec spec = renderer.suggest(temperatures, null);

    assertThat(spec.type()).isEqualTo(ChartType.SCATTER);
    assertThat(spec.x()).isEqualTo("temp_min");
    assertThat(spec.y()).isEqualTo("temp_max");
    assertThat(spec.displayTitle()).isEqualTo("temp_max vs temp_min");
    ImageAssertions.assertPng(renderer.render(spec, temperatures).png(), 1200, 700);
  }

  @Test
  void oneMeasureIsAHistogram() throws Exception {
    ChartData wind = query("SELECT wind FROM weather");

    ChartSpec spec = renderer.suggest(wind, null);

    assertThat(spec.type()).isEqualTo(ChartType.HISTOGRAM);
    assertThat(spec.x()).isEqualTo("wind");
    assertThat(spec.bins()).isNull();
    ImageAssertions.assertPng(renderer.render(spec, wind).png(), 1200, 700);
  }

  @Test
  void dataWithoutANumberHasNoChart() {
    ChartData names = query("SELECT DISTINCT weather FROM weather");
    List<Object> empty = new ArrayList<>();
    empty.add(null);

    assertThatThrownBy(() -> renderer.suggest(names, null))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessage(
            "No chart fits data without a numeric column with values; its columns are weather");
    assertThatThrownBy(() -> renderer.suggest(new ChartData(List.of("n"), List.of(empty)), null))
        .isInstanceOf(UdbException.class);
  }
}
