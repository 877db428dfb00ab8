package io.udb.quality.check;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * Loads the vendored real data sets ({@code testdata/} at the repository root) into tenant tables
 * with DuckDB's own CSV reader, the way ingest would, without depending on udb-ingest.
 */
final class TestTables {
  private TestTables() {}

  /** An in-memory box without event sinks. */
  static DataBox box() {
    return DataBox.builder().inMemory().eventSinks(List.of()).build();
  }

  /**
   * The path of a file in {@code testdata/}, found by walking up from the working directory.
   *
   * @param name e.g. {@code cars.csv}
   * @return its path
   */
  static Path testdata(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata/README.md"))) {
        return dir.resolve("testdata").resolve(name);
      }
    }
    throw new IllegalStateException("testdata/README.md not found above the working directory");
  }

  /**
   * Loads a CSV of {@code testdata/} into a table of the tenant.
   *
   * @param box the box
   * @param tenant the tenant
   * @param file the file name, e.g. {@code cars.csv}
   * @param table the table to create
   * @param options extra {@code read_csv} options, e.g. {@code , all_varchar = true}, or empty
   */
  static void load(DataBox box, TenantId tenant, String file, String table, String options) {
    try (SqlSession session = box.openSession(tenant)) {
      Path spool = ((DuckDbEngine) box.engine()).spoolDirectory(tenant);
      Path copy = spool.resolve(file);
      Files.copy(testdata(file), copy, StandardCopyOption.REPLACE_EXISTING);
      session.execute(
          "CREATE OR REPLACE TABLE "
              + session.dialect().quoteIdentifier(table)
              + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true"
              + options
              + ")",
          List.of(copy.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Loads a CSV with auto-detected types. */
  static void load(DataBox box, TenantId tenant, String file, String table) {
    load(box, tenant, file, table, "");
  }

  /** Runs trusted SQL of the test itself, e.g. to shape a table. */
  static void execute(DataBox box, TenantId tenant, String sql) {
    try (SqlSession session = box.openSession(tenant)) {
      session.execute(sql, List.of());
    }
  }

  /** The single value of a trusted query of the test itself. */
  static Object value(DataBox box, TenantId tenant, String sql) {
    try (SqlSession session = box.openSession(tenant)) {
      return session.query(sql, List.of()).rows().get(0).get(0);
    }
  }
}
