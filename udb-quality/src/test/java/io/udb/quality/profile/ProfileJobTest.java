package io.udb.quality.profile;

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
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileJobTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration WAIT = Duration.ofSeconds(60);

  @TempDir Path storage;

  private final RecordingMetrics metrics = new RecordingMetrics();

  private DataBox box() {
    return DataBox.builder().storageRoot(storage).eventSinks(List.of()).metrics(metrics).build();
  }

  @Test
  void profileJobReturnsTheContractResultAndWritesBothArtifacts() throws Exception {
    try (DataBox box = box()) {
      TestData.loadCsv(box, ACME, "cars.csv", "cars");

      Job submitted =
          new Profiler().submit(box, ACME, TableRef.of("cars"), ProfileOptions.defaults());
      Job done = box.awaitJob(ACME, submitted.id(), WAIT);

      assertThat(submitted.type()).isEqualTo(JobType.PROFILE);
      assertThat(done.state()).as("error %s", done.error()).isEqualTo(JobState.SUCCEEDED);
      Map<String, Object> result = done.result();
      assertThat(result)
          .containsKeys("table", "rowCount", "duplicateRows", "columns", "alerts")
          .containsEntry("table", "cars");
      assertThat(((Number) result.get("rowCount")).longValue()).isEqualTo(406);
      ProfileSchemaAssertions.assertValid(result);
      @SuppressWarnings("unchecked") // the result's columns are JSON objects
      List<Map<String, Object>> columns = (List<Map<String, Object>>) result.get("columns");
      assertThat(columns.get(0))
          .containsKeys(
              "name",
              "kind",
              "count",
              "missing",
              "distinct",
              "min",
              "max",
              "mean",
              "std",
              "quantiles");
      @SuppressWarnings("unchecked") // quantiles are a JSON object
      Map<String, Object> quantiles = (Map<String, Object>) columns.get(1).get("quantiles");
      assertThat(quantiles).containsOnlyKeys("0.05", "0.25", "0.5", "0.75", "0.95");

      assertThat(box.manifest(ACME, done.id()).orElseThrow().artifacts())
          .extracting(ArtifactInfo::name)
          .contains(ArtifactName.of("profile.json"), ArtifactName.of("profile.html"));
      String json = artifact(box, done, "profile.json");
      assertThat(((Number) Json.readObject(json).get("rowCount")).longValue()).isEqualTo(406);
      ProfileSchemaAssertions.assertValid(Json.readObject(json));
      assertThat(artifact(box, done, "profile.html"))
          .startsWith("<!DOCTYPE html>")
          .contains("Profile of <code>cars</code>");

      assertThat(metrics.named(ProfileMetrics.RUNS))
          .singleElement()
          .satisfies(m -> assertThat(m.tags()).containsExactly("status", "succeeded"));
      assertThat(metrics.named(ProfileMetrics.ROWS))
          .singleElement()
          .extracting(m -> m.value())
          .isEqualTo(406.0);
      assertThat(metrics.named(ProfileMetrics.CELLS))
          .singleElement()
          .satisfies(
              m -> {
                assertThat(m.value()).isEqualTo(406.0 * 9);
                assertThat(m.tags()).containsExactly("tenant", "acme");
              });
    }
  }

  @Test
  void aJobStartedByAnAnalystShowsPiiMaskedAndOneByAnAdminRaw() throws Exception {
    try (DataBox box = box()) {
      TestData.execute(
          box,
          ACME,
          "CREATE TABLE people AS SELECT * FROM (VALUES ('john.doe@example.com', 1),"
              + " ('jane.roe@example.org', 2), ('john.doe@example.com', 3)) t(contact, n)");
      Profiler profiler = new Profiler();
      ProfileOptions defaults = ProfileOptions.defaults();

      Job analystJob =
          profiler.submit(
              box,
              box.as(Principal.of("ann", ACME, Role.ANALYST)),
              TableRef.of("people"),
              defaults);
      Job adminJob =
          profiler.submit(
              box, box.as(Principal.of("ada", ACME, Role.ADMIN)), TableRef.of("people"), defaults);

      String analystJson = artifact(box, box.awaitJob(ACME, analystJob.id(), WAIT), "profile.json");
      String adminJson = artifact(box, box.awaitJob(ACME, adminJob.id(), WAIT), "profile.json");
      assertThat(analystJson).contains("j***@example.com").doesNotContain("john.doe@example.com");
      assertThat(adminJson).contains("john.doe@example.com");

      // options naming an admin do not lift the analyst's masking
      Job escalated =
          profiler.submit(
              box,
              box.as(Principal.of("ann", ACME, Role.ANALYST)),
              TableRef.of("people"),
              ProfileOptions.builder().principal(Principal.of("x", ACME, Role.ADMIN)).build());
      assertThat(artifact(box, box.awaitJob(ACME, escalated.id(), WAIT), "profile.json"))
          .doesNotContain("john.doe@example.com");
    }
  }

  @Test
  void unknownTableFailsTheJobInItsStageWithTableNotFound() {
    try (DataBox box = box()) {
      Job done =
          box.awaitJob(
              ACME,
              new Profiler()
                  .submit(box, ACME, TableRef.of("missing"), ProfileOptions.defaults())
                  .id(),
              WAIT);

      assertThat(done.state()).isEqualTo(JobState.FAILED);
      assertThat(done.error().code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
      assertThat(done.error().stage()).isEqualTo("describe");
      assertThat(metrics.named(ProfileMetrics.RUNS))
          .singleElement()
          .satisfies(m -> assertThat(m.tags()).containsExactly("status", "failed"));
    }
  }

  @Test
  void comparisonJobPutsBothTablesSideBySide() throws Exception {
    try (DataBox box = box()) {
      TestData.loadCsv(box, ACME, "cars.csv", "cars");
      TestData.execute(
          box, ACME, "CREATE TABLE usa AS SELECT * FROM cars WHERE \"Origin\" = ?", "USA");

      Job done =
          box.awaitJob(
              ACME,
              new Profiler()
                  .submitComparison(
                      box, ACME, TableRef.of("cars"), TableRef.of("usa"), ProfileOptions.defaults())
                  .id(),
              WAIT);

      assertThat(done.state()).as("error %s", done.error()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.result()).containsKeys("left", "right", "columns", "rowCountChange");
      assertThat(((Number) done.result().get("rowCountChange")).longValue()).isEqualTo(254 - 406);
      String html = artifact(box, done, "profile.html");
      assertThat(html).contains("Comparison of <code>cars</code> and <code>usa</code>");
    }
  }

  private static String artifact(DataBox box, Job job, String name) throws Exception {
    try (InputStream in =
        box.artifacts().open(ACME, job.id(), ArtifactName.of(name)).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
