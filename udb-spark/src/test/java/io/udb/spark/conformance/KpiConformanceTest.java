package io.udb.spark.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.engine.SqlSession;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Breakdown;
import io.udb.kpi.Contributor;
import io.udb.kpi.DimensionSeries;
import io.udb.kpi.Grain;
import io.udb.kpi.InvalidKpiException;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiFormat;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.KpiResult;
import io.udb.kpi.Measure;
import io.udb.kpi.SeriesPoint;
import io.udb.kpi.service.KpiService;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The same KPI definitions through {@link KpiService} on DuckDB and on Spark, over the same tables:
 * real data (Seattle weather, cars) and generated edge cases (an empty table, nulls everywhere,
 * timestamps with time zones, week boundaries). Counts must be equal, floating point within 1e-9
 * relative; periods, dimension values, statuses, row counts and the narrative text must be the
 * same.
 */
class KpiConformanceTest {
  private static final double RELATIVE = 1e-9;
  private static final Set<Aggregation> COUNTS =
      Set.of(Aggregation.COUNT, Aggregation.COUNT_DISTINCT);
  private static final KpiOptions OPTIONS =
      KpiOptions.builder().useCache(false).dimensionSeries(true).build();

  private final ConformanceEngines engines = ConformanceEngines.get();
  private final KpiService service = new KpiService();

