package io.udb.ingest.load;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The named arguments of a DuckDB reader call ({@code read_csv(?, delim = ?, ...)}): scalar values
 * are bound as parameters; lists and structs, which cannot be bound, are given as literals built by
 * {@link SqlText}. Names are UDB's own constants, never user input.
 */
final class ReaderArguments {
  private final StringBuilder sql = new StringBuilder();
  private final List<Object> values = new ArrayList<>();

  /** Adds {@code , name = ?} with a bound value. */
  ReaderArguments bind(String name, Object value) {
    sql.append(", ").append(name).append(" = ?");
    values.add(value);
    return this;
  }

  /** Adds {@code , name = literal}. */
  ReaderArguments literal(String name, String literal) {
    sql.append(", ").append(name).append(" = ").append(literal);
    return this;
  }

  /** The argument text, starting with a comma. */
  String sql() {
    return sql.toString();
  }

  /** The bound values, in order. */
  List<Object> values() {
    return List.copyOf(values);
  }

  /**
   * Binds the values to a statement.
   *
   * @param statement the statement
   * @param firstIndex the parameter index of the first value
   * @throws SQLException when binding fails
   */
  void bindTo(PreparedStatement statement, int firstIndex) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(firstIndex + i, values.get(i));
    }
  }
}
