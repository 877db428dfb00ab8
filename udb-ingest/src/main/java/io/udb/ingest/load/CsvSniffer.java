package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.core.json.Json;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Decides the dialect and schema of a CSV file: DuckDB's {@code sniff_csv} (with {@code
 * ignore_errors}, so that a malformed row does not make it skip the rows above it) plus UDB's own
 * recognition of lines before the header. The user's options always win.
 */
final class CsvSniffer {
  private CsvSniffer() {}

  /**
   * Sniffs a file.
   *
   * @param connection a DuckDB connection allowed to read the file
   * @param file the file
   * @param sourceName the name of the input for messages
   * @param options the user's reader options
   * @param compression {@code gzip} or {@code none}
   * @param encoding {@code utf-8} or {@code latin-1}
   * @param head the first bytes of the (decompressed) file, decoded
   * @param headIsWholeFile whether {@code head} holds the whole file
   * @return the dialect to read with
   * @throws UdbException with {@link ErrorCode#INGEST_BAD_FORMAT} when DuckDB cannot make sense of
   *     the file
   */
  static CsvDialect sniff(
      Connection connection,
      Path file,
      String sourceName,
      CsvOptions options,
      String compression,
      String encoding,
      String head,
      boolean headIsWholeFile) {
    if (head.isBlank()) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT, "The file " + sourceName + " holds no records");
    }
    Sniffed first =
        query(
            connection,
            file,
            sourceName,
            options,
            compression,
            encoding,
            options.skip(),
            options.header());
    CsvHead.Preamble preamble = CsvHead.Preamble.NONE;
    Sniffed sniffed = first;
    String quote = options.quote() != null ? options.quote() : first.quote();
    if (options.skip() == null) {
      preamble =
          CsvHead.preamble(
              CsvHead.records(head, headIsWholeFile, first.delimiter(), quote, first.escape()));
      if (preamble.skip() > 0) {
        Boolean header = options.header();
        if (header == null && preamble.headerless()) {
          header = Boolean.FALSE;
        }
        sniffed =
            query(
                connection,
                file,
                sourceName,
                options,
                compression,
                encoding,
                preamble.skip(),
                header);
      }
    }
    String finalQuote = options.quote() != null ? options.quote() : sniffed.quote();
    if (options.quote() == null && finalQuote.isEmpty() && head.indexOf('"') < 0) {
      // The sample had no quotes at all; a quoted field further down is still read as one.
      finalQuote = "\"";
    }
    String escape = options.escape() != null ? options.escape() : sniffed.escape();
    if (options.escape() == null && escape.isEmpty()) {
      escape = finalQuote;
    }
    int skip = options.skip() != null ? options.skip() : preamble.skip();
    return new CsvDialect(
        sniffed.delimiter(),
        finalQuote,
        escape,
        sniffed.carriageReturnLines(),
        sniffed.header(),
        skip,
        options.comment() == null ? "" : options.comment(),
        sniffed.columns(),
        sniffed.dateFormat(),
        sniffed.timestampFormat(),
        preamble.skipped());
  }

  private record Sniffed(
      String delimiter,
      String quote,
      String escape,
      boolean carriageReturnLines,
      boolean header,
      String dateFormat,
      String timestampFormat,
      List<ColumnInfo> columns) {}

  private static Sniffed query(
      Connection connection,
      Path file,
      String sourceName,
      CsvOptions options,
      String compression,
      String encoding,
      Integer skip,
      Boolean header) {
    ReaderArguments args = new ReaderArguments();
    args.bind("ignore_errors", true);
    args.bind("compression", compression);
    args.bind("comment", options.comment() == null ? "" : options.comment());
    if (options.delimiter() != null) {
      args.bind("delim", options.delimiter());
    }
    if (options.quote() != null) {
      args.bind("quote", options.quote());
    }
    if (options.escape() != null) {
      args.bind("escape", options.escape());
    }
    if (header != null) {
      args.bind("header", header);
    }
    args.bind("skip", skip == null ? 0 : skip);
    if (!options.nullTokens().isEmpty()) {
      args.literal("nullstr", SqlText.list(nullList(options)));
    }
    if (!options.names().isEmpty()) {
      args.literal("names", SqlText.list(options.names()));
    }
    if (!encoding.equals("utf-8")) {
      args.bind("encoding", encoding);
    }
    if (options.dateFormat() != null) {
      args.bind("dateformat", options.dateFormat());
    }
    if (options.timestampFormat() != null) {
      args.bind("timestampformat", options.timestampFormat());
    }
    if (options.decimalSeparator() != null) {
      args.bind("decimal_separator", options.decimalSeparator());
    }
    if (options.allVarchar()) {
      args.bind("all_varchar", true);
    }
    if (options.sampleSize() != null) {
      args.bind("sample_size", options.sampleSize());
    }
    String sql =
        "SELECT Delimiter, Quote, Escape, NewLineDelimiter, HasHeader, DateFormat,"
            + " TimestampFormat, to_json(Columns)::VARCHAR FROM sniff_csv(?"
            + args.sql()
            + ")";
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, file.toString());
      args.bindTo(statement, 2);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          throw new UdbException(
              ErrorCode.INGEST_BAD_FORMAT, "The file " + sourceName + " could not be read as CSV");
        }
        return new Sniffed(
            rows.getString(1),
            empty(rows.getString(2)),
            empty(rows.getString(3)),
            "\\r".equals(rows.getString(4)) || "\r".equals(rows.getString(4)),
            rows.getBoolean(5),
            rows.getString(6),
            rows.getString(7),
            columns(rows.getString(8)));
      }
    } catch (SQLException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The file "
              + sourceName
              + " could not be read as CSV: "
              + LoadErrors.describe(e, file, sourceName)
              + "; give the dialect (delimiter, quote, header) or the encoding explicitly",
          e);
    }
  }

  /** The NULL tokens DuckDB is given: the empty field plus the user's. */
  static List<String> nullList(CsvOptions options) {
    List<String> tokens = new ArrayList<>();
    tokens.add("");
    tokens.addAll(options.nullTokens());
    return tokens;
  }

  private static String empty(String sniffed) {
    return sniffed == null || sniffed.equals("(empty)") ? "" : sniffed;
  }

  private static List<ColumnInfo> columns(String json) {
    List<ColumnInfo> columns = new ArrayList<>();
    for (JsonNode column : Json.mapper().readTree(json)) {
      columns.add(new ColumnInfo(column.get("name").asString(), column.get("type").asString()));
    }
    if (columns.isEmpty()) {
      throw new UdbException(ErrorCode.INGEST_BAD_FORMAT, "No columns could be found in the file");
    }
    return columns;
  }
}
