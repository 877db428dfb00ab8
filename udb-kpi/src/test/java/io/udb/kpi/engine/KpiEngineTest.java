package io.udb.kpi.engine;

import static io.udb.kpi.KpiTestData.plainDuckDb;
import static io.udb.kpi.KpiTestData.plainNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.TenantId;
import io.udb.core.DataBox;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Breakdown;
import io.udb.kpi.Contributor;
import io.udb.kpi.DimensionSeries;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiTestData;
import io.udb.kpi.Measure;
import io.udb.kpi.RecordingMetrics;
import io.udb.kpi.SeriesPoint;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiEngineTest {
  private static final String CSV = "seattle-weather.csv";
  private static final TenantId TENANT = TenantId.of("seattle");
  private static final String DECEMBER_2015 =
      " WHERE date >= DATE '2015-12-01' AND date < DATE '2016-01-01'";
  private static final String NOVEMBER_2015 =
      " WHERE date >= DATE '2015-11-01' AND date < DATE '2015-12-01'";
  private static final KpiOptions UNCACHED = KpiOptions.builder().useCache(false).build();

  private final RecordingMetrics metrics = new RecordingMetrics();
  private DataBox box;
  private KpiEngine engine;

  @BeforeAll
  void loadWeather() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).metrics(metrics).build();
    KpiTestData.load(box, TENANT, CSV, "weather");
  }

  @AfterAll
  void closeBox() {
    box.close();
  }

  @BeforeEach
  void freshEngine() {
    engine = new KpiEngine(KpiCache.defaults(), new TableVersions());
    metrics.clear();
  }

  private static KpiDefinition.Builder monthly(String name) {
    return KpiDefinition.builder(name).table("weather").time("date", Grain.MONTH);
  }

  private List<KpiResult> run(KpiOptions options, KpiDefinition... kpis) {
    return engine.run(box, TENANT, List.of(kpis), options);
  }

  private KpiResult one(KpiDefinition kpi) {
    return run(UNCACHED, kpi).get(0);
  }

  private static Map<String, Double> byWeather(String aggregate, String where) {
    Map<String, Double> out = new LinkedHashMap<>();
    for (List<Object> row :
        plainDuckDb(CSV, "SELECT weather, " + aggregate + " FROM CSV" + where + " GROUP BY 1")) {
      out.put((String) row.get(0), ((Number) row.get(1)).doubleValue());
    }
    return out;
  }

  private static double sumOfContributions(Breakdown breakdown) {
    return breakdown.contributors().stream().mapToDouble(Contributor::contribution).sum();
  }

  @Test
  void monthlyAverageMaxTemperatureMatchesPlainDuckDb() {
    KpiResult result = one(monthly("avg_temp").measure("temp_max", Aggregation.AVG).build());

    assertThat(result.period()).isEqualTo(LocalDate.of(2015, 12, 1));
    assertThat(result.value())
        .isCloseTo(plainNumber(CSV, "SELECT avg(temp_max) FROM CSV" + DECEMBER_2015), within(1e-9));
    assertThat(result.previousPeriod()).isEqualTo(LocalDate.of(2015, 11, 1));
    assertThat(result.previousValue())
        .isCloseTo(plainNumber(CSV, "SELECT avg(temp_max) FROM CSV" + NOVEMBER_2015), within(1e-9));
    assertThat(result.yearAgoPeriod()).isEqualTo(LocalDate.of(2014, 12, 1));
    assertThat(result.yearAgoValue())
        .isCloseTo(
            plainNumber(
                CSV,
                "SELECT avg(temp_max) FROM CSV WHERE date >= DATE '2014-12-01'"
                    + " AND date < DATE '2015-01-01'"),
            within(1e-9));
    assertThat(result.change()).isCloseTo(result.value() - result.previousValue(), within(1e-12));
    assertThat(result.changePct())
        .isCloseTo(result.change() / result.previousValue() * 100, within(1e-9));
    List<List<Object>> plainSeries =
        plainDuckDb(
            CSV,
            "SELECT CAST(date_trunc('month', date) AS DATE), avg(temp_max) FROM CSV"
                + " GROUP BY 1 ORDER BY 1");
    assertThat(result.series().points()).hasSize(48).hasSize(plainSeries.size());
    for (int i = 0; i < plainSeries.size(); i++) {
      SeriesPoint point = result.series().points().get(i);
      assertThat(point.period()).isEqualTo(plainSeries.get(i).get(0).toString());
      assertThat(point.value())
          .isCloseTo(((Number) plainSeries.get(i).get(1)).doubleValue(), within(1e-9));
    }
    assertThat(result.rows()).isEqualTo(1461);
  }

  @Test
  void precipitationTotalsByWeatherTypeSplitTheChangeExactly() {
    KpiResult result =
        one(
            monthly("rain")
                .measure("precipitation", Aggregation.SUM)
                .dimensions("weather")
                .build());

    Map<String, Double> december = byWeather("sum(precipitation)", DECEMBER_2015);
    Map<String, Double> november = byWeather("sum(precipitation)", NOVEMBER_2015);
    Breakdown breakdown = result.breakdown("weather");
    assertThat(breakdown.decomposable()).isTrue();
    assertThat(breakdown.contributors())
        .extracting(Contributor::value)
        .containsExactlyInAnyOrderElementsOf(
            new java.util.TreeSet<>(
                java.util.stream.Stream.concat(
                        december.keySet().stream(), november.keySet().stream())
                    .toList()));
    for (Contributor contributor : breakdown.contributors()) {
      assertThat(contributor.current()).isCloseTo(december.get(contributor.value()), within(1e-9));
      assertThat(contributor.previous()).isCloseTo(november.get(contributor.value()), within(1e-9));
      assertThat(contributor.contribution())
          .isCloseTo(contributor.current() - contributor.previous(), within(1e-9));
    }
    assertThat(sumOfContributions(breakdown)).isCloseTo(result.change(), within(1e-9));
    assertThat(breakdown.top(3))
        .hasSize(1)
        .first()
        .extracting(Contributor::value)
        .isEqualTo("rain");
  }

  @Test
  void averageContributionsAddUpToTheChangeOfTheAverage() {
    KpiResult result =
        one(monthly("avg_temp").measure("temp_max", Aggregation.AVG).dimensions("weather").build());

    Breakdown breakdown = result.breakdown("weather");
    assertThat(breakdown.decomposable()).isTrue();
    assertThat(sumOfContributions(breakdown)).isCloseTo(result.change(), within(1e-9));
    Map<String, Double> december = byWeather("avg(temp_max)", DECEMBER_2015);
    for (Contributor contributor : breakdown.contributors()) {
      assertThat(contributor.current()).isCloseTo(december.get(contributor.value()), within(1e-9));
    }
    // sun: 4 of 31 days at 5.85 now, 6 of 30 days at 8.683... before
    Contributor sun =
        breakdown.contributors().stream().filter(c -> c.value().equals("sun")).findFirst().get();
    assertThat(sun.contribution())
        .isCloseTo(4 * 5.85 / 31 - 6 * 8.683333333333334 / 30, within(1e-9));
    assertThat(breakdown.top(3).get(0).value()).isEqualTo("sun");
  }

  @Test
  void sunnyDaysPerMonthCountEveryMonthOfTheTable() {
    KpiResult sunny =
        one(monthly("sunny").aggregation(Aggregation.COUNT).filter("weather = 'sun'").build());
    KpiResult snowy =
        one(monthly("snowy").aggregation(Aggregation.COUNT).filter("weather = 'snow'").build());

    List<List<Object>> plain =
        plainDuckDb(
            CSV,
            "SELECT count(*) FILTER (WHERE weather = 'sun'), count(*) FILTER (WHERE weather ="
                + " 'snow') FROM CSV GROUP BY date_trunc('month', date) ORDER BY"
                + " date_trunc('month', date)");
    assertThat(sunny.series().points()).hasSize(48);
    assertThat(snowy.series().points()).hasSize(48);
    for (int i = 0; i < plain.size(); i++) {
      assertThat(sunny.series().points().get(i).value())
          .isEqualTo(((Number) plain.get(i).get(0)).doubleValue());
      assertThat(snowy.series().points().get(i).value())
          .isEqualTo(((Number) plain.get(i).get(1)).doubleValue());
    }
    assertThat(snowy.value()).isEqualTo(0.0);
    assertThat(sunny.value()).isEqualTo(4.0);
    assertThat(sunny.previousValue()).isEqualTo(6.0);
    assertThat(sunny.rows())
        .isEqualTo((long) plainNumber(CSV, "SELECT count(*) FROM CSV WHERE weather = 'sun'"));
    assertThat(sunny.rowsScanned()).isEqualTo(1461);
  }

  @Test
  void kpisOverTheSameTableTimeAndGrainShareOneScan() {
    KpiEngine.Batch batch =
        engine.prepare(
            box,
            TENANT,
            List.of(
                monthly("avg_temp").measure("temp_max", Aggregation.AVG).build(),
                monthly("rain")
                    .measure("precipitation", Aggregation.SUM)
                    .dimensions("weather")
                    .build(),
                monthly("sunny").aggregation(Aggregation.COUNT).filter("weather = 'sun'").build(),
                monthly("windy").measure("wind", Aggregation.MAX).filter("temp_max > 8").build(),
                KpiDefinition.builder("weekly_rain")
                    .table("weather")
                    .measure("precipitation", Aggregation.SUM)
                    .time("date", Grain.WEEK)
                    .build()),
            UNCACHED);

    assertThat(batch.queries()).isEqualTo(2);
    engine.compute(batch, () -> {});
    List<KpiResult> results = engine.results(batch);

    assertThat(results).extracting(KpiResult::scan).containsExactly(0, 0, 0, 0, 1);
    assertThat(metrics.of(KpiMetricNames.SCANS)).hasSize(2);
    assertThat(results.get(3).value())
        .isEqualTo(
            plainNumber(CSV, "SELECT max(wind) FROM CSV" + DECEMBER_2015 + " AND temp_max > 8"));
  }

  @Test
  void ratioOfCountsIsTheShareOfSunnyDaysAndSplitsExactly() {
    KpiResult share =
        one(
            monthly("sunny_share")
                .ratio(Measure.countRows().where("weather = 'sun'"), Measure.countRows())
                .dimensions("weather")
                .build());

    assertThat(share.value()).isCloseTo(4.0 / 31, within(1e-12));
    assertThat(share.previousValue()).isCloseTo(6.0 / 30, within(1e-12));
    Breakdown breakdown = share.breakdown("weather");
    assertThat(breakdown.decomposable()).isTrue();
    assertThat(sumOfContributions(breakdown)).isCloseTo(share.change(), within(1e-12));
  }

  @Test
  void medianAndPercentileMatchPlainDuckDbAndReportOwnChanges() {
    List<KpiResult> results =
        run(
            UNCACHED,
            monthly("median_temp")
                .measure("temp_max", Aggregation.MEDIAN)
                .dimensions("weather")
                .build(),
            monthly("p90_wind").measure("wind").percentile(90).build(),
            monthly("distinct_weather").measure("weather", Aggregation.COUNT_DISTINCT).build(),
            monthly("coldest").measure("temp_min", Aggregation.MIN).build());

    assertThat(results.get(0).value())
        .isCloseTo(
            plainNumber(CSV, "SELECT median(temp_max) FROM CSV" + DECEMBER_2015), within(1e-9));
    assertThat(results.get(1).value())
        .isCloseTo(
            plainNumber(CSV, "SELECT quantile_cont(wind, 0.9) FROM CSV" + DECEMBER_2015),
            within(1e-9));
    assertThat(results.get(2).value()).isEqualTo(3.0);
    assertThat(results.get(3).value())
        .isEqualTo(plainNumber(CSV, "SELECT min(temp_min) FROM CSV" + DECEMBER_2015));
    Breakdown breakdown = results.get(0).breakdown("weather");
    assertThat(breakdown.decomposable()).isFalse();
    Map<String, Double> medians = byWeather("median(temp_max)", DECEMBER_2015);
    for (Contributor contributor : breakdown.contributors()) {
      assertThat(contributor.current()).isCloseTo(medians.get(contributor.value()), within(1e-9));
      assertThat(contributor.contribution()).isEqualTo(contributor.delta());
    }
  }

  @Test
  void periodsFollowTheGrain() {
    List<KpiResult> results =
        run(
            UNCACHED,
            KpiDefinition.builder("daily")
                .table("weather")
                .measure("temp_max", Aggregation.MAX)
                .time("date", Grain.DAY)
                .build(),
            KpiDefinition.builder("weekly")
                .table("weather")
                .measure("precipitation", Aggregation.SUM)
                .time("date", Grain.WEEK)
                .build(),
            KpiDefinition.builder("quarterly")
                .table("weather")
                .measure("precipitation", Aggregation.SUM)
                .time("date", Grain.QUARTER)
                .build(),
            KpiDefinition.builder("yearly")
                .table("weather")
                .measure("precipitation", Aggregation.SUM)
                .time("date", Grain.YEAR)
                .build());

    KpiResult daily = results.get(0);
    assertThat(daily.period()).isEqualTo(LocalDate.of(2015, 12, 31));
    assertThat(daily.previousPeriod()).isEqualTo(LocalDate.of(2015, 12, 30));
    assertThat(daily.yearAgoPeriod()).isEqualTo(LocalDate.of(2014, 12, 31));
    KpiResult weekly = results.get(1);
    assertThat(weekly.period()).isEqualTo(LocalDate.of(2015, 12, 28));
    assertThat(weekly.previousPeriod()).isEqualTo(LocalDate.of(2015, 12, 21));
    assertThat(weekly.yearAgoPeriod()).isEqualTo(LocalDate.of(2014, 12, 22));
    assertThat(weekly.value())
        .isCloseTo(
            plainNumber(CSV, "SELECT sum(precipitation) FROM CSV WHERE date >= DATE '2015-12-28'"),
            within(1e-9));
    KpiResult quarterly = results.get(2);
    assertThat(quarterly.period()).isEqualTo(LocalDate.of(2015, 10, 1));
    assertThat(quarterly.previousPeriod()).isEqualTo(LocalDate.of(2015, 7, 1));
    assertThat(quarterly.yearAgoPeriod()).isEqualTo(LocalDate.of(2014, 10, 1));
    KpiResult yearly = results.get(3);
    assertThat(yearly.period()).isEqualTo(LocalDate.of(2015, 1, 1));
    assertThat(yearly.previousPeriod()).isEqualTo(LocalDate.of(2014, 1, 1));
    assertThat(yearly.yearAgoPeriod()).isNull();
    assertThat(yearly.series().points()).hasSize(4);
  }

  @Test
  void aKpiWithoutTimeColumnIsOneValueRankedByItsParts() {
    KpiResult total =
        one(
            KpiDefinition.builder("total_rain")
                .table("weather")
                .measure("precipitation", Aggregation.SUM)
                .dimensions("weather")
                .build());

    assertThat(total.period()).isNull();
    assertThat(total.previousValue()).isNull();
    assertThat(total.series().points()).isEmpty();
    assertThat(total.value())
        .isCloseTo(plainNumber(CSV, "SELECT sum(precipitation) FROM CSV"), within(1e-9));
    Breakdown breakdown = total.breakdown("weather");
    assertThat(breakdown.contributors()).extracting(Contributor::contribution).containsOnlyNulls();
    assertThat(breakdown.contributors().get(0).value()).isEqualTo("rain");
    assertThat(breakdown.top(3)).isEmpty();
  }

  @Test
  void rawSqlKpisRunThroughTheGuardedPath() {
    List<KpiResult> results =
        run(
            UNCACHED,
            KpiDefinition.builder("hottest")
                .sql(
                    "SELECT date_trunc('month', date) AS period, max(temp_max) AS value"
                        + " FROM weather GROUP BY 1")
                .grain(Grain.MONTH)
                .build(),
            KpiDefinition.builder("days").sql("SELECT count(*) AS value FROM weather").build());

    assertThat(results.get(0).period()).isEqualTo(LocalDate.of(2015, 12, 1));
    assertThat(results.get(0).value())
        .isEqualTo(plainNumber(CSV, "SELECT max(temp_max) FROM CSV" + DECEMBER_2015));
    assertThat(results.get(0).previousPeriod()).isEqualTo(LocalDate.of(2015, 11, 1));
    assertThat(results.get(1).value()).isEqualTo(1461.0);
    assertThat(results.get(1).period()).isNull();
  }

  @Test
  void metersTheRowsOfEveryComputedKpi() {
    run(
        UNCACHED,
        monthly("avg_temp").measure("temp_max", Aggregation.AVG).build(),
        monthly("sunny").aggregation(Aggregation.COUNT).filter("weather = 'sun'").build());

    assertThat(metrics.of(KpiMetricNames.ROWS))
        .extracting(RecordingMetrics.Measurement::value)
        .containsExactly(
            1461.0, plainNumber(CSV, "SELECT count(*) FROM CSV WHERE weather = 'sun'"));
    assertThat(metrics.of(KpiMetricNames.ROWS).get(0).tags()).containsExactly("tenant", "seattle");
  }

  @Test
  void returnsASeriesPerDimensionValueWhenAsked() {
    KpiResult result =
        run(
                KpiOptions.builder().useCache(false).dimensionSeries(true).build(),
                monthly("rain")
                    .measure("precipitation", Aggregation.SUM)
                    .dimensions("weather")
                    .build())
            .get(0);

    List<DimensionSeries> perValue = result.series().dimensions();
    assertThat(perValue).extracting(DimensionSeries::value).contains("rain", "sun", "snow");
    assertThat(perValue.get(0).value()).isEqualTo("rain");
    List<List<Object>> plainRain =
        plainDuckDb(
            CSV,
            "SELECT CAST(date_trunc('month', date) AS DATE), sum(precipitation) FROM CSV"
                + " WHERE weather = 'rain' GROUP BY 1 ORDER BY 1");
    List<SeriesPoint> rain = perValue.get(0).points();
    assertThat(rain).hasSize(plainRain.size());
    for (int i = 0; i < rain.size(); i++) {
      assertThat(rain.get(i).period()).isEqualTo(plainRain.get(i).get(0).toString());
      assertThat(rain.get(i).value())
          .isCloseTo(((Number) plainRain.get(i).get(1)).doubleValue(), within(1e-9));
    }
  }

  @Test
  void capsABreakdownAndCountsWhatItLeftOut() {
    KpiResult result =
        run(
                KpiOptions.builder().useCache(false).maxDimensionValues(2).build(),
                monthly("rain")
                    .measure("precipitation", Aggregation.SUM)
                    .dimensions("weather")
                    .build())
            .get(0);

    Breakdown breakdown = result.breakdown("weather");
    assertThat(breakdown.contributors()).hasSize(2);
    assertThat(breakdown.omitted()).isEqualTo(1);
  }
}
