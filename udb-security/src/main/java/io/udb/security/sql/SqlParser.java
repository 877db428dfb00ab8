package io.udb.security.sql;

/**
 * Parses SQL without running it, returning DuckDB's {@code json_serialize_sql} output. The engine
 * supplies it, typically by binding the text to {@code SELECT json_serialize_sql(?)} on a locked
 * connection.
 */
@FunctionalInterface
public interface SqlParser {

  /**
   * Serializes the parse tree of {@code sql}.
   *
   * @param sql the untrusted text, passed as a bound value, never spliced into SQL
   * @return the JSON document {@code json_serialize_sql} returns
   */
  String serialize(String sql);
}
