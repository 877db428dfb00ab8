package io.udb.api.engine;

import java.util.Objects;

/**
 * A column of a table.
 *
 * @param table the table
 * @param column the column name as stored
 */
public record ColumnRef(TableRef table, String column) {
  /** Validates the arguments. */
  public ColumnRef {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(column, "column");
  }
}
