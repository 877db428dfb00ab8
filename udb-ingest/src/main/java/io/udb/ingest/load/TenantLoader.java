package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.job.JobContext;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * UDB's loader into one tenant's database, for one job: the {@link RecordLoader} connectors write
 * through. Every load is atomic (the table appears or changes whole, or not at all), accounts for
 * every record ({@code rowsRead = rowsLoaded + rowsRejected}, rejected records kept with their text
 * and reason in {@code <table>__rejects}) and honours the tenant's quotas and the load's limits.
 *
 * <p>Files are read by DuckDB's own readers ({@code read_csv}, {@code read_json}, {@code
 * read_parquet}); rows from connectors go through DuckDB's appender. After each load the table is
 * classified for PII, {@code udb.ingest.rows} and {@code udb.ingest.rejected} are counted and
 * {@code udb.ingest.completed} is published.
 *
 * <p>Not thread-safe: one loader belongs to one job's thread.
 */
public final class TenantLoader implements RecordLoader {
  /** Option key of {@link #loadFile(String, Path, String, Map)} naming the input for rejects. */
  public static final String SOURCE = "source";

  private static final Set<String> ROW_OPTIONS =
      Set.of(LoadOptions.MODE, LoadOptions.KEYS, LoadOptions.MAX_ROWS, LoadOptions.MAX_BYTES);

  private final DataBox box;
  private final DuckDbEngine engine;
  private final LoadContext context;
  private final LoadOptions defaults;
  private final List<LoadReport> reports = new ArrayList<>();

  /**
   * Creates a loader.
   *
   * @param box the box; the embedded DuckDB engine must serve the context's tenant
   * @param context the tenant and job the loads run for
   * @param defaults the options of loads that name none (e.g. through {@link RecordLoader})
   * @throws UdbException with {@link ErrorCode#ENGINE_OPERATION_UNSUPPORTED} when another engine
   *     serves the tenant
   */
  public TenantLoader(DataBox box, LoadContext context, LoadOptions defaults) {
    this.box = Objects.requireNonNull(box, "box");
    this.context = Objects.requireNonNull(context, "context");
    this.defaults = Objects.requireNonNull(defaults, "defaults");
    this.engine = DuckDbEngine.serving(box.engine(), context.tenant());
  }

  /**
   * A loader for a running job.
   *
   * @param box the box
   * @param job the job's context, for progress, cancellation and the rejects' job id
   * @param defaults the options of loads that name none
   * @return the loader
   */
  public static TenantLoader forJob(DataBox box, JobContext job, LoadOptions defaults) {
    return new TenantLoader(box, LoadContext.of(job), defaults);
  }

  /**
   * {@inheritDoc}
   *
   * <p>{@code format} is {@code csv} (also {@code tsv}), {@code json}, {@code ndjson} or {@code
   * parquet}. The option keys {@code mode}, {@code keys}, {@code max-rows} and {@code max-bytes}
   * override this loader's defaults (see {@link LoadOptions#merge}); {@value #SOURCE} names the
   * input in the rejects table (a spooled copy's own name means nothing to the user); the others
   * are reader options.
   *
   * @throws UdbException with {@link ErrorCode#INGEST_BAD_FORMAT} when the file cannot be read,
   *     {@link ErrorCode#INVALID_ARGUMENT} for bad options or an incompatible schema change, {@link
   *     ErrorCode#INPUT_TOO_LARGE} when the input exceeds the load's byte or row limit, {@link
   *     ErrorCode#QUOTA_EXCEEDED} when it exceeds a tenant quota
   */
  @Override
  public LoadResult loadFile(String stream, Path file, String format, Map<String, String> options) {
    Objects.requireNonNull(file, "file");
    Map<String, String> rest = new java.util.LinkedHashMap<>(options);
    String source = rest.remove(SOURCE);
    LoadOptions merged = defaults.merge(rest);
    if ("tsv".equalsIgnoreCase(format) && !hasDelimiter(merged.reader())) {
      merged = merged.withReaderOption("delimiter", "\t");
    }
    return loadFile(
            stream,
            file,
            FileFormat.parse(format),
            merged,
            source == null ? file.getFileName().toString() : source)
        .result();
  }

  /**
   * Loads a file into a table.
   *
   * @param table the target table
   * @param file the file; one outside the spool folder is linked or copied into it first, and a
   *     file the caller placed in the spool folder is left there
   * @param format its format
   * @param options mode, reader options and limits
   * @return the report
   */
  public LoadReport loadFile(String table, Path file, FileFormat format, LoadOptions options) {
    Objects.requireNonNull(file, "file");
    return loadFile(table, file, format, options, file.getFileName().toString());
  }

