package io.udb.ingest.load;

import static io.udb.ingest.TestData.allTableNames;
import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.ingest.file.FileIngestService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoadCancellationTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path temp;

  @Test
  void cancellingALoadStopsDuckDbAndKeepsThePreviousTable() throws Exception {
    Path big = temp.resolve("big.csv");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT i AS id, md5(i::VARCHAR) AS note FROM range(3000000) t(i)) TO '"
              + big.toString().replace("'", "''")
              + "' (HEADER)");
    }
    Path small = temp.resolve("small.csv");
    Files.writeString(small, "id,note\n1,kept\n", StandardCharsets.UTF_8);
    try (DataBox box =
        DataBox.builder().storageRoot(temp.resolve("store")).eventSinks(List.of()).build()) {
      FileIngestService files = new FileIngestService(box);
      files.load(TENANT, small, "t", LoadOptions.defaults());

      Job job = files.submitFile(TENANT, big, "t", LoadOptions.defaults());
      // Past the sniffing: DuckDB is reading and the records are being counted.
      while (box.job(TENANT, job.id()).progress() < 0.05
          && !box.job(TENANT, job.id()).state().isTerminal()) {
        Thread.sleep(5);
      }
      box.cancelJob(TENANT, job.id());
      Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));

      assertThat(done.state()).isEqualTo(JobState.CANCELLED);
      assertThat(done.error().code()).isEqualTo(ErrorCode.JOB_CANCELLED);
      assertThat(box.describe(TENANT, TableRef.of("t")).orElseThrow().rowCount()).isEqualTo(1);
      assertThat(allTableNames(box, TENANT)).noneMatch(n -> n.contains("__udb_"));
    }
  }
}
