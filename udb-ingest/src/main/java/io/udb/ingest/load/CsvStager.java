package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads a CSV file with DuckDB's {@code read_csv}: the dialect and schema sniffed once and then
 * given explicitly, rows that cannot be parsed or cast kept by {@code store_rejects}, and the
 * file's records counted independently (on this thread, while DuckDB reads) so that {@code read =
 * loaded + rejected} is proven rather than assumed.
 */
final class CsvStager implements Stager {
  private final Path file;
  private final String sourceName;

  CsvStager(Path file, String sourceName) {
    this.file = file;
    this.sourceName = sourceName;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  @Override
  public String format() {
    return FileFormat.CSV.label();
  }

  @Override
  public Staged stage(Staging staging) throws SQLException {
    CsvOptions options = CsvOptions.parse(staging.options().reader(), sourceName);
    LoadContext context = staging.context();
    Prepared prepared = prepare(file, options, file.getParent(), staging::owned);
    Path input = prepared.input();
    boolean gzip = prepared.gzip();
    String compression = gzip ? "gzip" : "none";
    String encoding = prepared.encoding();
    CsvDialect dialect = prepared.sniff(staging.connection(), options, sourceName);
    context.progress(0.05);
    if (staging.mergesIntoExisting()) {
      dialect = dialect.withColumns(typesForExisting(dialect.columns(), staging.existing().get()));
    }
    String suffix = UUID.randomUUID().toString().replace("-", "");
    String rejectsTable = "udb_csv_rejects_" + suffix;
    String scansTable = "udb_csv_scans_" + suffix;
    ReaderArguments args = readArguments(dialect, options, compression, encoding);
    args.bind("store_rejects", true).bind("rejects_table", rejectsTable);
    args.bind("rejects_scan", scansTable);
    String sql =
        "CREATE TABLE " + staging.stagingSql() + " AS SELECT * FROM read_csv(?" + args.sql() + ")";
    List<Object> parameters = new ArrayList<>();
    parameters.add(input.toString());
    parameters.addAll(args.values());
    long records;
    long loaded;
    try (BackgroundStatement read =
        BackgroundStatement.start(staging.connection(), sql, parameters, staging.threadName())) {
      records = count(input, gzip, dialect, Files.size(input), context);
      context.throwIfCancelled();
      loaded = read.await(context);
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "Cannot read " + sourceName + ": " + LoadErrors.describe(e, file, sourceName),
          e);
    }
    context.progress(0.85);
    long rejected = collectRejects(staging, rejectsTable, scansTable);
    long rowsRead = Math.max(0, records - dialect.leadingLines());
    if (rowsRead != loaded + rejected) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The file "
              + sourceName
              + " holds "
              + rowsRead
              + " records but the CSV reader returned "
              + loaded
              + " and rejected "
              + rejected
              + "; "
              + Math.abs(rowsRead - loaded - rejected)
              + " are unaccounted for, so nothing was loaded. Give the dialect explicitly"
              + " (delimiter, quote, escape, header, skip)");
    }
    return new Staged(rowsRead, loaded, rejected, dialect.skippedLines());
  }

  /**
   * A CSV file made ready for DuckDB: decompression decided, transcoded to UTF-8 when its encoding
   * is neither UTF-8 nor Latin-1, and its head read for the sniffer.
   *
   * @param input the file DuckDB reads
   * @param gzip whether it is gzip-compressed
   * @param encoding {@code utf-8} or {@code latin-1}
   * @param head the first bytes, decompressed
   */
  record Prepared(Path input, boolean gzip, String encoding, byte[] head) {
    /** Sniffs the dialect of the prepared file, naming it {@code sourceName} in messages. */
    CsvDialect sniff(java.sql.Connection connection, CsvOptions options, String sourceName) {
      String text =
          new String(
              head,
              encoding.equals("latin-1") ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
      return CsvSniffer.sniff(
          connection,
          input,
          sourceName,
          options,
          gzip ? "gzip" : "none",
          encoding,
          text,
          head.length < SpoolFiles.HEAD_BYTES);
    }
  }

  /**
   * Prepares a file for reading.
   *
   * @param file the file, in a folder DuckDB may read
   * @param options the reader options
   * @param scratch where a transcoded copy goes, a folder DuckDB may read
   * @param own receives the transcoded copy, which the caller removes
   * @return the prepared file
   */
  static Prepared prepare(
      Path file, CsvOptions options, Path scratch, java.util.function.Consumer<Path> own) {
    Path input = file;
    boolean gzip = gzip(options, input);
    byte[] head = SpoolFiles.head(input, gzip);
    Charset charset =
        options.charset() != null ? options.charset() : SpoolFiles.byteOrderMarkCharset(head);
    if (charset != null && !readableAsIs(charset)) {
      Path utf8 = SpoolFiles.newSpoolPath(scratch, "utf8.csv");
      own.accept(utf8);
      SpoolFiles.transcode(input, gzip, charset, utf8);
      input = utf8;
      gzip = false;
      head = SpoolFiles.head(input, false);
      charset = StandardCharsets.UTF_8;
    }
    String encoding = StandardCharsets.ISO_8859_1.equals(charset) ? "latin-1" : "utf-8";
    return new Prepared(input, gzip, encoding, head);
  }

  private static boolean gzip(CsvOptions options, Path input) {
    return switch (options.compression()) {
      case "gzip" -> true;
      case "none" -> false;
      default -> SpoolFiles.isGzip(input);
    };
  }

  private static boolean readableAsIs(Charset charset) {
    return charset.equals(StandardCharsets.UTF_8)
        || charset.equals(StandardCharsets.US_ASCII)
        || charset.equals(StandardCharsets.ISO_8859_1);
  }

  private static long count(
      Path input, boolean gzip, CsvDialect dialect, long size, LoadContext context)
      throws IOException {
    RecordCounter counter = new RecordCounter(dialect);
    try (InputStream in = SpoolFiles.open(input, gzip)) {
      // Compressed input decompresses to more bytes than the file holds: the share then only
      // grows towards the end of this phase, never past it.
      return counter.count(
          in,
          bytes -> context.progress(0.05 + 0.6 * Math.min(1.0, bytes / (double) Math.max(1, size))),
          context::isCancelled);
    }
  }

  /**
   * The columns to read when appending to an existing table: a column the table has is read as the
   * wider of both types, so that {@code 00501} stays text in a VARCHAR column even when the new
   * file alone would look numeric.
   */
  private static List<ColumnInfo> typesForExisting(
      List<ColumnInfo> sniffed, List<ColumnInfo> existing) {
    List<ColumnInfo> columns = new ArrayList<>(sniffed.size());
    for (ColumnInfo column : sniffed) {
      Optional<ColumnInfo> match = SchemaEvolution.find(existing, column.name());
      if (match.isEmpty()) {
        columns.add(column);
        continue;
      }
      String widened =
          ColumnTypes.widen(match.get().type(), column.type())
              .orElseThrow(() -> SchemaEvolution.incompatible(match.get(), column.type()));
      columns.add(new ColumnInfo(column.name(), widened));
    }
    return columns;
  }

  private static ReaderArguments readArguments(
      CsvDialect dialect, CsvOptions options, String compression, String encoding) {
    ReaderArguments args = new ReaderArguments();
    args.bind("auto_detect", false)
        .bind("delim", dialect.delimiter())
        .bind("quote", dialect.quote())
        .bind("escape", dialect.escape())
        .bind("header", dialect.header())
        .bind("skip", dialect.skip())
        .bind("comment", dialect.comment())
        .bind("compression", compression)
        .literal("columns", SqlText.columnStruct(dialect.columns()));
    if (dialect.carriageReturnLines()) {
      args.bind("new_line", "\\r");
    }
    if (!options.nullTokens().isEmpty()) {
      args.literal("nullstr", SqlText.list(CsvSniffer.nullList(options)));
    }
    if (dialect.dateFormat() != null) {
      args.bind("dateformat", dialect.dateFormat());
    }
    if (dialect.timestampFormat() != null) {
      args.bind("timestampformat", dialect.timestampFormat());
    }
    if (options.decimalSeparator() != null) {
      args.bind("decimal_separator", options.decimalSeparator());
    }
    if (!encoding.equals("utf-8")) {
      args.bind("encoding", encoding);
    }
    return args;
  }

  /**
   * Moves DuckDB's reject records (one per error, several per record) into the rejects staging
   * table, one row per record, and drops DuckDB's temporary tables.
   *
   * @return the records rejected
   */
  private static long collectRejects(Staging staging, String rejectsTable, String scansTable)
      throws SQLException {
    String rejects = staging.session().dialect().quoteIdentifier(rejectsTable);
    String scans = staging.session().dialect().quoteIdentifier(scansTable);
    try {
      staging
          .session()
          .execute(
              "INSERT INTO "
                  + staging.rejectsSql()
                  + " SELECT line, any_value(csv_line),"
                  + " string_agg(DISTINCT column_name, ', ' ORDER BY column_name),"
                  + " string_agg(DISTINCT error_type || ': ' || error_message, '; '"
                  + " ORDER BY error_type || ': ' || error_message)"
                  + " FROM "
                  + rejects
                  + " GROUP BY line",
              List.of());
    } finally {
      staging.session().execute("DROP TABLE IF EXISTS " + rejects, List.of());
      staging.session().execute("DROP TABLE IF EXISTS " + scans, List.of());
    }
    try (PreparedStatement count =
            staging.connection().prepareStatement("SELECT count(*) FROM " + staging.rejectsSql());
        ResultSet rows = count.executeQuery()) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
