package io.udb.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.connector.LoadResult;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.security.pii.PiiTag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFileIngestTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final TableRef WEATHER = TableRef.of("weather");

  @TempDir Path temp;
  private DataBox box;

  @AfterEach
  void close() {
    if (box != null) {
      box.close();
    }
  }

  private DataBox box(Map<String, String> settings) {
    box =
        DataBox.builder()
            .storageRoot(temp.resolve("store"))
            .eventSinks(List.of())
            .settings(Settings.of(settings))
            .build();
    return box;
  }

  private static Path seattleWeather() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("testdata/README.md"))) {
      dir = dir.getParent();
    }
    assertThat(dir).as("repository root with testdata/").isNotNull();
    return dir.resolve("testdata/seattle-weather.csv");
  }

  @Test
  void loadsEveryRowOfTheRealFileAsAJob() {
    CsvFileIngest ingest = new CsvFileIngest(box(Map.of()));
    Job job = ingest.submit(TENANT, seattleWeather(), WEATHER);
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    // 1,461 rows: the count SOURCES.md gives for seattle-weather.csv
    assertThat(done.result()).containsEntry("rowsRead", 1461L).containsEntry("rowsLoaded", 1461L);
    assertThat(box.describe(TENANT, WEATHER).orElseThrow().rowCount()).isEqualTo(1461);
  }

  @Test
  void aFileThatCannotBeReadLeavesThePreviousTableIntact() throws Exception {
    CsvFileIngest ingest = new CsvFileIngest(box(Map.of()));
    ingest.load(TENANT, seattleWeather(), WEATHER);
    Path broken = temp.resolve("broken.csv");
    byte[] noise = new byte[3000];
    new java.util.Random(42).nextBytes(noise);
    Files.write(broken, noise);

    assertThatThrownBy(() -> ingest.load(TENANT, broken, WEATHER))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INGEST_BAD_FORMAT);
    assertThat(box.describe(TENANT, WEATHER).orElseThrow().rowCount()).isEqualTo(1461);
    assertThat(box.tables(TENANT)).extracting(t -> t.name()).containsExactly("weather");
  }

  @Test
  void rowQuotaRefusesTheLoadAndKeepsThePreviousTable() throws Exception {
    CsvFileIngest ingest =
        new CsvFileIngest(box(Map.of("security.quota.default.max-rows-per-table", "1000")));
    Path small = temp.resolve("small.csv");
    Files.writeString(small, "a,b\n1,x\n2,y\n", StandardCharsets.UTF_8);
    ingest.load(TENANT, small, WEATHER);

    assertThatThrownBy(() -> ingest.load(TENANT, seattleWeather(), WEATHER))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(box.describe(TENANT, WEATHER).orElseThrow().rowCount()).isEqualTo(2);
    assertThat(box.tables(TENANT)).extracting(t -> t.name()).containsExactly("weather");
  }

  @Test
  void storageQuotaRefusesAFileThatDoesNotFit() {
    CsvFileIngest ingest =
        new CsvFileIngest(box(Map.of("security.quota.default.max-storage-bytes", "10000")));

    assertThatThrownBy(() -> ingest.load(TENANT, seattleWeather(), WEATHER))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.QUOTA_EXCEEDED);
    assertThat(box.tables(TENANT)).isEmpty();
  }

  @Test
  void classifiesTheLoadedColumnsForPii() throws Exception {
    CsvFileIngest ingest = new CsvFileIngest(box(Map.of()));
    Path people = temp.resolve("people.csv");
    Files.writeString(
        people,
        "name,contact,city\nAda,ada@example.com,London\nAlan,alan@example.org,Wilmslow\n",
        StandardCharsets.UTF_8);
    LoadResult load = ingest.load(TENANT, people, TableRef.of("people"));

    assertThat(load.rowsLoaded()).isEqualTo(2);
    assertThat(box.security().classifications().find(TENANT, TableRef.of("people")))
        .hasValueSatisfying(
            c -> {
              assertThat(c.column("contact").orElseThrow().tags()).containsExactly(PiiTag.EMAIL);
              assertThat(c.column("city").orElseThrow().tags()).containsExactly(PiiTag.NONE);
            });
  }
}
