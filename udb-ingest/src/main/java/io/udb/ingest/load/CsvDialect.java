package io.udb.ingest.load;

import io.udb.api.engine.ColumnInfo;
import java.util.List;
import java.util.Objects;

/**
 * The exact dialect and schema a CSV file is read with: sniffed once, then given to DuckDB's reader
 * in full (no second sniff) and to the {@link RecordCounter}, so both see the same records.
 *
 * @param delimiter the field delimiter
 * @param quote the quote character, {@code ""} for none
 * @param escape the escape character, {@code ""} for none
 * @param carriageReturnLines whether lines end with a bare CR (old Mac files) instead of LF/CRLF
 * @param header whether the first line after {@code skip} holds column names
 * @param skip lines skipped before the header
 * @param comment the comment character, {@code ""} for none
 * @param columns the columns and their types
 * @param dateFormat the date format, or {@code null}
 * @param timestampFormat the timestamp format, or {@code null}
 * @param skippedLines the text of the skipped lines, for the report
 */
record CsvDialect(
    String delimiter,
    String quote,
    String escape,
    boolean carriageReturnLines,
    boolean header,
    int skip,
    String comment,
    List<ColumnInfo> columns,
    String dateFormat,
    String timestampFormat,
    List<String> skippedLines) {

  CsvDialect {
    Objects.requireNonNull(delimiter, "delimiter");
    Objects.requireNonNull(quote, "quote");
    Objects.requireNonNull(escape, "escape");
    Objects.requireNonNull(comment, "comment");
    columns = List.copyOf(columns);
    skippedLines = List.copyOf(skippedLines);
  }

  /** A copy reading the given columns (e.g. with types forced to the target table's). */
  CsvDialect withColumns(List<ColumnInfo> newColumns) {
    return new CsvDialect(
        delimiter,
        quote,
        escape,
        carriageReturnLines,
        header,
        skip,
        comment,
        newColumns,
        dateFormat,
        timestampFormat,
        skippedLines);
  }

  /** Lines before the first data record: the skipped ones and the header. */
  int leadingLines() {
    return skip + (header ? 1 : 0);
  }
}
