package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The rows to chart: named columns and rows of JSON-compatible values, the shape of {@link
 * QueryResult}. Numbers are any {@link Number}; dates and timestamps are ISO-8601 strings ({@code
 * 2015-06-01}, {@code 2015-06-01T00:00}); other values are categories, shown by their text; {@code
 * null} is a missing value. Results of UDB queries are already aggregated and small: the renderer
 * holds them in memory.
 *
 * @param columns the column names, distinct
 * @param rows the rows, each with one value per column; values may be {@code null}
 */
public record ChartData(List<String> columns, List<List<Object>> rows) {

  /**
   * Validates and copies.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when a column name repeats or a
   *     row has the wrong number of values
   */
  public ChartData {
    columns = List.copyOf(Objects.requireNonNull(columns, "columns"));
    Set<String> seen = new HashSet<>();
    for (String column : columns) {
      if (!seen.add(column)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "Chart data has the column '" + column + "' twice");
      }
    }
    Objects.requireNonNull(rows, "rows");
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (int i = 0; i < rows.size(); i++) {
      List<Object> row = Objects.requireNonNull(rows.get(i), "row");
      if (row.size() != columns.size()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Chart data row "
                + i
                + " has "
                + row.size()
                + " values for "
                + columns.size()
                + " columns");
      }
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /**
   * The rows of a query result.
   *
   * @param result a query result
   * @return its columns and rows
   */
  public static ChartData of(QueryResult result) {
    Objects.requireNonNull(result, "result");
    return new ChartData(result.columns().stream().map(ColumnInfo::name).toList(), result.rows());
  }

  /**
   * Rows given as maps from column name to value, e.g. KPI time series; the columns are the keys in
   * the order they first appear, and a key missing from a row is a {@code null} value.
   *
   * @param rows the rows
   * @return the data
   */
  public static ChartData fromMaps(List<? extends Map<String, ?>> rows) {
    Objects.requireNonNull(rows, "rows");
    Set<String> columns = new LinkedHashSet<>();
    for (Map<String, ?> row : rows) {
      columns.addAll(Objects.requireNonNull(row, "row").keySet());
    }
    List<List<Object>> values = new ArrayList<>(rows.size());
    for (Map<String, ?> row : rows) {
      List<Object> line = new ArrayList<>(columns.size());
      for (String column : columns) {
        line.add(row.get(column));
      }
      values.add(line);
    }
    return new ChartData(List.copyOf(columns), values);
  }

  /** The number of rows. */
  public int size() {
    return rows.size();
  }

  /**
   * Whether the data has a column.
   *
   * @param name a column name
   * @return whether it is one of {@link #columns()}
   */
  public boolean hasColumn(String name) {
    return columns.contains(name);
  }

  /**
   * The values of one column, in row order.
   *
   * @param name a column name
   * @return its values, {@code null}s included
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when there is no such column
   */
  public List<Object> column(String name) {
    int index = columns.indexOf(name);
    if (index < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart data has no column '" + name + "'; its columns are " + String.join(", ", columns));
    }
    List<Object> values = new ArrayList<>(rows.size());
    for (List<Object> row : rows) {
      values.add(row.get(index));
    }
    return Collections.unmodifiableList(values);
  }
}
