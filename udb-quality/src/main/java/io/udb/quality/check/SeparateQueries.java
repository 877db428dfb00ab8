package io.udb.quality.check;

import io.udb.api.UdbException;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one-row queries that cannot join the fused scan (grouping for uniqueness and distinctness,
 * anti-joins for referential integrity). Identical queries run once; each fails alone.
 */
final class SeparateQueries {
  private final Map<Key, Measure<List<Object>>> queries = new LinkedHashMap<>();

  private record Key(String sql, List<Object> parameters) {}

  /**
   * Adds a query returning one row.
   *
   * @param sql the statement with {@code ?} placeholders
   * @param parameters the values to bind
   * @return the measure that will hold the row
   */
  Measure<List<Object>> add(String sql, List<?> parameters) {
    return queries.computeIfAbsent(new Key(sql, List.copyOf(parameters)), k -> new Measure<>());
  }

  /** How many distinct queries there are. */
  int size() {
    return queries.size();
  }

  /**
   * Runs every query.
   *
   * @param session the trusted session
   */
  void run(SqlSession session) {
    for (Map.Entry<Key, Measure<List<Object>>> entry : queries.entrySet()) {
      try {
        QueryResult result = session.query(entry.getKey().sql(), entry.getKey().parameters());
        entry.getValue().set(result.rows().get(0));
      } catch (UdbException e) {
        entry.getValue().fail(e.getMessage());
      }
    }
  }
}
