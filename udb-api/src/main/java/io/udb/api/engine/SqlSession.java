package io.udb.api.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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
    List<ColumnInfo> columns = new ArrayList<>();
    for (List<Object> row : result.rows()) {
      if (row.get(2).equals(stored)) {
        columns.add(new ColumnInfo((String) row.get(0), (String) row.get(1)));
      }
    }
    return List.copyOf(columns);
  }

  /**
   * Describes tables of the session's tenant as {@link AnalyticsEngine#describe} would, here on
   * this session: a caller that goes on to read the tables saves a session per table, and an engine
   * may describe them all in one statement (DuckDB does). The default takes each table's {@link
   * #columns} and counts its rows; the description carries the name as given.
   *
   * @param tables the tables
   * @return per table, in order, its description, or empty when no such table exists
   */
  default List<Optional<TableInfo>> describe(List<TableRef> tables) {
    List<Optional<TableInfo>> described = new ArrayList<>(tables.size());
    for (TableRef table : tables) {
      List<ColumnInfo> columns = columns(table);
      if (columns.isEmpty()) {
        described.add(Optional.empty());
        continue;
      }
      QueryResult count = query("SELECT count(*) FROM " + dialect().table(table), List.of());
      long rows = ((Number) count.rows().get(0).get(0)).longValue();
      described.add(Optional.of(new TableInfo(table.name(), rows, columns)));
    }
    return described;
  }

  /** Returns the session to its engine. */
  @Override
  void close();
}
