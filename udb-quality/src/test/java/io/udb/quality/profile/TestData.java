package io.udb.quality.profile;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The repository's vendored real data sets ({@code testdata/}) for tests: finds the folder from the
 * module's working directory and loads a CSV file into a tenant table through DuckDB's own reader,
 * without depending on {@code udb-ingest}. Shared by the quality module's test packages.
 */
public final class TestData {
  private TestData() {}

  /**
   * The {@code testdata} folder: the nearest one at or above the working directory that holds a
   * {@code README.md}.
   *
   * @return the folder
   * @throws IllegalStateException when there is none
   */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata");
      if (Files.isRegularFile(candidate.resolve("README.md"))) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No testdata/README.md at or above " + Path.of("").toAbsolutePath());
  }

  /**
   * A file of the test data.
   *
   * @param relative e.g. {@code cars.csv} or {@code expected/cars_usa_vs_non_usa.json}
   * @return the path
   */
  public static Path file(String relative) {
    return root().resolve(relative);
  }

  /**
   * Loads a CSV file of the test data into a new table of the tenant, with DuckDB's type detection.
   *
   * @param box the data box
   * @param tenant the tenant
   * @param fileName the CSV file's name within {@code testdata}
   * @param table the table to create
   * @return the table
   */
  public static TableRef loadCsv(DataBox box, TenantId tenant, String fileName, String table) {
    Path spool = ((DuckDbEngine) box.engine()).spoolDirectory(tenant);
    try {
      Files.createDirectories(spool);
      Path copy =
          Files.copy(file(fileName), spool.resolve(fileName), StandardCopyOption.REPLACE_EXISTING);
      TableRef ref = TableRef.of(table);
      try (SqlSession session = box.openSession(tenant)) {
        session.execute(
            "CREATE TABLE "
                + session.dialect().table(ref)
                + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
            List.of(copy.toString()));
      }
      return ref;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs one statement in the tenant's database, e.g. to create a small table for a test.
   *
   * @param box the data box
   * @param tenant the tenant
   * @param sql the statement
   * @param parameters its parameters
   */
  public static void execute(DataBox box, TenantId tenant, String sql, Object... parameters) {
    try (SqlSession session = box.openSession(tenant)) {
      session.execute(sql, List.of(parameters));
    }
  }
}
