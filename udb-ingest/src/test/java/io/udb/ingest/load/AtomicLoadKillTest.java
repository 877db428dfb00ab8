package io.udb.ingest.load;

import static io.udb.ingest.TestData.allTableNames;
import static io.udb.ingest.TestData.rows;
import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.core.DataBox;
import io.udb.core.engine.TenantPaths;
import io.udb.ingest.file.FileIngestService;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Proves that a load killed mid-way leaves the previous table intact: a child JVM replaces a table
 * of an on-disk tenant database with a 2-million-row CSV and is killed ({@code destroyForcibly},
 * SIGKILL) while DuckDB is writing the new rows; the database is then opened again here.
 */
class AtomicLoadKillTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final String CHECKSUM_SQL =
      "SELECT count(*), md5(string_agg(id || ':' || amount || ':' || note, ',' ORDER BY id))"
          + " FROM sales";

  @TempDir Path temp;

  @Test
  void aKilledLoadLeavesThePreviousTableAndNoStagingTable() throws Exception {
    Path root = temp.resolve("store");
    Path small = temp.resolve("small.csv");
    generate(small, 1_000);
    List<List<Object>> before;
    try (DataBox box = DataBox.builder().storageRoot(root).eventSinks(List.of()).build()) {
      new FileIngestService(box).load(TENANT, small, "sales", LoadOptions.defaults());
      before = rows(box, TENANT, CHECKSUM_SQL);
    }
    assertThat(before.get(0).get(0)).isEqualTo(1_000L);
    Path big = temp.resolve("big.csv");
    generate(big, 2_000_000);
    TenantPaths paths = TenantPaths.of(root, TENANT, true);
    long sizeBefore = databaseBytes(paths);

    Path log = temp.resolve("child.log");
    Process child =
        new ProcessBuilder(
                ProcessHandle.current().info().command().orElse("java"),
                "-cp",
                System.getProperty("java.class.path"),
                AtomicLoadChild.class.getName(),
                root.toString(),
                TENANT.value(),
                "sales",
                big.toString())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    try {
      // Mid-load: the file is in the spool folder and DuckDB is writing the new rows to disk.
      while (child.isAlive()
          && !(spooled(paths) && databaseBytes(paths) > sizeBefore + (8 << 20))) {
        Thread.sleep(10);
      }
      assertThat(child.isAlive())
          .as("the child still loading when killed; its output: %s", read(log))
          .isTrue();
      child.destroyForcibly();
      assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
    } finally {
      child.destroyForcibly();
    }
    assertThat(read(log)).contains("STARTED").doesNotContain("DONE");

    try (DataBox box = DataBox.builder().storageRoot(root).eventSinks(List.of()).build()) {
      assertThat(rows(box, TENANT, CHECKSUM_SQL)).isEqualTo(before);
      assertThat(box.tables(TENANT)).extracting(t -> t.name()).containsExactly("sales");
      assertThat(allTableNames(box, TENANT)).noneMatch(name -> name.contains("__udb_"));
    }
  }

  private static void generate(Path file, long rows) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duck.createStatement()) {
      statement.execute(
          "COPY (SELECT i AS id, (i * 7919) % 100000 / 100.0 AS amount,"
              + " 'note ' || md5(i::VARCHAR) AS note FROM range("
              + rows
              + ") t(i)) TO '"
              + file.toString().replace("'", "''")
              + "' (HEADER)");
    }
  }

  private static boolean spooled(TenantPaths paths) throws IOException {
    if (!Files.isDirectory(paths.spool())) {
      return false;
    }
    try (Stream<Path> files = Files.list(paths.spool())) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("load-"));
    }
  }

  private static long databaseBytes(TenantPaths paths) throws IOException {
    long total = 0;
    for (Path file : List.of(paths.databaseFile(), Path.of(paths.databaseFile() + ".wal"))) {
      if (Files.exists(file)) {
        total += Files.size(file);
      }
    }
    return total;
  }

  private static String read(Path log) throws IOException {
    return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
  }
}
