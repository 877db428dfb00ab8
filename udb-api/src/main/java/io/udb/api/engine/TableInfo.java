package io.udb.api.engine;

import java.util.List;
import java.util.Objects;

/**
 * A table's name, row count and columns.
 *
 * @param name the table name
 * @param rowCount the number of rows
 * @param columns the columns in order
 */
public record TableInfo(String name, long rowCount, List<ColumnInfo> columns) {
  /** Validates and copies. */
  public TableInfo {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
  }
}
