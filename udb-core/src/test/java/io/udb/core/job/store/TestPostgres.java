package io.udb.core.job.store;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The machine's PostgreSQL, with a schema of its own per test class so that runs never collide. */
public final class TestPostgres {
  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  public static final String USER = "postgres";

  private TestPostgres() {}

  /** Creates a fresh schema and returns its name. */
  public static String createSchema() throws SQLException {
    String schema = "udb_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  /** Drops a schema made by {@link #createSchema()} with everything in it. */
  public static void dropSchema(String schema) throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** The URL of a schema made by {@link #createSchema()}. */
  public static String urlOf(String schema) {
    return URL + "?currentSchema=" + schema;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