  /**
   * Loads a file into a table, naming its source (e.g. an upload's client file name, which the
   * spooled file no longer carries).
   *
   * @param table the target table
   * @param file the file
   * @param format its format
   * @param options mode, reader options and limits
   * @param sourceName the name recorded with rejected records; its extension {@code .tsv} implies a
   *     tab delimiter
   * @return the report
   */
  public LoadReport loadFile(
      String table, Path file, FileFormat format, LoadOptions options, String sourceName) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(options, "options");
    TableLoad.checkTableName(table);
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Cannot read the file " + file.getFileName());
    }
    String source = FileFormat.baseName(sourceName);
    checkReaderOptions(format, options.reader(), source);
    SpoolFiles.Spooled spooled = SpoolFiles.place(file, spoolDirectory());
    try {
      long size = Files.size(spooled.path());
      Stager stager =
          switch (format) {
            case CSV -> new CsvStager(spooled.path(), source);
            case JSON -> new JsonStager(spooled.path(), source, false);
            case NDJSON -> new JsonStager(spooled.path(), source, true);
            case PARQUET -> new ParquetStager(spooled.path(), source);
            case DOCUMENT -> throw documentsElsewhere();
          };
      // A file in the spool folder already counts in the tenant's storage; count it once.
      return record(new TableLoad(box, context, options, table, stager).run(size, size));
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot read " + file.getFileName(), e);
    } finally {
      if (spooled.owned()) {
        SpoolFiles.deleteQuietly(spooled.path());
      }
    }
  }

  @Override
  public LoadResult loadRows(String stream, List<ColumnInfo> schema, Iterator<List<Object>> rows) {
    return loadRows(stream, schema, rows, defaults).result();
  }

  /**
   * {@inheritDoc}
   *
   * <p>The option keys {@code mode}, {@code keys}, {@code max-rows} and {@code max-bytes} override
   * this loader's defaults (see {@link LoadOptions#merge}); reader options do not apply to rows.
   */
  @Override
  public LoadResult loadRows(
      String stream,
      List<ColumnInfo> schema,
      Iterator<List<Object>> rows,
      Map<String, String> options) {
    for (String key : options.keySet()) {
      if (!ROW_OPTIONS.contains(key)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Option '"
                + key
                + "' does not apply to rows; use "
                + ROW_OPTIONS.stream().sorted().toList());
      }
    }
    return loadRows(stream, schema, rows, defaults.merge(options)).result();
  }

  /**
   * Loads rows a connector produces, through DuckDB's appender.
   *
   * @param table the target table
   * @param schema the rows' columns (scalar types: numbers, text, dates, timestamps, UUID, BLOB)
   * @param rows the rows; a row that does not fit the schema is rejected, not loaded
   * @param options mode and limits (reader options do not apply)
   * @return the report
   */
  public LoadReport loadRows(
      String table, List<ColumnInfo> schema, Iterator<List<Object>> rows, LoadOptions options) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(rows, "rows");
    Stager stager = new RowsStager(schema, rows, table);
    return record(new TableLoad(box, context, options, table, stager).run(0, 0));
  }

  @Override
  public Path spoolDirectory() {
    Path spool = engine.spoolDirectory(context.tenant());
    try {
      return Files.createDirectories(spool);
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot create the spool folder of " + context.tenant(), e);
    }
  }

  /** The reports of the loads this loader ran, in order. */
  public List<LoadReport> reports() {
    return List.copyOf(reports);
  }

  /**
   * Checks reader options before any work, e.g. when a connection is configured.
   *
   * @param format the file format
   * @param reader the reader options
   * @param fileName the file's name (a {@code .tsv} name implies a tab delimiter)
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming the bad option
   */
  public static void checkReaderOptions(
      FileFormat format, Map<String, String> reader, String fileName) {
    switch (format) {
      case CSV -> CsvOptions.parse(reader, fileName);
      case JSON, NDJSON -> CsvOptions.requireKnown(reader, JsonStager.KEYS, "JSON");
      case PARQUET -> CsvOptions.requireKnown(reader, Set.of(), "Parquet");
      case DOCUMENT -> CsvOptions.requireKnown(reader, Set.of(), "document");
    }
  }

  private static UdbException documentsElsewhere() {
    return new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Documents are not read as a table file: load them through FileIngestService or the"
            + " documents connector, which cut their text into fragments");
  }

  private LoadReport record(LoadReport report) {
    reports.add(report);
    return report;
  }

  private static boolean hasDelimiter(Map<String, String> reader) {
    return reader.containsKey("delimiter")
        || reader.containsKey("delim")
        || reader.containsKey("sep");
  }
}
