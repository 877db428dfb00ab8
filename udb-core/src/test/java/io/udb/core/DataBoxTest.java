package io.udb.core;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.config.Settings;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.job.TestClock;
import io.udb.core.job.store.TestPostgres;
import io.udb.core.plugin.PluginDescription;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataBoxTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final JobType PROFILE = JobType.PROFILE;
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void refusesToBuildWithoutStorageRootOrInMemory() {
    assertThatThrownBy(() -> DataBox.builder().eventSinks(List.of()).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.getMessage()).contains("storageRoot").contains("inMemory");
            });
  }

  @Test
  void refusesBlankNodeId() {
    assertThatThrownBy(() -> DataBox.builder().nodeId(" "))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
  }

  @Test
  void unknownPluginNameIsNotFoundNamingItAndTheAvailableOnes() {
    assertThatThrownBy(
            () -> DataBox.builder().inMemory().eventSinks(List.of()).artifactStore("s3").build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
              assertThat(e.getMessage()).contains("'s3'").contains("filesystem");
            });
    assertThatThrownBy(
            () -> DataBox.builder().inMemory().eventSinks(List.of()).jobStore("redis").build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
              assertThat(e.getMessage()).contains("'redis'").contains("jdbc").contains("memory");
            });
  }

  @Test
  void failedBuildReleasesWhatItAlreadyCreated(@TempDir Path root) throws InterruptedException {
    Set<Thread> before = engineThreads();

    assertThatThrownBy(
            () ->
                DataBox.builder().storageRoot(root).eventSinks(List.of("logging", "kafka")).build())
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_NOT_FOUND));

    Set<Thread> started = engineThreads();
    started.removeAll(before);
    for (Thread thread : started) {
      thread.join(WAIT.toMillis());
      assertThat(thread.isAlive()).as("%s of the abandoned engine stopped", thread).isFalse();
    }
  }

  private static Set<Thread> engineThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().equals("udb-engine-timer"))
        .collect(Collectors.toSet());
  }

  @Test
  void onDiskBoxKeepsTablesAcrossCloseAndReopen(@TempDir Path root) {
    try (DataBox box = DataBox.builder().storageRoot(root).eventSinks(List.of()).build();
        SqlSession session = box.openSession(ACME)) {
      session.execute("CREATE TABLE sales (id INTEGER, amount DOUBLE)", List.of());
      session.execute("INSERT INTO sales VALUES (?, ?), (?, ?)", List.of(1, 9.5, 2, 20.25));
    }

    try (DataBox reopened = DataBox.builder().storageRoot(root).eventSinks(List.of()).build()) {
      assertThat(reopened.tables(ACME)).extracting(TableInfo::name).containsExactly("sales");
      assertThat(reopened.query(ACME, "SELECT sum(amount) AS total FROM sales").rows())
          .containsExactly(List.of(29.75));
      assertThat(reopened.tables(GLOBEX)).isEmpty();
    }
  }

  @Test
  void jdbcJobStoreSelectedByNameKeepsJobsAcrossRestarts() throws SQLException {
    String schema = TestPostgres.createSchema();
    try {
      Settings settings =
          Settings.of(
              Map.of(
                  "job-store.jdbc.url",
                  TestPostgres.urlOf(schema),
                  "job-store.jdbc.user",
                  TestPostgres.USER));
      Job done;
      try (DataBox box = jdbcBox(settings)) {
        assertThat(box.plugins()).extracting(PluginDescription::name).contains("jdbc");
        Job job = box.submit(ACME, PROFILE, context -> Map.of("rows", 3, "table", "sales"));
        done = box.awaitJob(ACME, job.id(), WAIT);
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      }

      try (DataBox restarted = jdbcBox(settings)) {
        Job found = restarted.job(ACME, done.id());
        assertThat(found.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(found.result()).isEqualTo(Map.of("rows", 3, "table", "sales"));
        assertThat(found.finishedAt()).isEqualTo(done.finishedAt());
        assertThat(restarted.jobs().list(ACME, 10)).extracting(Job::id).containsExactly(done.id());
        assertThatThrownBy(() -> restarted.job(GLOBEX, done.id()))
            .isInstanceOf(NotFoundException.class);
      }
    } finally {
      TestPostgres.dropSchema(schema);
    }
  }

  private static DataBox jdbcBox(Settings settings) {
    return DataBox.builder()
        .inMemory()
        .eventSinks(List.of())
        .nodeId("node-1")
        .settings(settings)
        .jobStore("jdbc")
        .build();
  }

  @Test
  void jobArtifactIsListedInTheManifestWithItsSha256(@TempDir Path root) throws Exception {
    TestClock clock = new TestClock(T0);
    byte[] report = "<html><body>profile of sales</body></html>".getBytes(UTF_8);
    try (DataBox box =
        DataBox.builder().storageRoot(root).eventSinks(List.of()).clock(clock).build()) {
      Job job =
          box.submit(
              ACME,
              PROFILE,
              context -> {
                ArtifactInfo info = context.writeArtifact("profile.html", "text/html", report);
                return Map.of("artifact", info.name().value());
              });
      assertThat(box.awaitJob(ACME, job.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);

      ArtifactManifest manifest = box.manifest(ACME, job.id()).orElseThrow();
      assertThat(manifest.tenant()).isEqualTo(ACME);
      assertThat(manifest.jobId()).isEqualTo(job.id());
      assertThat(manifest.artifacts())
          .containsExactly(
              new ArtifactInfo(
                  ArtifactName.of("profile.html"), "text/html", report.length, sha256(report), T0));
      try (InputStream in =
          box.artifacts().open(ACME, job.id(), ArtifactName.of("profile.html")).orElseThrow()) {
        assertThat(in.readAllBytes()).isEqualTo(report);
      }
      assertThat(box.manifest(GLOBEX, job.id())).isEmpty();
    }
  }

  private static String sha256(byte[] bytes) throws NoSuchAlgorithmException {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }

  @Test
  void pruneRemovesArtifactsAndFinishedJobRecordsOfOldJobs(@TempDir Path root) {
    TestClock clock = new TestClock(T0);
    try (DataBox box =
        DataBox.builder().storageRoot(root).eventSinks(List.of()).clock(clock).build()) {
      Job old = runJobWithArtifact(box);
      clock.advance(Duration.ofHours(2));
      Job recent = runJobWithArtifact(box);
      clock.advance(Duration.ofMinutes(1));

      assertThat(box.prune(Duration.ofHours(1))).isEqualTo(new PruneResult(1, 1));
      assertThat(box.manifest(ACME, old.id())).isEmpty();
      assertThatThrownBy(() -> box.job(ACME, old.id()))
          .isInstanceOfSatisfying(
              NotFoundException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_NOT_FOUND));
      assertThat(box.manifest(ACME, recent.id())).isPresent();
      assertThat(box.job(ACME, recent.id()).state()).isEqualTo(JobState.SUCCEEDED);

      assertThat(box.prune(Duration.ZERO)).isEqualTo(new PruneResult(1, 1));
      assertThat(box.manifest(ACME, recent.id())).isEmpty();
      assertThat(box.jobs().list(ACME, 10)).isEmpty();
      assertThat(box.prune(Duration.ZERO)).isEqualTo(new PruneResult(0, 0));
    }
  }

  private static Job runJobWithArtifact(DataBox box) {
    Job job =
        box.submit(
            ACME,
            PROFILE,
            context -> {
              context.writeArtifact("result.json", "application/json", "{}".getBytes(UTF_8));
              return Map.of();
            });
    Job done = box.awaitJob(ACME, job.id(), WAIT);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    return done;
  }

  @Test
  void pruneRefusesNegativeRetention() {
    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build()) {
      assertThatThrownBy(() -> box.prune(Duration.ofSeconds(-1)))
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    }
  }
}
