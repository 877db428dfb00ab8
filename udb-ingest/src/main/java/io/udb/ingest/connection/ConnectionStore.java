package io.udb.ingest.connection;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps connections in each tenant's own database, in the internal table {@value #TABLE}, which
 * user SQL cannot name (the SQL guard admits only the main schema). The schema and table are
 * created on the first write; reads of a tenant that never stored a connection find nothing.
 *
 * <p>Thread-safe: each call uses its own session.
 */
public final class ConnectionStore {
  /** The table, in UDB's internal schema. */
  public static final String TABLE = "udb_meta.connections";

  private static final String COLUMNS =
      "id, connector, config, secret_refs, state, created_at, updated_at";

  private final DataBox box;

  /**
   * A store.
   *
   * @param box the box whose tenant databases hold the connections
   */
  public ConnectionStore(DataBox box) {
    this.box = Objects.requireNonNull(box, "box");
  }

  /**
   * Stores a new connection.
   *
   * @param tenant the tenant
   * @param connection the connection
   */
  public void insert(TenantId tenant, Connection connection) {
    try (SqlSession session = box.openSession(tenant)) {
      ensureTable(session);
      LocalDateTime created = utc(connection.createdAt());
      session.execute(
          "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
          List.of(
              connection.id(),
              connection.connector(),
              Json.write(connection.config()),
              Json.write(connection.secretRefs()),
              Json.write(connection.state()),
              created,
              created));
    }
  }

  /**
   * A connection of the tenant.
   *
   * @param tenant the tenant
   * @param id the connection's id
   * @return the connection, or empty
   */
  public Optional<Connection> find(TenantId tenant, String id) {
    try (SqlSession session = box.openSession(tenant)) {
      if (!exists(session)) {
        return Optional.empty();
      }
      QueryResult rows =
          session.query("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE id = ?", List.of(id));
      return rows.rows().stream().findFirst().map(ConnectionStore::connectionOf);
    }
  }

  /**
   * The tenant's connections, oldest first.
   *
   * @param tenant the tenant
   * @return the connections
   */
  public List<Connection> list(TenantId tenant) {
    try (SqlSession session = box.openSession(tenant)) {
      if (!exists(session)) {
        return List.of();
      }
      QueryResult rows =
          session.query(
              "SELECT " + COLUMNS + " FROM " + TABLE + " ORDER BY created_at, id", List.of());
      List<Connection> out = new ArrayList<>();
      for (List<Object> row : rows.rows()) {
        out.add(connectionOf(row));
      }
      return out;
    }
  }

  /**
   * Deletes a connection.
   *
   * @param tenant the tenant
   * @param id the connection's id
   * @return whether it existed
   */
  public boolean delete(TenantId tenant, String id) {
    try (SqlSession session = box.openSession(tenant)) {
      if (!exists(session)) {
        return false;
      }
      return session.execute("DELETE FROM " + TABLE + " WHERE id = ?", List.of(id)) > 0;
    }
  }

  /**
   * Replaces a connection's cursor state.
   *
   * @param tenant the tenant
   * @param id the connection's id
   * @param state the state by stream
   * @param at when the state was reached
   * @return whether the connection still existed
   */
  public boolean saveState(TenantId tenant, String id, Map<String, String> state, Instant at) {
    try (SqlSession session = box.openSession(tenant)) {
      if (!exists(session)) {
        return false;
      }
      return session.execute(
              "UPDATE " + TABLE + " SET state = ?, updated_at = ? WHERE id = ?",
              List.of(Json.write(state), utc(at), id))
          > 0;
    }
  }

  private static boolean exists(SqlSession session) {
    QueryResult found =
        session.query(
            "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
                + " AND schema_name = 'udb_meta' AND table_name = 'connections'",
            List.of());
    return ((Number) found.rows().get(0).get(0)).longValue() > 0;
  }

  private static void ensureTable(SqlSession session) {
    if (exists(session)) {
      return;
    }
    session.execute("CREATE SCHEMA IF NOT EXISTS udb_meta", List.of());
    session.execute(
        "CREATE TABLE IF NOT EXISTS "
            + TABLE
            + " (id VARCHAR PRIMARY KEY, connector VARCHAR NOT NULL, config VARCHAR NOT NULL,"
            + " secret_refs VARCHAR NOT NULL, state VARCHAR NOT NULL,"
            + " created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)",
        List.of());
  }

  private static Connection connectionOf(List<Object> row) {
    return new Connection(
        (String) row.get(0),
        (String) row.get(1),
        Json.readObject((String) row.get(2)),
        strings(Json.readObject((String) row.get(3))),
        LocalDateTime.parse((String) row.get(5)).toInstant(ZoneOffset.UTC),
        strings(Json.readObject((String) row.get(4))));
  }

  private static Map<String, String> strings(Map<String, Object> map) {
    Map<String, String> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, String.valueOf(v)));
    return out;
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
