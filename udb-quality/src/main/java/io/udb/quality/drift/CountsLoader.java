package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.engine.DuckDbSqlSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

/**
 * Reads one side of a column as distinct values with counts: one {@code GROUP BY} per column and
 * table, so the result is as large as the number of distinct values, never the number of rows.
 *
 * <p>On the embedded DuckDB engine the rows are streamed through JDBC into primitive arrays (a
 * column of a million distinct values costs 24 MB, not the half gigabyte of boxed rows a {@link
 * QueryResult} would hold); other engines go through {@link SqlSession#query}.
 */
final class CountsLoader {
  private CountsLoader() {}

  /**
   * The numeric side: finite values in increasing order with counts; NULL and non-finite values are
   * counted as missing.
   *
   * @param session the tenant's session
   * @param table the table
   * @param column the column, of a numeric type
   * @param integral whether the column has an integer type
   * @return the counts
   */
  static NumericCounts numeric(
      SqlSession session, TableRef table, String column, boolean integral) {
    String sql = DriftSql.numericValueCounts(session.dialect(), table, column);
    Rows rows = new Rows();
    if (session instanceof DuckDbSqlSession duck) {
      try (PreparedStatement statement = duck.connection().prepareStatement(sql);
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          double value = result.getDouble(1);
          boolean isNull = result.wasNull();
          rows.add(value, isNull, result.getLong(2));
        }
      } catch (SQLException e) {
        throw new UdbException(
            ErrorCode.ENGINE_ERROR, "Reading the values of column '" + column + "' failed", e);
      }
    } else {
      for (List<Object> row : session.query(sql, List.of()).rows()) {
        Object value = row.get(0);
        rows.add(
            value == null ? 0 : ((Number) value).doubleValue(),
            value == null,
            ((Number) row.get(1)).longValue());
      }
    }
    return NumericCounts.fromSortedRows(rows.values, rows.nulls, rows.counts, rows.size, integral);
  }

  /**
   * The categorical side: the column's values as text with counts; NULL counts as missing.
   *
   * @param session the tenant's session
   * @param table the table
   * @param column the column
   * @return the counts
   */
  static TextCounts text(SqlSession session, TableRef table, String column) {
    String sql = DriftSql.textValueCounts(session.dialect(), table, column);
    String[] values = new String[16];
    long[] counts = new long[16];
    int size = 0;
    if (session instanceof DuckDbSqlSession duck) {
      try (PreparedStatement statement = duck.connection().prepareStatement(sql);
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
          }
          values[size] = result.getString(1);
          counts[size] = result.getLong(2);
          size++;
        }
      } catch (SQLException e) {
        throw new UdbException(
            ErrorCode.ENGINE_ERROR, "Reading the values of column '" + column + "' failed", e);
      }
    } else {
      List<List<Object>> rows = session.query(sql, List.of()).rows();
      values = new String[rows.size()];
      counts = new long[rows.size()];
      for (List<Object> row : rows) {
        values[size] = row.get(0) == null ? null : String.valueOf(row.get(0));
        counts[size] = ((Number) row.get(1)).longValue();
        size++;
      }
    }
    return TextCounts.fromRows(values, counts, size);
  }

  /** Growable primitive columns for the numeric rows. */
  private static final class Rows {
    double[] values = new double[64];
    boolean[] nulls = new boolean[64];
    long[] counts = new long[64];
    int size;

    void add(double value, boolean isNull, long count) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        nulls = Arrays.copyOf(nulls, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      values[size] = value;
      nulls[size] = isNull;
      counts[size] = count;
      size++;
    }
  }
}
