package io.udb.kpi.chart;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/** Loads the repository's real test data sets into a tenant's database, and queries them. */
final class TestTables {
  private TestTables() {}

  /** The repository's {@code testdata} folder, found by walking up from the working directory. */
  static Path testdata() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      if (Files.isRegularFile(dir.resolve("testdata").resolve("README.md"))) {
        return dir.resolve("testdata");
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("No testdata/README.md above " + Path.of("").toAbsolutePath());
  }

  /**
   * Creates a table from a CSV of {@code testdata} with DuckDB's own reader. The file is copied
   * into the tenant's spool folder first: the only folder the tenant's database may read.
   */
  static void loadCsv(DataBox box, TenantId tenant, String fileName, String table)
      throws IOException {
    try (SqlSession session = box.openSession(tenant)) {
      Path spool = ((DuckDbEngine) box.engine()).spoolDirectory(tenant);
      Files.createDirectories(spool);
      Path copy =
          Files.copy(
              testdata().resolve(fileName),
              spool.resolve(fileName),
              StandardCopyOption.REPLACE_EXISTING);
      session.execute(
          "CREATE TABLE "
              + session.dialect().quoteIdentifier(table)
              + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
          List.of(copy.toString()));
    }
  }

  /** Runs a query of the test's own making and returns its rows as chart data. */
  static ChartData query(DataBox box, TenantId tenant, String sql) {
    try (SqlSession session = box.openSession(tenant)) {
      return ChartData.of(session.query(sql, List.of()));
    }
  }
}
