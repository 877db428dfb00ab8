package io.udb.ingest.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The machine's PostgreSQL, with a schema of its own per test so that runs never collide. */
public final class TestPostgres {
  /** The database URL. */
  public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

  /** The user; the local server needs no password. */
  public static final String USER = "postgres";

  private TestPostgres() {}

  /** Creates a fresh schema and returns its name. */
  public static String createSchema() throws SQLException {
    String schema = "udb_ing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  /** Drops a schema made by {@link #createSchema()} with everything in it. */
  public static void dropSchema(String schema) throws SQLException {
    if (schema != null) {
      execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    }
  }

  /** The URL whose current schema is the given one. */
  public static String urlOf(String schema) {
    return URL + "?currentSchema=" + schema;
  }

  /** Runs statements in the given schema. */
  public static void execute(String schema, String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(urlOf(schema), USER, null);
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
