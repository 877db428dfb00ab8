package io.udb.api.engine;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The rows of a query. Values are JSON-compatible Java values: {@link String}, {@link Long}, {@link
 * Double}, {@link java.math.BigDecimal}, {@link Boolean}, ISO-8601 strings for temporal types,
 * lists and maps for nested types, and {@code null}.
 *
 * @param columns the result columns
 * @param rows the rows, each with one value per column
 * @param rowCount the number of rows returned
 * @param truncated whether more rows existed beyond the row cap
 * @param elapsedMs how long the query ran, in milliseconds
 */
public record QueryResult(
    List<ColumnInfo> columns,
    List<List<Object>> rows,
    int rowCount,
    boolean truncated,
    long elapsedMs) {

  /** Validates and copies; rows may contain nulls. */
  public QueryResult {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      Objects.requireNonNull(row, "row");
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
    if (rowCount != rows.size()) {
      throw new IllegalArgumentException("rowCount " + rowCount + " != rows " + rows.size());
    }
  }
}
