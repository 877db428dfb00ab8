package io.udb.quality.check;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.quality.internal.InternalTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The metrics of past quality runs, kept per tenant in the tenant's own database in the internal
 * table {@value #TABLE} ({@code table_name, metric, column_name, value, recorded_at, job_id}; on
 * DuckDB in the schema {@value #SCHEMA}, elsewhere where {@link SqlDialect#internalTable} puts it).
 * User SQL cannot name it (the SQL guard admits only the tenant's own tables), so tenants can
 * neither read nor change their history through SQL.
 */
public final class MetricHistory {
  /** The internal schema. */
  public static final String SCHEMA = "udb_meta";

  /** The history table within {@link #SCHEMA}. */
  public static final String TABLE = "metric_history";

  private MetricHistory() {}

  /**
   * One recorded value.
   *
   * @param table the checked table
   * @param metric {@code row_count} or a check's JSON name
   * @param column the column(s) or custom check name, or null for table metrics
   * @param value the value
   * @param recordedAt when it was recorded
   * @param jobId the quality job, or null for runs outside a job
   */
  public record Entry(
      String table, String metric, String column, double value, Instant recordedAt, String jobId) {
    /** Validates the arguments. */
    public Entry {
      Objects.requireNonNull(table, "table");
      Objects.requireNonNull(metric, "metric");
      Objects.requireNonNull(recordedAt, "recordedAt");
    }
  }

  /**
   * Identifies one metric of a table across runs.
   *
   * @param metric {@code row_count} or a check's JSON name
   * @param column the column(s) or custom check name, or null
   */
  record Key(String metric, String column) {}

  /**
   * The history of a table, newest first.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table
   * @return every recorded value; empty when nothing was recorded yet
   */
  public static List<Entry> read(DataBox box, TenantId tenant, TableRef table) {
    try (SqlSession session = box.openSession(tenant)) {
      ensure(session);
      SqlDialect dialect = session.dialect();
      QueryResult result =
          session.query(
              "SELECT table_name, metric, column_name, value, recorded_at, job_id FROM "
                  + dialect.internalTable(TABLE)
                  + " WHERE table_name = ? ORDER BY recorded_at DESC, "
                  + dialect.insertionOrder()
                  + " DESC",
              List.of(table.name()));
      List<Entry> entries = new ArrayList<>();
      for (List<Object> row : result.rows()) {
        entries.add(
            new Entry(
                (String) row.get(0),
                (String) row.get(1),
                (String) row.get(2),
                ((Number) row.get(3)).doubleValue(),
                InternalTables.instant(row.get(4)),
                (String) row.get(5)));
      }
      return entries;
    }
  }

  /**
   * Creates the schema and table when absent. Two runs creating them at once may conflict in the
   * engine's catalog; the loser finds the table made by the winner.
   */
  static void ensure(SqlSession session) {
    String text = session.dialect().textType();
    InternalTables.ensure(
        session,
        List.of(
            new InternalTables.Definition(
                TABLE,
                "table_name "
                    + text
                    + " NOT NULL, metric "
                    + text
                    + " NOT NULL, column_name "
                    + text
                    + ", value DOUBLE NOT NULL, recorded_at TIMESTAMP NOT NULL, job_id "
                    + text,
                List.of())));
  }

  /**
   * The last values of every metric of a table, oldest first, in one query.
   *
   * @param session a trusted session
   * @param table the table
   * @param window how many runs per metric
   * @return values by metric
   */
  static Map<Key, List<Double>> recent(SqlSession session, String table, int window) {
    SqlDialect dialect = session.dialect();
    String order = dialect.insertionOrder();
    QueryResult result =
        session.query(
            "SELECT metric, column_name, value FROM (SELECT metric, column_name, value,"
                + " recorded_at, "
                + order
                + " AS seq, row_number() OVER (PARTITION BY metric, column_name ORDER BY"
                + " recorded_at DESC, "
                + order
                + " DESC) AS udb_rank FROM "
                + dialect.internalTable(TABLE)
                + " WHERE table_name = ?) AS udb_recent WHERE udb_rank <= ? ORDER BY"
                + " recorded_at, seq",
            List.of(table, window));
    Map<Key, List<Double>> byKey = new LinkedHashMap<>();
    for (List<Object> row : result.rows()) {
      byKey
          .computeIfAbsent(
              new Key((String) row.get(0), (String) row.get(1)), k -> new ArrayList<>())
          .add(((Number) row.get(2)).doubleValue());
    }
    byKey.replaceAll((k, v) -> Collections.unmodifiableList(v));
    return byKey;
  }

  /**
   * Appends the values of one run in one statement.
   *
   * @param session a trusted session
   * @param table the table
   * @param values the values by metric
   * @param at the time of the run
   * @param jobId the job, or null
   */
  static void record(
      SqlSession session, String table, Map<Key, Double> values, Instant at, String jobId) {
    if (values.isEmpty()) {
      return;
    }
    SqlDialect dialect = session.dialect();
    StringBuilder sql =
        new StringBuilder("INSERT INTO ").append(dialect.internalTable(TABLE)).append(" VALUES ");
    List<Object> parameters = new ArrayList<>();
    String time = InternalTables.timestamp(at);
    String row = "(?, ?, ?, ?, " + dialect.timestampParameter() + ", ?)";
    boolean first = true;
    for (Map.Entry<Key, Double> value : values.entrySet()) {
      sql.append(first ? "" : ", ").append(row);
      first = false;
      parameters.add(table);
      parameters.add(value.getKey().metric());
      parameters.add(value.getKey().column());
      parameters.add(value.getValue());
      parameters.add(time);
      parameters.add(jobId);
    }
    session.execute(sql.toString(), parameters);
  }
}
