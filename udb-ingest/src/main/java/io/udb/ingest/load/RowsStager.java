package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.json.Json;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Stages rows a connector produces (JDBC, HTTP) through DuckDB's appender. Each row is converted
 * completely before it is appended, so a value that does not fit its column rejects the whole row
 * (with the row as JSON and the reason) and never leaves half a row behind.
 */
final class RowsStager implements Stager {
  private static final int CHECK_EVERY = 10_000;

  private final List<AppendColumn> columns;
  private final Iterator<List<Object>> rows;
  private final String sourceName;

  RowsStager(List<ColumnInfo> schema, Iterator<List<Object>> rows, String sourceName) {
    if (schema.isEmpty()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "A row load needs at least one column");
    }
    List<AppendColumn> parsed = new ArrayList<>(schema.size());
    Set<String> seen = new HashSet<>();
    for (ColumnInfo column : schema) {
      AppendColumn appendColumn = AppendColumn.of(column);
      if (!seen.add(column.name().toLowerCase(Locale.ROOT))) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Column '" + column.name() + "' appears twice (names ignore case)");
      }
      parsed.add(appendColumn);
    }
    this.columns = List.copyOf(parsed);
    this.rows = rows;
    this.sourceName = sourceName;
  }

  @Override
  public java.nio.file.Path file() {
    return null;
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  @Override
  public String format() {
    return "rows";
  }

  @Override
  public Staged stage(Staging staging) throws SQLException {
    StringJoiner definition = new StringJoiner(", ", "(", ")");
    for (AppendColumn column : columns) {
      definition.add(
          staging.session().dialect().quoteIdentifier(column.name()) + " " + column.stagingType());
    }
    staging.session().execute("CREATE TABLE " + staging.stagingSql() + " " + definition, List.of());
    long read = 0;
    long loaded = 0;
    Object[] converted = new Object[columns.size()];
    try (DuckDBAppender appender =
            staging
                .connection()
                .unwrap(DuckDBConnection.class)
                .createAppender("main", staging.stagingTable());
        RejectWriter rejects = new RejectWriter(staging)) {
      while (rows.hasNext()) {
        List<Object> row = rows.next();
        read++;
        String problem = convert(row, converted);
        if (problem != null) {
          int split = problem.indexOf('\u0000');
          rejects.reject(
              read,
              raw(row),
              split < 0 ? null : problem.substring(0, split),
              split < 0 ? problem : problem.substring(split + 1));
        } else {
          appender.beginRow();
          for (int i = 0; i < converted.length; i++) {
            columns.get(i).append(appender, converted[i]);
          }
          appender.endRow();
          loaded++;
        }
        if (read % CHECK_EVERY == 0) {
          staging.context().throwIfCancelled();
          if (read > staging.options().maxRows()) {
            throw TableLoad.tooManyRows(staging.options().maxRows());
          }
        }
      }
    }
    return new Staged(read, loaded, read - loaded, List.of());
  }

  /**
   * Converts a row into {@code out}.
   *
   * @return {@code null} when every value fits, else the column, a NUL character and the reason
   */
  private String convert(List<Object> row, Object[] out) {
    if (row == null || row.size() != columns.size()) {
      return "Expected "
          + columns.size()
          + " values but the row has "
          + (row == null ? 0 : row.size());
    }
    for (int i = 0; i < out.length; i++) {
      AppendColumn column = columns.get(i);
      try {
        out[i] = column.convert(row.get(i));
      } catch (IllegalArgumentException e) {
        return column.name() + '\u0000' + e.getMessage();
      }
    }
    return null;
  }

  /** A rejected row as JSON text; values without a JSON form are written as text. */
  private static String raw(List<Object> row) {
    if (row == null) {
      return "null";
    }
    List<Object> values = new ArrayList<>(row.size());
    for (Object value : row) {
      if (value == null
          || value instanceof String
          || value instanceof Number
          || value instanceof Boolean) {
        values.add(value);
      } else if (value instanceof byte[] bytes) {
        values.add(Base64.getEncoder().encodeToString(bytes));
      } else {
        values.add(value.toString());
      }
    }
    return Json.write(values);
  }
}
