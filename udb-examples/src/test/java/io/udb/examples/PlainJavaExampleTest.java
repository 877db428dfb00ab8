package io.udb.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlainJavaExampleTest {

  @Test
  void ingestsQueriesProfilesComparesAndComputesKpis(@TempDir Path storage) throws Exception {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    PlainJavaExample.Summary summary;
    try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
      summary = PlainJavaExample.run(storage, out);
    }
    String printed = buffer.toString(StandardCharsets.UTF_8);
    System.out.println(printed);

    assertThat(summary.rowsLoaded()).isEqualTo(1461);
    assertThat(printed).contains("Ingested 1461 rows into seattle_weather (tenant weather)");
    assertThat(printed).contains("2015 | 17.4 | 1139.2 | 162");
    assertThat(summary.profiledColumns()).isEqualTo(6);
    // 2014-2015 were warmer and differently classified than 2012-2013; rain amounts were not
    assertThat(summary.datasetDrift()).isTrue();
    assertThat(summary.driftedColumns()).contains("temp_max", "weather").doesNotContain("date");
    assertThat(printed).containsPattern("drift precipitation +ks +statistic 0\\.0473\\n");
    assertThat(summary.narrative())
        .startsWith("The average high temperature was 8.38 °C in December 2015")
        .contains("Precipitation was 285 mm in December 2015");
    assertThat(printed).contains("KPIs: " + summary.narrative());
    assertThat(summary.reports()).containsKeys("profile/profile.html", "drift/drift.html");
    for (Path report : summary.reports().values()) {
      assertThat(report).isRegularFile();
      assertThat(printed).contains(report.toUri().toString());
    }
    assertThat(Files.readString(summary.reports().get("profile/profile.html")))
        .contains("seattle_weather");
  }
}
