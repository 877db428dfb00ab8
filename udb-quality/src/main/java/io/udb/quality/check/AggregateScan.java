package io.udb.quality.check;

import io.udb.api.UdbException;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The fused scan: every aggregate that any check needs, computed by one {@code SELECT agg1, agg2,
 * ... FROM table}. Identical aggregates (same SQL, same parameters) are computed once. When the
 * fused query fails, each aggregate is retried alone so that only the checks depending on a broken
 * one report an error.
 */
final class AggregateScan {
  private final Map<Key, Measure<Object>> measures = new LinkedHashMap<>();

  private record Key(String expression, List<Object> parameters) {}

  /**
   * Adds an aggregate.
   *
   * @param expression the aggregate expression with {@code ?} placeholders
   * @param parameters the values to bind, in order
   * @return the measure that will hold its value
   */
  Measure<Object> add(String expression, List<?> parameters) {
    return measures.computeIfAbsent(
        new Key(expression, List.copyOf(parameters)), k -> new Measure<>());
  }

  /** How many distinct aggregates the scan computes. */
  int size() {
    return measures.size();
  }

  /**
   * Runs the scan.
   *
   * @param session the trusted session
   * @param tableSql the quoted table
   * @return the number of queries run (1 unless the fused query failed)
   */
  int run(SqlSession session, String tableSql) {
    if (measures.isEmpty()) {
      return 0;
    }
    List<Key> keys = new ArrayList<>(measures.keySet());
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Object> parameters = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append(keys.get(i).expression()).append(" AS m").append(i);
      parameters.addAll(keys.get(i).parameters());
    }
    sql.append(" FROM ").append(tableSql);
    try {
      QueryResult result = session.query(sql.toString(), parameters);
      List<Object> row = result.rows().get(0);
      for (int i = 0; i < keys.size(); i++) {
        measures.get(keys.get(i)).set(row.get(i));
      }
      return 1;
    } catch (UdbException fused) {
      for (Key key : keys) {
        runAlone(session, tableSql, key);
      }
      return 1 + keys.size();
    }
  }

  private void runAlone(SqlSession session, String tableSql, Key key) {
    try {
      QueryResult result =
          session.query("SELECT " + key.expression() + " FROM " + tableSql, key.parameters());
      measures.get(key).set(result.rows().get(0).get(0));
    } catch (UdbException e) {
      measures.get(key).fail(e.getMessage());
    }
  }
}
