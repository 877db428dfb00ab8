package io.udb.kpi.service;

import static io.udb.kpi.KpiTestData.plainNumber;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiFormat;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiTestData;
import io.udb.kpi.Measure;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The KPI service on the Seattle weather data: exact narratives, and the {@code kpi} job. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KpiServiceTest {
  private static final String CSV = "seattle-weather.csv";
  private static final TenantId TENANT = TenantId.of("seattle");
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MONTH = " WHERE date >= DATE '%s' AND date < DATE '%s'";
  private static final String DECEMBER_2015 = MONTH.formatted("2015-12-01", "2016-01-01");
  private static final String NOVEMBER_2015 = MONTH.formatted("2015-11-01", "2015-12-01");
  private static final String DECEMBER_2014 = MONTH.formatted("2014-12-01", "2015-01-01");

  /** Monthly average max temperature, broken down by weather type. */
  private static final KpiDefinition TEMPERATURE =
      KpiDefinition.builder("avg_temp_max")
          .label("Average max temperature")
          .table("weather")
          .measure("temp_max", Aggregation.AVG)
          .time("date", Grain.MONTH)
          .dimensions("weather")
          .unit("°C")
          .target(10)
          .build();

  /** Monthly precipitation totals by weather type. */
  private static final KpiDefinition PRECIPITATION =
      KpiDefinition.builder("precipitation")
          .label("Total precipitation")
          .table("weather")
          .measure("precipitation", Aggregation.SUM)
          .time("date", Grain.MONTH)
          .dimensions("weather")
          .unit("mm")
          .target(300)
          .upIsGood(false)
          .build();

  /** The number of sunny days per month. */
  private static final KpiDefinition SUNNY_DAYS =
      KpiDefinition.builder("sunny_days")
          .label("Number of sunny days")
          .table("weather")
          .aggregation(Aggregation.COUNT)
          .filter("weather = 'sun'")
          .time("date", Grain.MONTH)
          .format(new KpiFormat(KpiFormat.Style.NUMBER, "day", "days", null))
          .target(3)
          .build();

  /** The share of sunny days per month. */
  private static final KpiDefinition SUNNY_SHARE =
      KpiDefinition.builder("sunny_share")
          .label("share of sunny days")
          .table("weather")
          .ratio(Measure.countRows().where("weather = 'sun'"), Measure.countRows())
          .time("date", Grain.MONTH)
          .format(new KpiFormat(KpiFormat.Style.PERCENT, null, null, null))
          .target(0.1)
          .build();

  private static final List<KpiDefinition> SEATTLE =
      List.of(TEMPERATURE, PRECIPITATION, SUNNY_DAYS, SUNNY_SHARE);

  private DataBox box;

  @BeforeAll
  void loadWeather() {
    box = KpiTestData.box();
    KpiTestData.load(box, TENANT, CSV, "weather");
  }

  @AfterAll
  void closeBox() {
    box.close();
  }

  private static double plain(String sql) {
    return plainNumber(CSV, sql);
  }

  @Test
  void narratesTheSeattleWeatherExactly() {
    KpiReport report = new KpiService().compute(box, TENANT, SEATTLE, KpiOptions.defaults());

    assertThat(report.narrative())
        .isEqualTo(
            "Average max temperature was 8.38 °C in December 2015, down 1.3 °C (-13.5%) from"
                + " November; the largest contribution came from weather = sun (-0.982 °C). It"
                + " was down 1.76 °C (-17.3%) from December 2014. Total precipitation was 285 mm"
                + " in December 2015, up 71.9 mm (+33.8%) from November; the largest"
                + " contribution came from weather = rain (+71.9 mm). It was up 163 mm (+134%)"
                + " from December 2014. Number of sunny days was 4 days in December 2015, down 2"
                + " days (-33.3%) from November. It was down 6 days (-60%) from December 2014."
                + " Share of sunny days was 12.9% in December 2015, down 7.1 percentage points"
                + " (-35.5%) from November. It was down 19.4 percentage points (-60%) from"
                + " December 2014. 1 of 4 KPIs missed its target.");
  }

  @Test
  void theNarratedNumbersAreThoseOfAPlainDuckDbQuery() {
    KpiReport report = new KpiService().compute(box, TENANT, SEATTLE, KpiOptions.defaults());

    KpiResult temperature = report.result("avg_temp_max");
    assertThat(temperature.value())
        .isCloseTo(plain("SELECT avg(temp_max) FROM CSV" + DECEMBER_2015), within(1e-9));
    assertThat(temperature.previousValue())
        .isCloseTo(plain("SELECT avg(temp_max) FROM CSV" + NOVEMBER_2015), within(1e-9));
    assertThat(temperature.yearAgoValue())
        .isCloseTo(plain("SELECT avg(temp_max) FROM CSV" + DECEMBER_2014), within(1e-9));
    double sunNow = plain("SELECT count(*) FROM CSV" + DECEMBER_2015 + " AND weather = 'sun'");
    double sunBefore = plain("SELECT count(*) FROM CSV" + NOVEMBER_2015 + " AND weather = 'sun'");
    double sunAvgNow =
        plain("SELECT avg(temp_max) FROM CSV" + DECEMBER_2015 + " AND weather = 'sun'");
    double sunAvgBefore =
        plain("SELECT avg(temp_max) FROM CSV" + NOVEMBER_2015 + " AND weather = 'sun'");
    assertThat(temperature.breakdown("weather").top(1).get(0).contribution())
        .isCloseTo(sunNow / 31 * sunAvgNow - sunBefore / 30 * sunAvgBefore, within(1e-9));

    KpiResult precipitation = report.result("precipitation");
    assertThat(precipitation.value())
        .isCloseTo(plain("SELECT sum(precipitation) FROM CSV" + DECEMBER_2015), within(1e-9));
    assertThat(precipitation.previousValue())
        .isCloseTo(plain("SELECT sum(precipitation) FROM CSV" + NOVEMBER_2015), within(1e-9));
    assertThat(precipitation.yearAgoValue())
        .isCloseTo(plain("SELECT sum(precipitation) FROM CSV" + DECEMBER_2014), within(1e-9));
    assertThat(precipitation.breakdown("weather").top(1).get(0).contribution())
        .isCloseTo(
            plain("SELECT sum(precipitation) FROM CSV" + DECEMBER_2015 + " AND weather = 'rain'")
                - plain(
                    "SELECT sum(precipitation) FROM CSV" + NOVEMBER_2015 + " AND weather = 'rain'"),
            within(1e-9));

    KpiResult sunny = report.result("sunny_days");
    assertThat(sunny.value()).isEqualTo(sunNow);
    assertThat(sunny.previousValue()).isEqualTo(sunBefore);
    assertThat(sunny.yearAgoValue())
        .isEqualTo(plain("SELECT count(*) FROM CSV" + DECEMBER_2014 + " AND weather = 'sun'"));
    assertThat(report.result("sunny_share").value()).isCloseTo(sunNow / 31, within(1e-12));
    assertThat(report.results())
        .extracting(KpiResult::targetMet)
        .containsExactly(false, true, true, true);
  }

  @Test
  void writesNumbersOfTheRealDataInAGermanLocale() {
    KpiReport report =
        new KpiService()
            .compute(
                box,
                TENANT,
                List.of(TEMPERATURE),
                KpiOptions.builder().locale(Locale.GERMANY).build());

    assertThat(report.narrative())
        .isEqualTo(
            "Average max temperature was 8,38 °C in December 2015, down 1,3 °C (-13,5\u00a0%)"
                + " from November; the largest contribution came from weather = sun (-0,982 °C)."
                + " It was down 1,76 °C (-17,3\u00a0%) from December 2014. Average max temperature"
                + " missed its target of 10 °C.");
  }

  @Test
  void roundsToTheRequestedSignificantDigits() {
    KpiReport report =
        new KpiService()
            .compute(
                box,
                TENANT,
                List.of(PRECIPITATION.toBuilder().dimensions(List.of()).target(1000).build()),
                KpiOptions.builder().significantDigits(5).build());

    assertThat(report.narrative())
        .startsWith("Total precipitation was 284.5 mm in December 2015, up 71.9 mm (+33.819%)");
  }

  @Test
  void runsAKpiJobWithTheContractResultAndArtifact() throws Exception {
    KpiService service = new KpiService();
    Job job = service.submit(box, TENANT, SEATTLE, KpiOptions.defaults());
    Job done = box.awaitJob(TENANT, job.id(), WAIT);

    assertThat(done.type()).isEqualTo(JobType.KPI);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(1.0);
    Map<String, Object> result = done.result();
    assertThat(result).containsOnlyKeys("kpis", "narrative");
    assertThat(result.get("narrative")).asString().endsWith("1 of 4 KPIs missed its target.");
    List<?> kpis = (List<?>) result.get("kpis");
    assertThat(kpis).hasSize(4);
    Map<?, ?> first = (Map<?, ?>) kpis.get(0);
    assertThat(first.keySet().stream().map(String::valueOf).toList())
        .contains(
            "name",
            "period",
            "value",
            "previousPeriod",
            "previousValue",
            "change",
            "changePct",
            "elapsedMs");
    assertThat(first.get("name")).isEqualTo("avg_temp_max");
    assertThat(first.get("period")).isEqualTo("2015-12-01");
    assertThat(first.get("previousPeriod")).isEqualTo("2015-11-01");
    assertThat(((Number) first.get("changePct")).doubleValue()).isCloseTo(-13.45, within(0.01));
    assertThat(((Map<?, ?>) kpis.get(2)).get("value")).isEqualTo(4L);

    List<ArtifactInfo> artifacts = box.manifest(TENANT, job.id()).orElseThrow().artifacts();
    assertThat(artifacts)
        .extracting(a -> a.name().value())
        .startsWith(KpiService.ARTIFACT, "kpi-avg_temp_max.png", "kpi-avg_temp_max.svg");
    assertThat(artifacts.get(0).contentType()).isEqualTo("application/json");
    assertThat(artifacts.get(1).contentType()).isEqualTo("image/png");
    assertThat(artifacts.get(2).contentType()).isEqualTo("image/svg+xml");
    try (InputStream in =
        box.artifacts()
            .open(TENANT, job.id(), ArtifactName.of(KpiService.ARTIFACT))
            .orElseThrow()) {
      Map<String, Object> stored =
          Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      assertThat(stored.get("narrative")).isEqualTo(result.get("narrative"));
    }
  }

  @Test
  void failsTheJobInItsValidateStageForAnInvalidKpi() {
    KpiDefinition broken =
        KpiDefinition.builder("broken")
            .table("weather")
            .measure("temp_maximum", Aggregation.AVG)
            .build();
    Job job =
        new KpiService().submit(box, TENANT, List.of(TEMPERATURE, broken), KpiOptions.defaults());
    Job done = box.awaitJob(TENANT, job.id(), WAIT);

    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(done.error().stage()).isEqualTo("validate");
    assertThat(done.error().message()).startsWith("KPI 'broken', field 'measure': ");
  }

  @Test
  void refusesAnEmptyBatchBeforeCreatingAJob() {
    assertThatThrownBy(() -> new KpiService().submit(box, TENANT, List.of(), KpiOptions.defaults()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void letsContributorsAddArtifactsInAChartsStage() {
    KpiOptions options =
        KpiOptions.builder()
            .artifactContributor(
                (report, context) ->
                    context.writeArtifact(
                        "points.txt",
                        "text/plain",
                        Integer.toString(report.results().get(0).series().points().size())
                            .getBytes(StandardCharsets.UTF_8)))
            .build();
    Job job = new KpiService().submit(box, TENANT, List.of(TEMPERATURE), options);

    assertThat(box.awaitJob(TENANT, job.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
    List<ArtifactInfo> artifacts = box.manifest(TENANT, job.id()).orElseThrow().artifacts();
    assertThat(artifacts)
        .extracting(a -> a.name().value())
        .containsExactly(
            KpiService.ARTIFACT, "kpi-avg_temp_max.png", "kpi-avg_temp_max.svg", "points.txt");
    assertThat(artifacts.get(3).size()).isEqualTo(2);
  }

  @Test
  void chartsKpisWithoutATimeColumnInOneBarChartOfTheirCurrentValues() throws Exception {
    KpiDefinition windiest =
        KpiDefinition.builder("max wind/day")
            .label("Strongest wind")
            .table("weather")
            .measure("wind", Aggregation.MAX)
            .build();
    Job job =
        new KpiService().submit(box, TENANT, List.of(windiest, TEMPERATURE), KpiOptions.defaults());

    assertThat(box.awaitJob(TENANT, job.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
    List<ArtifactInfo> artifacts = box.manifest(TENANT, job.id()).orElseThrow().artifacts();
    assertThat(artifacts)
        .extracting(a -> a.name().value())
        .containsExactly(
            KpiService.ARTIFACT,
            "kpi-avg_temp_max.png",
            "kpi-avg_temp_max.svg",
            "kpis-current.png",
            "kpis-current.svg");
    try (InputStream in =
        box.artifacts().open(TENANT, job.id(), ArtifactName.of("kpis-current.png")).orElseThrow()) {
      java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(in);
      assertThat(image.getWidth()).isEqualTo(1200);
      assertThat(image.getHeight()).isEqualTo(700);
    }
  }

  @Test
  void anInvalidationThroughTheServiceRecomputes() {
    KpiService service = new KpiService();
    service.compute(box, TENANT, List.of(SUNNY_DAYS), KpiOptions.defaults());
    assertThat(
            service
                .compute(box, TENANT, List.of(SUNNY_DAYS), KpiOptions.defaults())
                .results()
                .get(0)
                .cached())
        .isTrue();

    service.invalidate(TENANT, io.udb.api.engine.TableRef.of("weather"));

    assertThat(
            service
                .compute(box, TENANT, List.of(SUNNY_DAYS), KpiOptions.defaults())
                .results()
                .get(0)
                .cached())
        .isFalse();
  }
}
