package io.udb.ingest;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The real data files of the ingest tests, and small query helpers. */
public final class TestData {
  private TestData() {}

  /**
   * A data file: the repository's {@code testdata/} copy when it has one, else this module's test
   * resource {@code data/<name>}.
   *
   * @param name the file name, e.g. {@code cars.csv}
   * @return the file
   */
  public static Path file(String name) {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !Files.exists(dir.resolve("testdata/README.md"))) {
      dir = dir.getParent();
    }
    if (dir != null && Files.isRegularFile(dir.resolve("testdata").resolve(name))) {
      return dir.resolve("testdata").resolve(name);
    }
    URL resource = TestData.class.getResource("/data/" + name);
    if (resource == null) {
      throw new IllegalArgumentException("No test data file " + name);
    }
    try {
      return Path.of(resource.toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Runs an internal query and returns its single value.
   *
   * @param box the box
   * @param tenant the tenant
   * @param sql the query
   * @return the first column of the first row
   */
  public static Object scalar(DataBox box, TenantId tenant, String sql) {
    return rows(box, tenant, sql).get(0).get(0);
  }

  /**
   * Runs an internal query.
   *
   * @param box the box
   * @param tenant the tenant
   * @param sql the query
   * @return its rows
   */
  public static List<List<Object>> rows(DataBox box, TenantId tenant, String sql) {
    try (SqlSession session = box.openSession(tenant)) {
      QueryResult result = session.query(sql, List.of());
      return result.rows();
    }
  }

  /** The names of every table in the tenant's database, in any schema, committed or internal. */
  public static List<String> allTableNames(DataBox box, TenantId tenant) {
    return rows(
            box,
            tenant,
            "SELECT schema_name || '.' || table_name FROM duckdb_tables()"
                + " WHERE database_name = current_database() ORDER BY 1")
        .stream()
        .map(r -> (String) r.get(0))
        .toList();
  }
}
