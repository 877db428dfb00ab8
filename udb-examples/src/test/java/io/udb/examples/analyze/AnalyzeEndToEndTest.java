package io.udb.examples.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.config.Settings;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeRequest;
import io.udb.core.analyze.AnalyzeService;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.json.Json;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.CsvFileIngest;
import io.udb.ingest.analyze.SyncStage;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.quality.drift.BaselineStore;
import io.udb.security.authz.AccessDeniedException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The analyze pipeline with the real stages of every module, discovered through the ServiceLoader,
 * on a file-backed DataBox and the repository's real data sets.
 */
class AnalyzeEndToEndTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration WAIT = Duration.ofMinutes(3);
  private static final Map<String, Object> AVG_TEMP =
      Map.of(
          "name",
          "avg_temp_max",
          "table",
          "weather",
          "measure",
          "temp_max",
          "aggregation",
          "avg",
          "timeColumn",
          "date",
          "grain",
          "month");

  @TempDir Path storage;
  private final InMemoryEventSink events = new InMemoryEventSink();
  private DataBox box;
  private AnalyzeService service;

  @BeforeEach
  void setUp() {
    box = DataBox.builder().storageRoot(storage).eventSinks(List.of()).eventSink(events).build();
    service = AnalyzeService.discover();
    CsvFileIngest csv = new CsvFileIngest(box);
    csv.load(ACME, testdata("seattle-weather.csv"), TableRef.of("weather"));
    csv.load(ACME, testdata("cars.csv"), TableRef.of("cars"));
  }

  @AfterEach
  void tearDown() {
    box.close();
  }

  private static Path testdata(String file) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata").resolve(file);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/" + file + " not found");
  }

  private Job run(AnalyzeService with, AnalyzeRequest request) {
    Job job = box.awaitJob(ACME, with.submit(box, ACME, request).id(), WAIT);
    assertThat(job.state().isTerminal()).as("job finished").isTrue();
    return job;
  }

  private List<String> manifest(Job job) {
    return box.manifest(ACME, job.id()).orElseThrow().artifacts().stream()
        .map(a -> a.name().value())
        .toList();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> stage(Map<String, Object> result, String name) {
    return ((List<Map<String, Object>>) result.get("stages"))
        .stream().filter(s -> s.get("stage").equals(name)).findFirst().orElseThrow();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> firstTable(Map<String, Object> stage) {
    return ((List<Map<String, Object>>) ((Map<String, Object>) stage.get("summary")).get("tables"))
        .get(0);
  }

  private Map<String, Object> artifactJson(Job job, String name) throws IOException {
    try (InputStream in =
        box.artifacts().open(ACME, job.id(), ArtifactName.of(name)).orElseThrow()) {
      return Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @Test
  void theStagesAreDiscoveredInTheirOrder() {
    assertThat(service.pipeline().stageNames())
        .containsExactly("sync", "profile", "quality", "drift", "kpi");
  }

  @Test
  void theWholePipelineWritesEveryStagesArtifactsIntoOneManifest() throws IOException {
    try (SqlSession session = box.openSession(ACME)) {
      session.execute(
          "CREATE TABLE weather_2012 AS SELECT * FROM weather WHERE year(date) = 2012", List.of());
    }
    new BaselineStore(box).save(ACME, "weather", TableRef.of("weather_2012"));

    Job job = run(service, AnalyzeRequest.ofTables("weather").withKpis(List.of(AVG_TEMP)));

    assertThat(job.state()).as("%s", job.error()).isEqualTo(JobState.SUCCEEDED);
    assertThat(manifest(job))
        .contains(
            "profile.json",
            "profile.html",
            "quality.json",
            "quality.html",
            "drift.json",
            "drift.html",
            "kpis.json",
            "analyze.json")
        .anySatisfy(name -> assertThat(name).endsWith(".png"))
        .anySatisfy(name -> assertThat(name).endsWith(".svg"));
    Map<String, Object> result = job.result();
    assertThat(result.get("tables")).isEqualTo(List.of("weather"));
    assertThat(stage(result, "sync")).containsEntry("status", "skipped");
    for (String name : List.of("profile", "quality", "drift", "kpi")) {
      assertThat(stage(result, name)).as(name).containsEntry("status", "succeeded");
    }
    assertThat(number(firstTable(stage(result, "profile")), "rowCount")).isEqualTo(1461);
    assertThat(number(firstTable(stage(result, "profile")), "columnCount")).isEqualTo(6);
    Map<String, Object> quality = firstTable(stage(result, "quality"));
    assertThat(quality).containsEntry("suggested", true);
    assertThat(number(quality, "checks")).isPositive();
    Map<String, Object> drift = firstTable(stage(result, "drift"));
    assertThat(drift).containsEntry("status", "compared");
    assertThat(number(drift, "baselineVersion")).isEqualTo(1);
    assertThat(drift.get("driftShare")).isInstanceOf(Number.class);
    // 2012 against 2012-2015: temperatures and weather labels shift across the years
    assertThat(number(drift, "numberOfColumns")).isEqualTo(6);
    @SuppressWarnings("unchecked")
    Map<String, Object> kpi =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) stage(result, "kpi").get("summary")).get("kpis"))
            .get(0);
    // December 2015, the last month of the data, checked against DuckDB directly.
    QueryResult expected =
        box.query(
            ACME,
            "SELECT avg(temp_max) FROM weather WHERE date >= DATE '2015-12-01'"
                + " AND date < DATE '2016-01-01'");
    assertThat(((Number) kpi.get("value")).doubleValue())
        .isCloseTo(((Number) expected.rows().get(0).get(0)).doubleValue(), within());
    assertThat(artifactJson(job, "analyze.json")).isEqualTo(Json.readObject(Json.write(result)));
    assertThat(number(artifactJson(job, "profile.json"), "rowCount")).isEqualTo(1461);

    List<EventEnvelope> completed = events.events(EventTypes.ANALYZE_COMPLETED);
    assertThat(completed).hasSize(1);
    assertThat(completed.get(0).data().get("tables")).isEqualTo(List.of("weather"));
    assertThat(completed.get(0).data().get("artifacts").toString()).contains("drift.html");
  }

  private static long number(Map<String, Object> map, String field) {
    assertThat(map.get(field)).as(field).isInstanceOf(Number.class);
    return ((Number) map.get(field)).longValue();
  }

  private static org.assertj.core.data.Offset<Double> within() {
    return org.assertj.core.data.Offset.offset(1e-9);
  }

  @Test
  void theFirstRunCreatesTheBaselineAndTheSecondComparesWithIt() {
    AnalyzeRequest request = AnalyzeRequest.ofTables("cars").skipping("profile", "quality");

    Job first = run(service, request);
    Job second = run(service, request);

    assertThat(first.state()).as("%s", first.error()).isEqualTo(JobState.SUCCEEDED);
    Map<String, Object> created = firstTable(stage(first.result(), "drift"));
    assertThat(created).containsEntry("status", "baseline created");
    assertThat(number(created, "baselineVersion")).isEqualTo(1);
    assertThat(manifest(first)).doesNotContain("drift.json");
    assertThat(second.state()).as("%s", second.error()).isEqualTo(JobState.SUCCEEDED);
    Map<String, Object> drift = firstTable(stage(second.result(), "drift"));
    assertThat(drift).containsEntry("status", "compared").containsEntry("datasetDrift", false);
    assertThat(number(drift, "baselineVersion")).isEqualTo(1);
    assertThat(number(drift, "numberOfDriftedColumns")).isZero();
    assertThat(((Number) drift.get("driftShare")).doubleValue()).isZero();
    assertThat(manifest(second)).contains("drift.json", "drift.html");
    assertThat(stage(second.result(), "kpi"))
        .containsEntry("status", "skipped")
        .containsEntry("summary", Map.of("reason", "no KPI definitions given"));
  }

  @Test
  void aKpiOnAMissingColumnFailsTheJobInStageKpiKeepingEarlierArtifacts() {
    Map<String, Object> broken =
        Map.of(
            "name",
            "broken",
            "table",
            "weather",
            "measure",
            "no_such_column",
            "aggregation",
            "sum");

    Job job = run(service, AnalyzeRequest.ofTables("weather").withKpis(List.of(broken)));

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().stage()).isEqualTo("kpi");
    assertThat(job.error().message()).startsWith("Stage kpi failed: ").contains("no_such_column");
    // The KPI module's own code is kept: it says more than ANALYZE_FAILED would.
    assertThat(job.error().code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(manifest(job))
        .contains("profile.json", "profile.html", "quality.json", "quality.html", "analyze.json")
        .doesNotContain("kpis.json");
    List<EventEnvelope> failed = events.events(EventTypes.ANALYZE_FAILED);
    assertThat(failed).hasSize(1);
    assertThat(failed.get(0).data()).containsEntry("stage", "kpi");
    assertThat(failed.get(0).data().get("artifacts").toString()).contains("profile.json");
    assertThat(events.events(EventTypes.ANALYZE_COMPLETED)).isEmpty();
  }

  @Test
  void givenChecksRunInsteadOfSuggestionsOnTheTableTheyName() {
    Map<String, Object> horsepower =
        Map.of("check", "completeness", "column", "Horsepower", "min", 1.0, "table", "cars");
    Map<String, Object> rows = Map.of("check", "row_count", "min", 1);

    Job job =
        run(
            service,
            AnalyzeRequest.ofTables("cars", "weather")
                .withChecks(List.of(horsepower, rows))
                .skipping("profile", "drift"));

    assertThat(job.state()).as("%s", job.error()).isEqualTo(JobState.SUCCEEDED);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> tables =
        (List<Map<String, Object>>)
            ((Map<String, Object>) stage(job.result(), "quality").get("summary")).get("tables");
    Map<String, Object> cars = tables.get(0);
    // cars.csv has 6 cars without Horsepower: the completeness check fails, row_count passes.
    assertThat(cars).containsEntry("table", "cars").containsEntry("suggested", false);
    assertThat(cars).containsEntry("passed", false);
    assertThat(number(cars, "checks")).isEqualTo(2);
    assertThat(number(cars, "failedChecks")).isEqualTo(1);
    assertThat(cars.get("failed").toString()).contains("Horsepower");
    Map<String, Object> weather = tables.get(1);
    assertThat(weather).containsEntry("table", "weather").containsEntry("passed", true);
    assertThat(number(weather, "checks")).isEqualTo(1);
    assertThat(manifest(job)).contains("cars.quality.json", "weather.quality.json");
  }

  @Test
  void aKpiWithoutTableIsForTheOnlyTable() {
    Map<String, Object> count = Map.of("name", "cars", "measure", "*", "aggregation", "count");

    Job job =
        run(
            service,
            AnalyzeRequest.ofTables("cars")
                .withKpis(List.of(count))
                .skipping("profile", "quality", "drift"));

    assertThat(job.state()).as("%s", job.error()).isEqualTo(JobState.SUCCEEDED);
    @SuppressWarnings("unchecked")
    Map<String, Object> kpi =
        ((List<Map<String, Object>>)
                ((Map<String, Object>) stage(job.result(), "kpi").get("summary")).get("kpis"))
            .get(0);
    assertThat(number(kpi, "value")).isEqualTo(406);
  }

  @Test
  void malformedChecksAndKpisAreRefusedBeforeAJobStarts() {
    List<AnalyzeRequest> malformed =
        List.of(
            AnalyzeRequest.ofTables("cars").withChecks(List.of(Map.of("check", "no_such_check"))),
            AnalyzeRequest.ofTables("cars")
                .withChecks(List.of(Map.of("check", "row_count", "min", 1, "table", "weather"))),
            AnalyzeRequest.ofTables("cars")
                .withKpis(
                    List.of(Map.of("name", "x", "measure", "Horsepower", "aggregation", "mode"))),
            AnalyzeRequest.ofTables("cars", "weather")
                .withKpis(List.of(Map.of("name", "x", "measure", "*", "aggregation", "count"))));
    for (AnalyzeRequest request : malformed) {
      assertThatThrownBy(() -> service.submit(box, ACME, request))
          .as("%s", request)
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
    assertThat(box.jobs().list(ACME, 50)).noneMatch(j -> j.type().name().equals("analyze"));
  }

  @Test
  void skippedStagesWriteNothing() {
    Job job =
        run(
            service,
            AnalyzeRequest.ofTables("weather")
                .withKpis(List.of(AVG_TEMP))
                .skipping("profile", "quality", "drift"));

    assertThat(job.state()).as("%s", job.error()).isEqualTo(JobState.SUCCEEDED);
    assertThat(manifest(job))
        .contains("kpis.json", "analyze.json")
        .noneMatch(name -> name.startsWith("profile") || name.startsWith("quality"))
        .noneMatch(name -> name.startsWith("drift"));
    assertThat(stage(job.result(), "drift")).containsEntry("status", "skipped");
    assertThat(number(stage(job.result(), "drift"), "elapsedMs")).isZero();
  }

  @Test
  void severalTablesGetTheirOwnArtifacts() {
    Job job = run(service, AnalyzeRequest.ofTables("weather", "cars").skipping("drift"));

    assertThat(job.state()).as("%s", job.error()).isEqualTo(JobState.SUCCEEDED);
    assertThat(manifest(job))
        .contains(
            "weather.profile.json",
            "cars.profile.json",
            "weather.quality.html",
            "cars.quality.html");
  }

  @Test
  void cancellationBetweenStagesStopsThePipeline() throws Exception {
    CountDownLatch reached = new CountDownLatch(1);
    AnalyzeStage gate =
        new AnalyzeStage() {
          @Override
          public String name() {
            return "gate";
          }

          @Override
          public int order() {
            return PROFILE_ORDER + 50;
          }

          @Override
          public StageResult run(AnalyzeContext context) {
            reached.countDown();
            while (true) {
              context.job().throwIfCancelled();
              Thread.onSpinWait();
            }
          }
        };
    AnalyzeService gated = new AnalyzeService(service.pipeline().withStages(List.of(gate)));

    Job job = gated.submit(box, ACME, AnalyzeRequest.ofTables("weather"));
    assertThat(reached.await(3, TimeUnit.MINUTES)).isTrue();
    box.cancelJob(ACME, job.id());
    Job done = box.awaitJob(ACME, job.id(), WAIT);

    assertThat(done.state()).isEqualTo(JobState.CANCELLED);
    assertThat(manifest(done))
        .contains("profile.json")
        .doesNotContain("quality.json", "drift.json");
    assertThat(events.events(EventTypes.ANALYZE_FAILED)).isEmpty();
  }

  @Test
  void aViewerCannotStartAnalyzeButAnAnalystCan() {
    Principal viewer = Principal.of("vera", ACME, Role.VIEWER);
    Principal analyst = Principal.of("ann", ACME, Role.ANALYST);

    assertThatThrownBy(() -> service.submit(box.as(viewer), AnalyzeRequest.ofTables("cars")))
        .isInstanceOf(AccessDeniedException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    Job job =
        service.submit(
            box.as(analyst), AnalyzeRequest.ofTables("cars").skipping("quality", "drift"));

    assertThat(box.awaitJob(ACME, job.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void connectionsAreSyncedFirstAndTheirTablesAnalysed() throws Exception {
    Path data = Files.createDirectories(storage.resolve("source"));
    Files.copy(testdata("cars.csv"), data.resolve("cars.csv"));
    ConnectorCatalog catalog =
        ConnectorCatalog.discover(
            PluginRegistry.forClassLoader(getClass().getClassLoader()),
            new PluginContext(
                Settings.of(Map.of("allowed-base", data.toString())), null, Clock.systemUTC()));
    try (catalog) {
      ConnectionService connections = new ConnectionService(box, catalog);
      String id = connections.create(ACME, "csv", Map.of("path", "cars.csv"), Map.of()).id();
      AnalyzeService syncing =
          new AnalyzeService(service.pipeline().withStages(List.of(new SyncStage(connections))));

      Job job = run(syncing, AnalyzeRequest.ofConnections(id).skipping("quality", "drift"));

      assertThat(job.state()).as("%s", job.error()).isEqualTo(JobState.SUCCEEDED);
      @SuppressWarnings("unchecked")
      Map<String, Object> sync =
          ((List<Map<String, Object>>)
                  ((Map<String, Object>) stage(job.result(), "sync").get("summary"))
                      .get("connections"))
              .get(0);
      assertThat(sync).containsEntry("connectionId", id);
      assertThat(number(sync, "rowsLoaded")).isEqualTo(406);
      String table = ((List<?>) sync.get("tables")).get(0).toString();
      assertThat(job.result().get("tables")).isEqualTo(List.of(table));
      assertThat(number(firstTable(stage(job.result(), "profile")), "rowCount")).isEqualTo(406);
      assertThat(events.events(EventTypes.INGEST_COMPLETED)).isNotEmpty();
    }
  }
}
