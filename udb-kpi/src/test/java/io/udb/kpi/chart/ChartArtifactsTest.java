package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartArtifactsTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final Duration WAIT = Duration.ofMinutes(1);

  @Test
  void chartsAreListedInTheJobsManifestWithTypeSizeAndSha256(@TempDir Path root) throws Exception {
    try (DataBox box = DataBox.builder().storageRoot(root).eventSinks(List.of()).build()) {
      TestTables.loadCsv(box, TENANT, "seattle-weather.csv", "weather");
      Job job =
          box.submit(
              TENANT,
              JobType.KPI,
              context -> {
                ChartData days =
                    TestTables.query(
                        box, TENANT, "SELECT weather, count(*) AS days FROM weather GROUP BY 1");
                ChartRenderer renderer = new ChartRenderer();
                RenderedChart chart = renderer.render(renderer.suggest(days, "Days"), days);
                List<ArtifactInfo> written =
                    ChartArtifacts.write(context, "days-by-weather", chart);
                return Map.of("charts", written.size());
              });
      Job done = box.awaitJob(TENANT, job.id(), WAIT);
      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);

      ArtifactManifest manifest = box.manifest(TENANT, job.id()).orElseThrow();

      assertThat(manifest.artifacts())
          .extracting(info -> info.name().value(), ArtifactInfo::contentType)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple("days-by-weather.png", "image/png"),
              org.assertj.core.groups.Tuple.tuple("days-by-weather.svg", "image/svg+xml"));
      for (ArtifactInfo info : manifest.artifacts()) {
        byte[] stored;
        try (InputStream in = box.artifacts().open(TENANT, job.id(), info.name()).orElseThrow()) {
          stored = in.readAllBytes();
        }
        assertThat(info.size()).isEqualTo(stored.length).isPositive();
        assertThat(info.sha256()).isEqualTo(sha256(stored));
      }
      try (InputStream in =
          box.artifacts()
              .open(TENANT, job.id(), ArtifactName.of("days-by-weather.png"))
              .orElseThrow()) {
        ImageAssertions.assertPng(in.readAllBytes(), 1200, 700);
      }
    }
  }

  @Test
  void refusesABaseNameThatIsNotAPlainFileName() {
    RenderedChart chart =
        new RenderedChart(
            ChartSpec.builder(ChartType.HISTOGRAM).x("v").build(), new byte[] {1}, new byte[] {2});
    List<String> bad = List.of("../escape", "a/b", ".hidden", "", "name with spaces");

    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build()) {
      Job job =
          box.submit(
              TENANT,
              JobType.KPI,
              context -> {
                Map<String, Object> codes = new java.util.LinkedHashMap<>();
                for (String name : bad) {
                  try {
                    ChartArtifacts.write(context, name, chart);
                    codes.put(name, "written");
                  } catch (UdbException e) {
                    codes.put(name, e.code().name());
                  }
                }
                return codes;
              });
      Job done = box.awaitJob(TENANT, job.id(), WAIT);

      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.result().values()).hasSize(bad.size()).containsOnly("INVALID_ARGUMENT");
      assertThat(box.manifest(TENANT, job.id()).map(ArtifactManifest::artifacts).orElse(List.of()))
          .isEmpty();
    }
    assertThatThrownBy(() -> ChartArtifacts.write(null, "chart", chart))
        .isInstanceOf(NullPointerException.class);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
