package io.udb.kpi;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The vendored real data sets, loaded into a tenant the way the capability brief prescribes. */
public final class KpiTestData {
  private KpiTestData() {}

  /** A vendored data file, found by walking up to the folder holding {@code testdata/README.md}. */
  public static Path file(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata").resolve("README.md"))) {
        return dir.resolve("testdata").resolve(name);
      }
    }
    throw new IllegalStateException("no testdata/README.md above " + Path.of("").toAbsolutePath());
  }

  /** An in-memory box without event sinks. */
  public static DataBox box() {
    return DataBox.builder().inMemory().eventSinks(List.of()).build();
  }

  /**
   * Loads a vendored CSV into a table of the tenant through the tenant's spool folder.
   *
   * @param box the box
   * @param tenant the tenant
   * @param file the data set, e.g. {@code seattle-weather.csv}
   * @param table the table to create
   */
  public static void load(DataBox box, TenantId tenant, String file, String table) {
    try (SqlSession session = box.openSession(tenant)) {
      Path spool = DuckDbEngine.serving(box.engine(), tenant).spoolDirectory(tenant);
      Path copy = Files.copy(file(file), spool.resolve(file), StandardCopyOption.REPLACE_EXISTING);
      session.execute(
          "CREATE TABLE "
              + session.dialect().quoteIdentifier(table)
              + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
          List.of(copy.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs a query on a fresh, plain DuckDB that reads the CSV itself: the independent check of the
   * numbers UDB computes. The text {@code CSV} in the query stands for the file.
   *
   * @param file the data set
   * @param sql the query, naming the data as {@code CSV}
   * @return the rows
   */
  public static List<List<Object>> plainDuckDb(String file, String sql) {
    String source = "read_csv('" + file(file).toString().replace("'", "''") + "')";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql.replace("CSV", source))) {
      int width = rows.getMetaData().getColumnCount();
      List<List<Object>> out = new ArrayList<>();
      while (rows.next()) {
        List<Object> row = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
          row.add(rows.getObject(i));
        }
        out.add(row);
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The single number a plain DuckDB query returns. */
  public static double plainNumber(String file, String sql) {
    return ((Number) plainDuckDb(file, sql).get(0).get(0)).doubleValue();
  }
}
