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
 * Reads a column as distinct values with counts: one {@code GROUP BY} per column (over one table,
 * or over both tables of a comparison at once), so the result is as large as the number of distinct
 * values, never the number of rows.
 *
 * <p>On the embedded DuckDB engine the rows are streamed through JDBC into primitive arrays (a
 * column of a million distinct values costs 24 MB, not the half gigabyte of boxed rows a {@link
 * QueryResult} would hold); other engines go through {@link SqlSession#query}.
 */
final class CountsLoader {
  private CountsLoader() {}

  /**
   * One table's numeric side: finite values in increasing order with counts; NULL and non-finite
   * values are counted as missing.
   *
   * @param session the tenant's session
   * @param table the table
   * @param column the column, of a numeric type
   * @param integral whether the column has an integer type
   * @return the counts
   */
  static NumericCounts numeric(
      SqlSession session, TableRef table, String column, boolean integral) {
    NumericRows rows =
        readNumeric(session, DriftSql.numericValueCounts(session.dialect(), table, column), 1);
    return rows.side(0, integral);
  }

  /**
   * Both tables' numeric sides from one query.
   *
   * @return {@code [reference, current]}
   */
  static NumericCounts[] numericPair(
      SqlSession session,
      TableRef reference,
      TableRef current,
      String column,
      boolean integral,
      boolean sameType) {
    NumericRows rows =
        readNumeric(
            session,
            DriftSql.pairedValueCounts(
                session.dialect(), reference, current, column, true, sameType),
            2);
    return new NumericCounts[] {rows.side(0, integral), rows.side(1, integral)};
  }

  /**
   * One table's categorical side: the column's values as text with counts; NULL counts as missing.
   *
   * @param session the tenant's session
   * @param table the table
   * @param column the column
   * @return the counts
   */
  static TextCounts text(SqlSession session, TableRef table, String column) {
    TextRows rows =
        readText(session, DriftSql.textValueCounts(session.dialect(), table, column), 1);
    return rows.side(0);
  }

  /**
   * Both tables' categorical sides from one query.
   *
   * @return {@code [reference, current]}
   */
  static TextCounts[] textPair(
      SqlSession session, TableRef reference, TableRef current, String column, boolean sameType) {
    TextRows rows =
        readText(
            session,
            DriftSql.pairedValueCounts(
                session.dialect(), reference, current, column, false, sameType),
            2);
    return new TextCounts[] {rows.side(0), rows.side(1)};
  }

  private static NumericRows readNumeric(SqlSession session, String sql, int sides) {
    NumericRows rows = new NumericRows(sides);
    if (session instanceof DuckDbSqlSession duck) {
      try (PreparedStatement statement = duck.connection().prepareStatement(sql);
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          double value = result.getDouble(1);
          boolean isNull = result.wasNull();
          int row = rows.add(value, isNull);
          for (int s = 0; s < sides; s++) {
            rows.counts[s][row] = result.getLong(2 + s);
          }
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    } else {
      for (List<Object> values : session.query(sql, List.of()).rows()) {
        Object value = values.get(0);
        int row = rows.add(value == null ? 0 : ((Number) value).doubleValue(), value == null);
        for (int s = 0; s < sides; s++) {
          rows.counts[s][row] = ((Number) values.get(1 + s)).longValue();
        }
      }
    }
    return rows;
  }

  private static TextRows readText(SqlSession session, String sql, int sides) {
    TextRows rows = new TextRows(sides);
    if (session instanceof DuckDbSqlSession duck) {
      try (PreparedStatement statement = duck.connection().prepareStatement(sql);
          ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          int row = rows.add(result.getString(1));
          for (int s = 0; s < sides; s++) {
            rows.counts[s][row] = result.getLong(2 + s);
          }
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    } else {
      for (List<Object> values : session.query(sql, List.of()).rows()) {
        int row = rows.add(values.get(0) == null ? null : String.valueOf(values.get(0)));
        for (int s = 0; s < sides; s++) {
          rows.counts[s][row] = ((Number) values.get(1 + s)).longValue();
        }
      }
    }
    return rows;
  }

  private static UdbException failed(SQLException e) {
    return new UdbException(
        ErrorCode.ENGINE_ERROR, "Reading a column's values failed: " + firstLine(e), e);
  }

  private static String firstLine(SQLException e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }

  /** Growable primitive columns of numeric rows, one count column per side. */
  private static final class NumericRows {
    double[] values = new double[64];
    boolean[] nulls = new boolean[64];
    long[][] counts;
    int size;

    NumericRows(int sides) {
      counts = new long[sides][64];
    }

    int add(double value, boolean isNull) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        nulls = Arrays.copyOf(nulls, size * 2);
        for (int s = 0; s < counts.length; s++) {
          counts[s] = Arrays.copyOf(counts[s], size * 2);
        }
      }
      values[size] = value;
      nulls[size] = isNull;
      return size++;
    }

    /** One side: its rows with a positive count, in the query's (increasing) order. */
    NumericCounts side(int side, boolean integral) {
      double[] v = new double[size];
      boolean[] n = new boolean[size];
      long[] c = new long[size];
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (counts[side][i] > 0) {
          v[k] = values[i];
          n[k] = nulls[i];
          c[k] = counts[side][i];
          k++;
        }
      }
      return NumericCounts.fromSortedRows(v, n, c, k, integral);
    }
  }

  /** Growable text rows, one count column per side. */
  private static final class TextRows {
    String[] values = new String[16];
    long[][] counts;
    int size;

    TextRows(int sides) {
      counts = new long[sides][16];
    }

    int add(String value) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        for (int s = 0; s < counts.length; s++) {
          counts[s] = Arrays.copyOf(counts[s], size * 2);
        }
      }
      values[size] = value;
      return size++;
    }

    TextCounts side(int side) {
      String[] v = new String[size];
      long[] c = new long[size];
      int k = 0;
      for (int i = 0; i < size; i++) {
        if (counts[side][i] > 0) {
          v[k] = values[i];
          c[k] = counts[side][i];
          k++;
        }
      }
      return TextCounts.fromRows(v, c, k);
    }
  }
}
