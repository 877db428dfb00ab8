package io.udb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QuickstartMainTest {

  @Test
  void ingestsTheBundledDataAndPrintsASummary(@TempDir Path storage) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    boolean ok;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      ok = QuickstartMain.run(storage, out);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);

    assertThat(ok).as(printed).isTrue();
    // 1,461 rows: the count SOURCES.md gives for seattle-weather.csv
    assertThat(printed).contains("1461 rows read, 1461 loaded, 0 rejected");
    assertThat(printed).contains("2015-12 | 8.4 | 284.5");
    assertThat(printed).contains("SQL guard refused a file read: SQL_FORBIDDEN");
    assertThat(printed)
        .contains(
            "Days by weather: [[rain, 641], [sun, 640], [fog, 101], [drizzle, 53], [snow, 26]]");
    assertThat(printed)
        .containsPattern(
            "Artifact summary\\.json \\(application/json, \\d+ bytes, sha256 [0-9a-f]{64}\\)");
    assertThat(storage.resolve("tenants/demo/tenant.duckdb")).exists();
  }

  @Test
  void keepsTheDataAcrossRuns(@TempDir Path storage) throws Exception {
    ByteArrayOutputStream first = new ByteArrayOutputStream();
    ByteArrayOutputStream second = new ByteArrayOutputStream();
    try (PrintStream out = new PrintStream(first, true, StandardCharsets.UTF_8)) {
      assertThat(QuickstartMain.run(storage, out)).isTrue();
    }
    try (PrintStream out = new PrintStream(second, true, StandardCharsets.UTF_8)) {
      assertThat(QuickstartMain.run(storage, out)).isTrue();
    }
    // the ingest replaces the table, so a second run sees the same rows, not twice as many
    assertThat(second.toString(StandardCharsets.UTF_8))
        .contains("Table seattle_weather: 1461 rows");
  }
}
