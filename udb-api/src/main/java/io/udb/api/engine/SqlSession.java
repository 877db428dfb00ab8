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

  /** Returns the session to its engine. */
  @Override
  void close();
}
