package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.core.engine.InterruptWatch;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a column of one table as distinct values with counts: one {@code GROUP BY} per column and
 * table, so the result is as large as the number of distinct values, never the number of rows. The
 * two sides of a comparison are read with one query each: a {@code GROUP BY} over {@code reference
 * UNION ALL current} with a filtered count per side was measured slower (it hides the column
 * statistics DuckDB uses for small integer groups, and builds one hash table of the union's
 * distinct values where two smaller ones suffice).
 *
 * <p>On the embedded DuckDB engine the rows are streamed through JDBC into primitive arrays (a
 * column of a million distinct values costs 24 MB, not the half gigabyte of boxed rows a {@link
 * QueryResult} would hold), by plain statements as {@link DuckDbSqlSession} runs its own without
 * parameters (nothing is bound, and preparing first costs DuckDB more); other engines go through
 * {@link SqlSession#query}.
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
    String sql = DriftSql.numericValueCounts(session.dialect(), table, column);
    NumericRows rows = new NumericRows();
    if (session instanceof DuckDbSqlSession duck) {
      try (Statement statement = duck.connection().createStatement();
          InterruptWatch watch = duck.watchInterrupts(statement);
          ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          double value = result.getDouble(1);
          boolean isNull = result.wasNull();
          rows.add(value, isNull, result.getLong(2));
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    } else {
      for (List<Object> values : session.query(sql, List.of()).rows()) {
        Object value = values.get(0);
        rows.add(
            value == null ? 0 : ((Number) value).doubleValue(),
            value == null,
            ((Number) values.get(1)).longValue());
      }
    }
    return NumericCounts.fromSortedRows(rows.values, rows.nulls, rows.counts, rows.size, integral);
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
    String sql = DriftSql.textValueCounts(session.dialect(), table, column);
    TextRows rows = new TextRows();
    if (session instanceof DuckDbSqlSession duck) {
      try (Statement statement = duck.connection().createStatement();
          InterruptWatch watch = duck.watchInterrupts(statement);
          ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          rows.add(result.getString(1), result.getLong(2));
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    } else {
      for (List<Object> values : session.query(sql, List.of()).rows()) {
        rows.add(
            values.get(0) == null ? null : String.valueOf(values.get(0)),
            ((Number) values.get(1)).longValue());
      }
    }
    return TextCounts.fromRows(rows.values, rows.counts, rows.size);
  }

  /**
   * One table's numeric side read as raw values, one per row, to be sorted and counted in the JVM
   * ({@link UnsortedValues}): for a column whose values are nearly all distinct this is several
   * times cheaper than grouping them in DuckDB, whose hash table and sort would be as large as the
   * table.
   *
   * @param session the tenant's DuckDB session
   * @param table the table
   * @param column the column, of a numeric type
   * @param expectedRows the table's row count, to size the buffer
   * @return the finite values and the counts of the others
   */
  static RawValues numericRows(
      DuckDbSqlSession session, TableRef table, String column, long expectedRows) {
    String sql = DriftSql.numericValues(session.dialect(), table, column);
    UnsortedValues values = new UnsortedValues((int) Math.min(expectedRows, Integer.MAX_VALUE - 8));
    long missing = 0;
    long invalid = 0;
    try (Statement statement = session.connection().createStatement();
        InterruptWatch watch = session.watchInterrupts(statement);
        ResultSet result = statement.executeQuery(sql)) {
      while (result.next()) {
        double value = result.getDouble(1);
        if (result.wasNull()) {
          missing++;
        } else if (Double.isFinite(value)) {
          values.add(value);
        } else {
          missing++;
          invalid++;
        }
      }
    } catch (SQLException e) {
      throw failed(e);
    }
    return new RawValues(values, missing, invalid);
  }

  /**
   * A numeric side's values as read row by row.
   *
   * @param finite the finite values, unsorted
   * @param missing NULLs plus invalid values
   * @param invalid non-finite values
   */
  record RawValues(UnsortedValues finite, long missing, long invalid) {
    /** Sorts and counts the values; the record must not be used afterwards. */
    NumericCounts counts(boolean integral) {
      return finite.toCounts(missing, invalid, integral);
    }
  }

  /**
   * The value counts of many sides from one statement ({@link DriftSql#valueCountsOfMany}).
   *
   * @param session the tenant's session
   * @param sides the sides to read
   * @param sketched the numeric sides to sketch between known bounds, with their cells to fill
   * @return one side per requested side, in the same order
   */
  static List<ColumnSide> many(
      SqlSession session,
      List<SideReader.Side> sides,
      Map<SideReader.Side, SketchedSide.Cells> sketched) {
    Map<SideReader.Side, double[]> bounds = new HashMap<>();
    sketched.forEach((side, cells) -> bounds.put(side, cells.bounds()));
    String sql = DriftSql.valueCountsOfMany(session.dialect(), sides, bounds);
    NumericRows[] numeric = new NumericRows[sides.size()];
    TextRows[] text = new TextRows[sides.size()];
    SketchedSide.Cells[] cells = new SketchedSide.Cells[sides.size()];
    for (int k = 0; k < sides.size(); k++) {
      SideReader.Side side = sides.get(k);
      cells[k] = sketched.get(side);
      if (cells[k] == null && side.numeric()) {
        numeric[k] = new NumericRows();
      } else if (cells[k] == null) {
        text[k] = new TextRows();
      }
    }
    if (session instanceof DuckDbSqlSession duck) {
      try (Statement statement = duck.connection().createStatement();
          InterruptWatch watch = duck.watchInterrupts(statement);
          ResultSet result = statement.executeQuery(sql)) {
        while (result.next()) {
          int k = result.getInt(1);
          if (cells[k] != null) {
            double value = result.getDouble(2);
            boolean isNull = result.wasNull();
            cells[k].add(
                value,
                isNull,
                result.getLong(4),
                result.getDouble(5),
                result.getDouble(6),
                result.getDouble(7));
          } else if (numeric[k] != null) {
            double value = result.getDouble(2);
            boolean isNull = result.wasNull();
            numeric[k].add(value, isNull, result.getLong(4));
          } else {
            text[k].add(result.getString(3), result.getLong(4));
          }
        }
      } catch (SQLException e) {
        throw failed(e);
      }
    } else {
      for (List<Object> row : session.query(sql, List.of()).rows()) {
        int k = ((Number) row.get(0)).intValue();
        long count = ((Number) row.get(3)).longValue();
        Object value = row.get(1);
        if (cells[k] != null) {
          cells[k].add(
              value == null ? 0 : ((Number) value).doubleValue(),
              value == null,
              count,
              doubleOrZero(row.get(4)),
              doubleOrZero(row.get(5)),
              doubleOrZero(row.get(6)));
        } else if (numeric[k] != null) {
          numeric[k].add(value == null ? 0 : ((Number) value).doubleValue(), value == null, count);
        } else {
          text[k].add(row.get(2) == null ? null : String.valueOf(row.get(2)), count);
        }
      }
    }
    List<ColumnSide> read = new ArrayList<>(sides.size());
    for (int k = 0; k < sides.size(); k++) {
      NumericRows rows = numeric[k];
      if (cells[k] != null) {
        read.add(cells[k].side());
      } else if (rows != null) {
        read.add(
            ColumnSide.of(
                NumericCounts.fromSortedRows(
                    rows.values, rows.nulls, rows.counts, rows.size, sides.get(k).integral())));
      } else {
        read.add(ColumnSide.of(TextCounts.fromRows(text[k].values, text[k].counts, text[k].size)));
      }
    }
    return read;
  }

  private static double doubleOrZero(Object value) {
    return value == null ? 0 : ((Number) value).doubleValue();
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

  /** Growable primitive columns of numeric rows. */
  private static final class NumericRows {
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

  /** Growable text rows. */
  private static final class TextRows {
    String[] values = new String[16];
    long[] counts = new long[16];
    int size;

    void add(String value, long count) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
        counts = Arrays.copyOf(counts, size * 2);
      }
      values[size] = value;
      counts[size] = count;
      size++;
    }
  }
}