  /** A vendored data file, found by walking up to the folder holding {@code testdata/README.md}. */
  private static Path testdata(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata").resolve("README.md"))) {
        return dir.resolve("testdata").resolve(name);
      }
    }
    throw new IllegalStateException("no testdata/README.md above " + Path.of("").toAbsolutePath());
  }

  private static final class Tables {
    private static final ConformanceEngines ENGINES = ConformanceEngines.get();
    static final String WEATHER =
        ENGINES.csv("kpi_weather", testdata("seattle-weather.csv")).name();
    static final String CARS = ENGINES.csv("kpi_cars", testdata("cars.csv")).name();
  }

  private KpiReport[] both(List<KpiDefinition> definitions, KpiOptions options) {
    KpiReport duck =
        service.compute(engines.duck(), ConformanceEngines.TENANT, definitions, options);
    KpiReport spark =
        service.compute(engines.spark(), ConformanceEngines.TENANT, definitions, options);
    return new KpiReport[] {duck, spark};
  }

  private void assertConform(List<KpiDefinition> definitions, KpiOptions options) {
    KpiReport[] reports = both(definitions, options);
    assertSame(reports[0], reports[1]);
  }

  @Test
  void seattleWeatherKpisAreTheSame() {
    String t = Tables.WEATHER;
    List<KpiDefinition> kpis =
        List.of(
            KpiDefinition.builder("avg_temp_max")
                .label("Average max temperature")
                .table(t)
                .measure("temp_max", Aggregation.AVG)
                .time("date", Grain.MONTH)
                .dimensions("weather")
                .unit("°C")
                .target(10)
                .build(),
            KpiDefinition.builder("precipitation")
                .table(t)
                .measure("precipitation", Aggregation.SUM)
                .time("date", Grain.MONTH)
                .dimensions("weather")
                .unit("mm")
                .target(300)
                .upIsGood(false)
                .build(),
            KpiDefinition.builder("sunny_days")
                .table(t)
                .aggregation(Aggregation.COUNT)
                .filter("weather = 'sun'")
                .time("date", Grain.MONTH)
                .format(new KpiFormat(KpiFormat.Style.NUMBER, "day", "days", null))
                .target(3)
                .build(),
            KpiDefinition.builder("sunny_share")
                .label("share of sunny days")
                .table(t)
                .ratio(Measure.countRows().where("weather = 'sun'"), Measure.countRows())
                .time("date", Grain.MONTH)
                .format(new KpiFormat(KpiFormat.Style.PERCENT, null, null, null))
                .target(0.1)
                .build(),
            KpiDefinition.builder("median_temp_range")
                .table(t)
                .measure("temp_max - temp_min", Aggregation.MEDIAN)
                .time("date", Grain.WEEK)
                .thresholds(5.0, 2.0)
                .upIsGood(true)
                .build(),
            KpiDefinition.builder("wind_p90")
                .table(t)
                .measure("wind", Aggregation.PERCENTILE)
                .percentile(90)
                .time("date", Grain.QUARTER)
                .dimensions("weather")
                .build(),
            KpiDefinition.builder("weather_kinds")
                .table(t)
                .measure("weather", Aggregation.COUNT_DISTINCT)
                .time("date", Grain.YEAR)
                .build(),
            KpiDefinition.builder("hottest_day")
                .table(t)
                .measure("temp_max", Aggregation.MAX)
                .time("date", Grain.DAY)
                .build(),
            KpiDefinition.builder("coldest_ever")
                .table(t)
                .measure("temp_min", Aggregation.MIN)
                .dimensions("weather")
                .build(),
            KpiDefinition.builder("wet_warm_days")
                .table(t)
                .aggregation(Aggregation.COUNT)
                .filter(
                    "precipitation BETWEEN 1 AND 20 AND temp_max > 10"
                        + " AND upper(weather) IN ('RAIN', 'DRIZZLE')")
                .time("date", Grain.MONTH)
                .dimensions("weather")
                .build(),
            KpiDefinition.builder("rain_share_of_precipitation")
                .table(t)
                .ratio(
                    Measure.of("precipitation", Aggregation.SUM).where("weather LIKE 'r%'"),
                    Measure.of("precipitation", Aggregation.SUM))
                .time("date", Grain.QUARTER)
                .dimensions("weather")
                .build(),
            KpiDefinition.builder("sun_points")
                .table(t)
                .measure(
                    "CASE WHEN weather = 'sun' THEN 2 WHEN weather IS NULL THEN 0 ELSE 1 END",
                    Aggregation.SUM)
                .time("date", Grain.MONTH)
                .build());

    assertConform(kpis, OPTIONS);
    assertConform(kpis, KpiOptions.builder().useCache(false).build());
  }

  @Test
  void carsKpisWithTwoDimensionsAreTheSame() {
    String t = Tables.CARS;
    List<KpiDefinition> kpis =
        List.of(
            KpiDefinition.builder("mpg")
                .table(t)
                .measure("Miles_per_Gallon", Aggregation.AVG)
                .time("Year", Grain.YEAR)
                .dimensions("Origin", "Cylinders")
                .build(),
            KpiDefinition.builder("median_horsepower")
                .table(t)
                .measure("Horsepower", Aggregation.MEDIAN)
                .filter("Horsepower IS NOT NULL")
                .time("Year", Grain.YEAR)
                .dimensions("Origin")
                .build(),
            KpiDefinition.builder("total_weight")
                .table(t)
                .measure("Weight_in_lbs", Aggregation.SUM)
                .dimensions("Origin")
                .build(),
            KpiDefinition.builder("fords")
                .table(t)
                .aggregation(Aggregation.COUNT)
                .filter("lower(Name) LIKE '%ford%'")
                .time("Year", Grain.YEAR)
                .build(),
            KpiDefinition.builder("cars_by_acceleration")
                .table(t)
                .aggregation(Aggregation.COUNT)
                .dimensions("Acceleration", "Miles_per_Gallon")
                .build(),
            KpiDefinition.builder("power_to_weight")
                .table(t)
                .ratio(
                    Measure.of("Horsepower", Aggregation.SUM),
                    Measure.of("Weight_in_lbs / 1000.0", Aggregation.SUM)
                        .where("Horsepower IS NOT NULL"))
                .time("Year", Grain.YEAR)
                .dimensions("Cylinders")
                .build());

    assertConform(kpis, OPTIONS);
  }

  @Test
  void anEmptyTableGivesTheSameEmptyResults() {
    String t =
        engines
            .table(
                "kpi_empty",
                "SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS d, CAST(i AS DOUBLE) AS x,"
                    + " 'c' || CAST(i % 2 AS VARCHAR) AS cat FROM range(0) r(i)")
            .name();
    List<KpiDefinition> kpis =
        List.of(
            KpiDefinition.builder("sum_by_month")
                .table(t)
                .measure("x", Aggregation.SUM)
                .time("d", Grain.MONTH)
                .dimensions("cat")
                .target(1)
                .build(),
            KpiDefinition.builder("rows").table(t).aggregation(Aggregation.COUNT).build(),
            KpiDefinition.builder("avg_by_cat")
                .table(t)
                .measure("x", Aggregation.AVG)
                .dimensions("cat")
                .build(),
            KpiDefinition.builder("median")
                .table(t)
                .measure("x", Aggregation.MEDIAN)
                .thresholds(2.0, 1.0)
                .build());

    KpiReport[] reports = both(kpis, OPTIONS);

    assertSame(reports[0], reports[1]);
    assertThat(reports[1].result("rows").value()).isEqualTo(0.0);
    assertThat(reports[1].result("sum_by_month").period()).isNull();
  }

  @Test
  void nullsAreCountedAndGroupedTheSame() {
    String t =
        engines
            .table(
                "kpi_nulls",
                "SELECT * FROM (VALUES"
                    + " (DATE '2024-01-05', 1.5, 'a', true, 10),"
                    + " (DATE '2024-01-20', NULL, 'a', NULL, 20),"
                    + " (NULL, 3.0, 'b', false, 30),"
                    + " (DATE '2024-02-03', 2.0, NULL, true, NULL),"
                    + " (DATE '2024-02-10', NULL, NULL, NULL, 50),"
                    + " (DATE '2024-02-11', 4.0, 'b', false, 60),"
                    + " (DATE '2024-02-29', 0.25, 'a', true, 70))"
                    + " t(d, x, cat, flag, n)")
            .name();
    List<KpiDefinition> kpis =
        List.of(
            KpiDefinition.builder("sum_x")
                .table(t)
                .measure("x", Aggregation.SUM)
                .time("d", Grain.MONTH)
                .dimensions("cat", "flag")
                .build(),
            KpiDefinition.builder("avg_x")
                .table(t)
                .measure("x", Aggregation.AVG)
                .time("d", Grain.MONTH)
                .dimensions("cat")
                .build(),
            KpiDefinition.builder("values_of_x")
                .table(t)
                .measure("x", Aggregation.COUNT)
                .time("d", Grain.MONTH)
                .dimensions("flag")
                .build(),
            KpiDefinition.builder("flagged_rows")
                .table(t)
                .aggregation(Aggregation.COUNT)
                .filter("flag")
                .time("d", Grain.MONTH)
                .build(),
            KpiDefinition.builder("flagged_x_per_row")
                .table(t)
                .ratio(Measure.of("x", Aggregation.SUM).where("flag"), Measure.countRows())
                .time("d", Grain.MONTH)
                .dimensions("cat")
                .build(),
            KpiDefinition.builder("median_n")
                .table(t)
                .measure("n", Aggregation.MEDIAN)
                .filter("cat IS NULL OR cat <> 'b'")
                .build(),
            KpiDefinition.builder("kinds")
                .table(t)
                .measure("cat", Aggregation.COUNT_DISTINCT)
                .dimensions("flag")
                .build(),
            KpiDefinition.builder("extremes")
                .table(t)
                .measure("coalesce(x, -1) * n", Aggregation.MAX)
                .time("d", Grain.YEAR)
                .build());

    assertConform(kpis, OPTIONS);
  }

  @Test
  void timestampsWithTimeZonesFallIntoTheSamePeriods() {
    String t =
        engines
            .table(
                "kpi_zoned",
                "SELECT CAST(ts AS TIMESTAMPTZ) AS ts, CAST(local AS TIMESTAMP) AS local,"
                    + " v, kind FROM (VALUES"
                    + " ('2024-01-31 23:30:00-05:00', '2024-01-31 23:30:00', 1, 'x'),"
                    + " ('2024-02-01 00:30:00+02:00', '2024-02-01 00:30:00', 2, 'y'),"
                    + " ('2024-03-31 22:00:00-03:00', '2024-03-31 22:00:00', 4, 'x'),"
                    + " ('2024-06-30 23:59:59.999999+00:00', '2024-06-30 23:59:59.999999', 8, 'y'),"
                    + " ('2024-07-01 00:00:00+00:00', '2024-07-01 00:00:00', 16, 'x'),"
                    + " ('2024-12-31 21:00:00-04:00', '2024-12-31 21:00:00', 32, 'y'),"
                    + " ('2025-01-06 01:00:00+03:00', '2025-01-06 01:00:00', 64, 'x'))"
                    + " t(ts, local, v, kind)")
            .name();
    for (String column : List.of("ts", "local")) {
      for (Grain grain : Grain.values()) {
        List<KpiDefinition> kpis =
            List.of(
                KpiDefinition.builder("sum_" + column)
                    .table(t)
                    .measure("v", Aggregation.SUM)
                    .time(column, grain)
                    .dimensions("kind")
                    .build(),
                KpiDefinition.builder("late_" + column)
                    .table(t)
                    .aggregation(Aggregation.COUNT)
                    .filter("hour(" + column + ") >= 22")
                    .time(column, grain)
                    .build());
        assertConform(kpis, OPTIONS);
      }
    }
  }

  @Test
  void weeksStartOnMondayOnBothEngines() {
    String t =
        engines
            .table(
                "kpi_weeks",
                "SELECT CAST(ts AS TIMESTAMP) AS ts, CAST(ts AS DATE) AS day, v,"
                    + " dayname(CAST(ts AS DATE)) AS weekday FROM (VALUES"
                    + " ('2020-12-27 23:59:59', 1), ('2020-12-28 00:00:00', 2),"
                    + " ('2020-12-31 12:00:00', 3), ('2021-01-01 00:00:00', 4),"
                    + " ('2021-01-03 23:59:59.999999', 5), ('2021-01-04 00:00:00', 6),"
                    + " ('2023-12-31 23:59:59', 7), ('2024-01-01 00:00:00', 8),"
                    + " ('2024-02-29 10:00:00', 9), ('2024-03-03 23:00:00', 10),"
                    + " ('2024-03-04 00:00:01', 11)) t(ts, v)")
            .name();
    for (String column : List.of("ts", "day")) {
      List<KpiDefinition> kpis =
          List.of(
              KpiDefinition.builder("weekly_" + column)
                  .table(t)
                  .measure("v", Aggregation.SUM)
                  .time(column, Grain.WEEK)
                  .dimensions("weekday")
                  .build(),
              KpiDefinition.builder("weekly_rows_" + column)
                  .table(t)
                  .aggregation(Aggregation.COUNT)
                  .time(column, Grain.WEEK)
                  .dimensions("day")
                  .build());
      KpiReport[] reports = both(kpis, OPTIONS);

      assertSame(reports[0], reports[1]);
      assertThat(reports[1].result("weekly_" + column).series().points())
          .extracting(SeriesPoint::period)
          .allSatisfy(p -> assertThat(p.getDayOfWeek()).isEqualTo(java.time.DayOfWeek.MONDAY))
          .contains(LocalDate.parse("2020-12-21"), LocalDate.parse("2020-12-28"))
          .contains(LocalDate.parse("2023-12-25"), LocalDate.parse("2024-01-01"));
    }
  }

  @Test
  void theKpiJobWritesTheSameResultNarrativeAndCharts() throws Exception {
    List<KpiDefinition> kpis =
        List.of(
            KpiDefinition.builder("avg_temp_max")
                .table(Tables.WEATHER)
                .measure("temp_max", Aggregation.AVG)
                .time("date", Grain.MONTH)
                .dimensions("weather")
                .target(10)
                .build(),
            KpiDefinition.builder("total_rain")
                .table(Tables.WEATHER)
                .measure("precipitation", Aggregation.SUM)
                .build());

    Job duck = awaitJob(engines.duck(), kpis);
    Job spark = awaitJob(engines.spark(), kpis);

    assertThat(spark.result().get("narrative")).isEqualTo(duck.result().get("narrative"));
    List<ArtifactInfo> duckArtifacts = artifacts(engines.duck(), duck);
    List<ArtifactInfo> sparkArtifacts = artifacts(engines.spark(), spark);
    assertThat(sparkArtifacts)
        .extracting(a -> a.name().value())
        .containsExactlyElementsOf(duckArtifacts.stream().map(a -> a.name().value()).toList())
        .contains("kpi-avg_temp_max.svg", "kpi-avg_temp_max.png", "kpis-current.svg");
    // the pictures, not the SVG text: its elements may come in another order when axis ticks
    // computed from the values differ in their last bit
    for (ArtifactInfo chart : duckArtifacts) {
      String name = chart.name().value();
      if (name.endsWith(".png")) {
        assertSamePicture(
            name, bytes(engines.duck(), duck, name), bytes(engines.spark(), spark, name));
      }
    }
  }

  @Test
  void sparkComputesEveryTimeSinceItsTablesHaveNoVersions() {
    KpiDefinition kpi =
        KpiDefinition.builder("rain")
            .table(Tables.WEATHER)
            .measure("precipitation", Aggregation.SUM)
            .time("date", Grain.YEAR)
            .build();

    KpiResult first =
        service
            .compute(
                engines.spark(), ConformanceEngines.TENANT, List.of(kpi), KpiOptions.defaults())
            .result("rain");
    KpiResult again =
        service
            .compute(
                engines.spark(), ConformanceEngines.TENANT, List.of(kpi), KpiOptions.defaults())
            .result("rain");

    assertThat(again.cached()).isFalse();
    assertThat(again.value()).isEqualTo(first.value());
  }

  @Test
  void sparkRefusesExpressionsOutsideItsAllowList() {
    for (String filter :
        List.of(
            "weather IN (SELECT weather FROM kpi_cars)",
            "reflect('java.lang.System', 'getProperty', 'user.home') IS NOT NULL",
            "input_file_name() LIKE '%'",
            "weather = '${env:HOME}'",
            "weather = 'sun' -- the rest",
            "count(*) > 3",
            "rand() < 0.5")) {
      KpiDefinition kpi =
          KpiDefinition.builder("refused")
              .table(Tables.WEATHER)
              .aggregation(Aggregation.COUNT)
              .filter(filter)
              .build();
      assertThatThrownBy(
              () ->
                  service.compute(
                      engines.spark(), ConformanceEngines.TENANT, List.of(kpi), OPTIONS))
          .as(filter)
          .isInstanceOfSatisfying(
              InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("filter"));
    }
  }

  @Test
  void sparkNamesBindingErrorsOfAnExpression() {
    KpiDefinition kpi =
        KpiDefinition.builder("unknown")
            .table(Tables.WEATHER)
            .measure("temp_maximum + 1", Aggregation.SUM)
            .build();

    assertThatThrownBy(
            () ->
                service.compute(engines.spark(), ConformanceEngines.TENANT, List.of(kpi), OPTIONS))
        .isInstanceOfSatisfying(
            InvalidKpiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.field()).isEqualTo("measure");
            })
        .hasMessageContaining("temp_maximum");
  }

  @Test
  void rawSqlKpisAreRefusedOnSparkWhichRunsNoAdHocSql() {
    KpiDefinition raw =
        KpiDefinition.builder("raw").sql("SELECT count(*) AS value FROM " + Tables.WEATHER).build();

    assertThatThrownBy(
            () ->
                service.compute(engines.spark(), ConformanceEngines.TENANT, List.of(raw), OPTIONS))
        .isInstanceOfSatisfying(
            InvalidKpiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.ENGINE_OPERATION_UNSUPPORTED);
              assertThat(e.field()).isEqualTo("sql");
            });
    assertThat(
            service
                .compute(engines.duck(), ConformanceEngines.TENANT, List.of(raw), OPTIONS)
                .result("raw")
                .value())
        .isEqualTo(1461.0);
  }

  @Test
  void duckDbPlacesZonedTimestampsInUtcLikeSpark() {
    // the zoned-timestamp case above is only meaningful when both engines use the same zone
    assertThat(ZoneId.of(duckDbTimeZone(engines.duck())).normalized()).isEqualTo(ZoneOffset.UTC);
    assertThat(engines.sparkEngine().spark().conf().get("spark.sql.session.timeZone"))
        .isEqualTo("UTC");
  }

  private Job awaitJob(DataBox box, List<KpiDefinition> kpis) {
    Job job = service.submit(box, ConformanceEngines.TENANT, kpis, KpiOptions.defaults());
    Job done = box.awaitJob(ConformanceEngines.TENANT, job.id(), Duration.ofMinutes(2));
    assertThat(done.state())
        .as("job on %s: %s", box.engine().name(), done.error())
        .isEqualTo(JobState.SUCCEEDED);
    return done;
  }

  private static List<ArtifactInfo> artifacts(DataBox box, Job job) {
    return box.manifest(ConformanceEngines.TENANT, job.id()).orElseThrow().artifacts();
  }

  /** DuckDB's session time zone, which places TIMESTAMPTZ values into periods there. */
  static String duckDbTimeZone(DataBox duck) {
    try (SqlSession session = duck.openSession(ConformanceEngines.TENANT)) {
      return String.valueOf(
          session.query("SELECT current_setting('TimeZone')", List.of()).rows().get(0).get(0));
    }
  }

  private static byte[] bytes(DataBox box, Job job, String artifact) throws IOException {
    try (InputStream in =
        box.artifacts()
            .open(ConformanceEngines.TENANT, job.id(), ArtifactName.of(artifact))
            .orElseThrow()) {
      return in.readAllBytes();
    }
  }

  // ---- comparison ----

  /** The same picture: equal size and equal colour in every pixel. */
  private static void assertSamePicture(String chart, byte[] duck, byte[] spark)
      throws IOException {
    BufferedImage d = ImageIO.read(new ByteArrayInputStream(duck));
    BufferedImage s = ImageIO.read(new ByteArrayInputStream(spark));
    assertThat(s.getWidth()).as("%s width", chart).isEqualTo(d.getWidth());
    assertThat(s.getHeight()).as("%s height", chart).isEqualTo(d.getHeight());
    int[] dPixels = d.getRGB(0, 0, d.getWidth(), d.getHeight(), null, 0, d.getWidth());
    int[] sPixels = s.getRGB(0, 0, s.getWidth(), s.getHeight(), null, 0, s.getWidth());
    for (int i = 0; i < dPixels.length; i++) {
      if (dPixels[i] != sPixels[i]) {
        throw new AssertionError(
            chart + ": pixel (" + i % d.getWidth() + ", " + i / d.getWidth() + ") differs");
      }
    }
  }

  private static void assertSame(KpiReport duck, KpiReport spark) {
    assertThat(spark.results()).hasSameSizeAs(duck.results());
    for (int i = 0; i < duck.results().size(); i++) {
      assertSame(duck.results().get(i), spark.results().get(i));
    }
    assertThat(spark.narrative()).as("narrative").isEqualTo(duck.narrative());
  }

  private static void assertSame(KpiResult duck, KpiResult spark) {
    KpiDefinition definition = duck.definition();
    String kpi = definition.name();
    boolean exact = COUNTS.contains(definition.aggregation());
    assertThat(spark.definition().name()).isEqualTo(kpi);
    assertThat(spark.period()).as("%s period", kpi).isEqualTo(duck.period());
    close(kpi + " value", duck.value(), spark.value(), exact);
    assertThat(spark.previousPeriod())
        .as("%s previous period", kpi)
        .isEqualTo(duck.previousPeriod());
    close(kpi + " previous value", duck.previousValue(), spark.previousValue(), exact);
    assertThat(spark.yearAgoPeriod()).as("%s year-ago period", kpi).isEqualTo(duck.yearAgoPeriod());
    close(kpi + " year-ago value", duck.yearAgoValue(), spark.yearAgoValue(), exact);
    assertThat(spark.status()).as("%s status", kpi).isEqualTo(duck.status());
    assertThat(spark.targetMet()).as("%s target met", kpi).isEqualTo(duck.targetMet());
    assertThat(spark.rows()).as("%s rows", kpi).isEqualTo(duck.rows());
    assertThat(spark.rowsScanned()).as("%s rows scanned", kpi).isEqualTo(duck.rowsScanned());
    assertThat(spark.scan()).as("%s scan", kpi).isEqualTo(duck.scan());
    assertThat(spark.cached()).as("%s cached", kpi).isFalse();

    assertThat(spark.breakdowns()).as("%s breakdowns", kpi).hasSameSizeAs(duck.breakdowns());
    for (int b = 0; b < duck.breakdowns().size(); b++) {
      Breakdown d = duck.breakdowns().get(b);
      Breakdown s = spark.breakdowns().get(b);
      String where = kpi + " breakdown " + d.dimension();
      assertThat(s.dimension()).as(where).isEqualTo(d.dimension());
      assertThat(s.decomposable()).as(where + " decomposable").isEqualTo(d.decomposable());
      assertThat(s.omitted()).as(where + " omitted").isEqualTo(d.omitted());
      assertThat(s.contributors())
          .as(where + " values")
          .extracting(Contributor::value)
          .containsExactlyElementsOf(d.contributors().stream().map(Contributor::value).toList());
      for (int c = 0; c < d.contributors().size(); c++) {
        Contributor dc = d.contributors().get(c);
        Contributor sc = s.contributors().get(c);
        String value = where + " '" + dc.value() + "'";
        close(value + " current", dc.current(), sc.current(), exact);
        close(value + " previous", dc.previous(), sc.previous(), exact);
        close(value + " delta", dc.delta(), sc.delta(), exact);
        close(value + " contribution", dc.contribution(), sc.contribution(), exact);
      }
    }

    assertSameSeries(kpi + " series", duck.series().points(), spark.series().points(), exact);
    List<DimensionSeries> dd = duck.series().dimensions();
    List<DimensionSeries> sd = spark.series().dimensions();
    assertThat(sd)
        .as("%s dimension series", kpi)
        .extracting(x -> x.dimension() + "=" + x.value())
        .containsExactlyElementsOf(dd.stream().map(x -> x.dimension() + "=" + x.value()).toList());
    for (int i = 0; i < dd.size(); i++) {
      assertSameSeries(
          kpi + " series of " + dd.get(i).dimension() + "=" + dd.get(i).value(),
          dd.get(i).points(),
          sd.get(i).points(),
          exact);
    }
  }

  private static void assertSameSeries(
      String what, List<SeriesPoint> duck, List<SeriesPoint> spark, boolean exact) {
    assertThat(spark)
        .as(what + " periods")
        .extracting(SeriesPoint::period)
        .containsExactlyElementsOf(duck.stream().map(SeriesPoint::period).toList());
    for (int i = 0; i < duck.size(); i++) {
      close(what + " " + duck.get(i).period(), duck.get(i).value(), spark.get(i).value(), exact);
    }
  }

  /** Equal for counts, within {@link #RELATIVE} of each other otherwise; null only with null. */
  private static void close(String what, Double duck, Double spark, boolean exact) {
    if (duck == null || spark == null || exact) {
      assertThat(spark).as(what).isEqualTo(duck);
      return;
    }
    double tolerance = RELATIVE * Math.max(Math.abs(duck), Math.abs(spark));
    assertThat(Math.abs(duck - spark))
        .as("%s: DuckDB %s, Spark %s", what, duck, spark)
        .isLessThanOrEqualTo(tolerance);
  }
}
