package io.udb.ingest.load;

import io.udb.api.engine.ColumnInfo;
import java.util.List;
import java.util.StringJoiner;

/**
 * Literals for the few places where DuckDB takes a composite value that cannot be bound as a
 * parameter (lists and structs of reader options). Single quotes are doubled, the only escaping a
 * standard SQL string needs; type names are checked by {@link ColumnTypes#validate(String)}.
 */
final class SqlText {
  private SqlText() {}

  /** A string literal. */
  static String literal(String value) {
    return "'" + value.replace("'", "''") + "'";
  }

  /** A list of string literals, e.g. {@code ['', 'NA']}. */
  static String list(List<String> values) {
    StringJoiner joiner = new StringJoiner(", ", "[", "]");
    values.forEach(v -> joiner.add(literal(v)));
    return joiner.toString();
  }

  /** The {@code columns} struct of {@code read_csv}: {@code {'name': 'TYPE', ...}}. */
  static String columnStruct(List<ColumnInfo> columns) {
    StringJoiner joiner = new StringJoiner(", ", "{", "}");
    for (ColumnInfo column : columns) {
      joiner.add(literal(column.name()) + ": " + literal(ColumnTypes.validate(column.type())));
    }
    return joiner.toString();
  }
}
