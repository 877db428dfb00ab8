package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.engine.EngineSettings;
import io.udb.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Quality runs as jobs: result, artifacts, metric, masking, refusals. */
class QualityServiceTest {
  private static final TenantId TENANT = TenantId.of("acme");

  private final RecordingMetrics metrics = new RecordingMetrics();
  private final QualityService service = new QualityService();
  private DataBox box;

  @BeforeEach
  void load() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).metrics(metrics).build();
    TestTables.load(box, TENANT, "cars.csv", "cars");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE people AS SELECT * FROM (VALUES"
            + " ('Ann', 'ann@example.com', NULL), ('Bob', 'bob@example.org', '+44 20 7946 0958'))"
            + " v(name, email, phone)");
  }

  @AfterEach
  void close() {
    box.close();
  }

  private Job await(Job job) {
    return await(box, job);
  }

  private static Job await(DataBox on, Job job) {
    Job done = on.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
    assertThat(done.state().isTerminal()).isTrue();
    return done;
  }

  private String artifact(Job job, String name) throws IOException {
    try (InputStream in =
        box.artifacts().open(TENANT, job.id(), ArtifactName.of(name)).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void jobResultFollowsTheContractAndMatchesTheJsonArtifact() throws IOException {
    CheckSuite suite =
        Checks.on("cars")
            .isComplete("Name")
            .hasCompleteness("Horsepower", Bound.ge(0.99))
            .isContainedIn("Origin", List.of("USA", "Europe", "Japan"))
            .build();
    Job job = await(service.submit(box, TENANT, suite, QualityOptions.defaults()));
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    Map<String, Object> result = job.result();
    assertThat(result).containsKeys("passed", "checks").containsEntry("passed", false);
    @SuppressWarnings("unchecked") // the result tree of QualityReport.toJson
    List<Map<String, Object>> checks = (List<Map<String, Object>>) result.get("checks");
    assertThat(checks).hasSize(3);
    assertThat(checks)
        .allSatisfy(
            c -> assertThat(c).containsKeys("check", "column", "status", "metric", "message"));
    assertThat(checks.get(1))
        .containsEntry("check", "completeness")
        .containsEntry("column", "Horsepower")
        .containsEntry("status", "FAILED")
        .containsEntry("failingRows", 6L);
    String json = artifact(job, QualityService.JSON_ARTIFACT);
    assertThat(JsonSchemas.violations(JsonSchemas.RESULT_ID, json)).isEmpty();
    assertThat(JsonSchemas.violations(JsonSchemas.RESULT_ID, Json.write(result))).isEmpty();
    assertThat(Json.readObject(json)).containsEntry("passed", false).containsEntry("rowCount", 406);
    assertThat(box.manifest(TENANT, job.id()).orElseThrow().artifacts())
        .extracting(ArtifactInfo::name)
        .extracting(ArtifactName::value)
        .containsExactlyInAnyOrder("quality.json", "quality.html");
    assertThat(metrics.total(QualityMetricNames.RUNS, "status", "failed", "tenant", "acme"))
        .isEqualTo(1);
  }

  @Test
  void passingRunCountsAsPassed() {
    Job job =
        await(
            service.submit(
                box,
                TENANT,
                TableRef.of("cars"),
                Checks.on("cars").isComplete("Name").build(),
                QualityOptions.defaults()));
    assertThat(job.result()).containsEntry("passed", true);
    assertThat(metrics.total(QualityMetricNames.RUNS, "status", "passed", "tenant", "acme"))
        .isEqualTo(1);
  }

  @Test
  void suggestRequestRunsTheSuggestedSuite() {
    Job job =
        await(
            service.submit(
                box,
                TENANT,
                QualityRequest.parse("{\"table\":\"cars\",\"suggest\":true}"),
                QualityOptions.defaults()));
    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.result()).containsEntry("passed", true);
    @SuppressWarnings("unchecked") // the result tree of QualityReport.toJson
    List<Map<String, Object>> suggestions =
        (List<Map<String, Object>>) job.result().get("suggestions");
    assertThat(suggestions).hasSize(22);
    assertThat(suggestions.get(0))
        .containsEntry("rule", "CompleteIfCompleteRule")
        .containsEntry("column", "Name")
        .containsKey("rationale");
    @SuppressWarnings("unchecked") // the result tree of QualityReport.toJson
    List<Map<String, Object>> checks = (List<Map<String, Object>>) job.result().get("checks");
    assertThat(checks).hasSize(22);
    assertThat(JsonSchemas.violations(JsonSchemas.RESULT_ID, Json.write(job.result()))).isEmpty();
  }

  @Test
  void quarantineFlagOfTheRequestWritesTheQuarantineTable() {
    Job job =
        await(
            service.submit(
                box,
                TENANT,
                QualityRequest.parse(
                    "{\"table\":\"cars\",\"quarantine\":true,\"checks\":"
                        + "[{\"check\":\"completeness\",\"column\":\"Horsepower\"}]}"),
                QualityOptions.defaults()));
    assertThat(job.result())
        .containsEntry("quarantine", Map.of("table", "cars__quarantine", "rows", 6L));
  }

  @Test
  void hostilePredicateFailsTheJobWithTheGuardsCode() {
    Job job =
        await(
            service.submit(
                box,
                TENANT,
                TableRef.of("cars"),
                Checks.on("cars").satisfies("x", "1=1; DROP TABLE people").build(),
                QualityOptions.defaults()));
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().code()).isEqualTo(ErrorCode.SQL_MULTIPLE_STATEMENTS);
    assertThat(job.error().stage()).isEqualTo("plan");
    assertThat(box.describe(TENANT, TableRef.of("people"))).isPresent();
    assertThat(metrics.total(QualityMetricNames.RUNS, "status", "error", "tenant", "acme"))
        .isEqualTo(1);
  }

  @Test
  void missingTableFailsTheJobWithTableNotFound() {
    Job job =
        await(
            service.submit(
                box,
                TENANT,
                TableRef.of("nope"),
                Checks.on("nope").isComplete("x").build(),
                QualityOptions.defaults()));
    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
  }

  @Test
  void samplesAreMaskedForAViewerAndRawForAnAdmin() {
    CheckSuite suite = Checks.on("people").isComplete("phone").build();
    QualityOptions base = QualityOptions.defaults().withHistory(false);
    QualityReport viewer =
        service.run(
            box,
            TENANT,
            TableRef.of("people"),
            suite,
            base.withPrincipal(Principal.of("v", TENANT, Role.VIEWER)));
    assertThat(viewer.checks().get(0).failingRowsSample().rows())
        .containsExactly(java.util.Arrays.asList("Ann", "a***@example.com", null));
    QualityReport admin =
        service.run(
            box,
            TENANT,
            TableRef.of("people"),
            suite,
            base.withPrincipal(Principal.of("a", TENANT, Role.ADMIN)));
    assertThat(admin.checks().get(0).failingRowsSample().rows())
        .containsExactly(java.util.Arrays.asList("Ann", "ann@example.com", null));
    QualityReport host = service.run(box, TENANT, TableRef.of("people"), suite, base);
    assertThat(host.checks().get(0).failingRowsSample().rows().get(0)).contains("ann@example.com");
  }

  @Test
  void htmlArtifactIsSelfContainedAndShowsTheChecks() throws IOException {
    Job job =
        await(
            service.submit(
                box,
                TENANT,
                Checks.on("cars").isComplete("Horsepower").isComplete("Name").build(),
                QualityOptions.defaults()));
    String html = artifact(job, QualityService.HTML_ARTIFACT);
    assertThat(html)
        .startsWith("<!DOCTYPE html>")
        .contains("Data quality of <code>cars</code>")
        .contains("completeness")
        .contains("6 of 406 rows are null")
        .doesNotContain("<script")
        .doesNotContain("http://")
        .doesNotContain("https://")
        .doesNotContain("<link");
  }

  @Test
  void runsWithASingleConnectionPerTenant() {
    DataBox single =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .engineSettings(
                new EngineSettings(
                    1, "512MB", "1GB", Duration.ofSeconds(30), 10_000, Duration.ofMinutes(5), 1))
            .build();
    try (single) {
      TestTables.load(single, TENANT, "cars.csv", "cars");
      TestTables.execute(
          single, TENANT, "CREATE TABLE origins AS SELECT * FROM (VALUES ('USA')) v(name)");
      CheckSuite suite =
          Checks.on("cars")
              .referencesTable("Origin", "origins", "name")
              .satisfies("strong", "Horsepower > 50")
              .isUnique("Name")
              .build();
      Job job =
          await(
              single,
              service.submit(
                  single,
                  TENANT,
                  new QualityRequest(TableRef.of("cars"), suite, true, true),
                  QualityOptions.defaults()));
      assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(job.result()).containsEntry("passed", false);
    }
  }
}
