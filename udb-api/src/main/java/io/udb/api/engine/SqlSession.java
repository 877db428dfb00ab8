package io.udb.api.engine;

import java.util.List;

/**
 * A tenant-scoped session for the SQL that UDB itself generates (capability modules, loads). It is
 * trusted SQL: callers must quote identifiers through {@link SqlDialect} and pass every value as a
 * bound parameter. User SQL never goes through here.
 *
 * <p>A session is used by one thread and closed after use.
 */
public interface SqlSession extends AutoCloseable {

  /** The dialect to build statements with. */
  SqlDialect dialect();

  /**
   * Runs a query with bound parameters.
   *
   * @param sql the statement, with {@code ?} placeholders
   * @param parameters the values to bind, in order
   * @return all rows (internal queries are expected to be aggregates)
   */
  QueryResult query(String sql, List<?> parameters);

  /**
   * Runs a statement that returns no rows.
   *
   * @param sql the statement, with {@code ?} placeholders
   * @param parameters the values to bind, in order
   * @return the update count, or {@code -1} when the engine does not report one
   */
  long execute(String sql, List<?> parameters);

  /**
   * The columns of a table of the session's tenant, in order. Names match ignoring case; when
   * several tables match, the one spelled exactly wins. The default runs the dialect's {@link
   * SqlDialect#tableColumnsQuery()}; an engine without such a catalog query overrides this.
   *
   * @param table the table
   * @return its columns with the engine's type names, empty when the table does not exist
   */
  default List<ColumnInfo> columns(TableRef table) {
    QueryResult result = query(dialect().tableColumnsQuery(), List.of(table.name(), table.name()));
    if (result.rows().isEmpty()) {
      return List.of();
    }
    Object stored = result.rows().get(0).get(2);
    List<ColumnInfo> columns = new java.util.ArrayList<>();
    for (List<Object> row : result.rows()) {
      if (row.get(2).equals(stored)) {
        columns.add(new ColumnInfo((String) row.get(0), (String) row.get(1)));
      }
    }
    return List.copyOf(columns);
  }

  /** Returns the session to its engine. */
  @Override
  void close();
}
