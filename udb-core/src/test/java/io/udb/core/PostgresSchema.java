package io.udb.core;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The machine's PostgreSQL, with a fresh schema per test so that runs never collide. */
final class PostgresSchema {
  static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";
  static final String USER = "postgres";

  private PostgresSchema() {}

  /** Creates a fresh schema and returns its name. */
  static String create() throws SQLException {
    String schema = "udb_box_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    execute("CREATE SCHEMA " + schema);
    return schema;
  }

  /** Drops a schema made by {@link #create()} with everything in it. */
  static void drop(String schema) throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** The URL whose connections use the given schema. */
  static String urlOf(String schema) {
    return URL + "?currentSchema=" + schema;
  }

  private static void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(URL, USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
