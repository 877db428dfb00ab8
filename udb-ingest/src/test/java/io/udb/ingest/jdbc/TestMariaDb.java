package io.udb.ingest.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

/** The machine's MariaDB, with a database of its own per test so that runs never collide. */
public final class TestMariaDb {
  /** The server URL. */
  public static final String URL = "jdbc:mariadb://127.0.0.1:3306/test";

  /** The user; its password is empty. */
  public static final String USER = "root";

  private TestMariaDb() {}

  /** Creates a fresh database and returns its name. */
  public static String createDatabase() throws SQLException {
    String database = "udb_ing_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    executeAt(URL, "CREATE DATABASE " + database + " CHARACTER SET utf8mb4");
    return database;
  }

  /** Drops a database made by {@link #createDatabase()}. */
  public static void dropDatabase(String database) throws SQLException {
    if (database != null) {
      executeAt(URL, "DROP DATABASE IF EXISTS " + database);
    }
  }

  /** The URL of the given database. */
  public static String urlOf(String database) {
    return "jdbc:mariadb://127.0.0.1:3306/" + database;
  }

  /** Runs statements in the given database. */
  public static void execute(String database, String... statements) throws SQLException {
    executeAt(urlOf(database), statements);
  }

  private static void executeAt(String url, String... statements) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url, USER, "");
        Statement statement = connection.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }
}
