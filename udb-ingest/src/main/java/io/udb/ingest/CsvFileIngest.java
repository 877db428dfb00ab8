package io.udb.ingest;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.LoadResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.observe.MetricNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Loads a CSV file into a tenant table through DuckDB's own reader (dialect and types sniffed). The
 * file is first copied into the tenant's private spool folder, the only folder its database may
 * read; the table is replaced in one statement, so it appears whole or not at all.
 *
 * <p>This loader is strict: a file DuckDB cannot parse fails the load with {@code
 * INGEST_BAD_FORMAT} and leaves the previous table intact. Thread-safe.
 */
public final class CsvFileIngest {
  private final DataBox box;

  /**
   * Creates the loader for a box whose engine is the embedded DuckDB one.
   *
   * @param box the box
   */
  public CsvFileIngest(DataBox box) {
    this.box = Objects.requireNonNull(box, "box");
    if (!(box.engine() instanceof DuckDbEngine)) {
      throw new UdbException(
          ErrorCode.CONFIG_INVALID,
          "CSV ingest needs the embedded DuckDB engine, not " + box.engine().name());
    }
  }

  /**
   * Starts a job that loads the file into the table (replacing it).
   *
   * @param tenant the tenant
   * @param file the CSV file
   * @param table the target table
   * @return the created job; its result has {@code table, rowsRead, rowsLoaded, rowsRejected,
   *     columns}
   */
  public Job submit(TenantId tenant, Path file, TableRef table) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(table, "table");
    if (!Files.isRegularFile(file) || !Files.isReadable(file)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Cannot read the file " + file.getFileName());
    }
    return box.submit(tenant, JobType.INGEST, context -> run(context, file, table));
  }

  private Map<String, Object> run(JobContext context, Path file, TableRef table) {
    LoadResult load = context.stage("load", () -> load(context.tenant(), file, table));
    box.metrics()
        .count(MetricNames.INGEST_ROWS, load.rowsLoaded(), "tenant", context.tenant().value());
    box.metrics()
        .count(
            MetricNames.INGEST_REJECTED, load.rowsRejected(), "tenant", context.tenant().value());
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("table", load.table());
    result.put("rowsRead", load.rowsRead());
    result.put("rowsLoaded", load.rowsLoaded());
    result.put("rowsRejected", load.rowsRejected());
    result.put(
        "columns",
        load.columns().stream().map(c -> Map.of("name", c.name(), "type", c.type())).toList());
    box.publish(
        box.eventFactory().ingestCompleted(context.tenant(), context.correlationId(), result));
    return result;
  }

  /**
   * Loads the file synchronously.
   *
   * @param tenant the tenant
   * @param file the CSV file
   * @param table the target table
   * @return the accounting of the load
   */
  public LoadResult load(TenantId tenant, Path file, TableRef table) {
    DuckDbEngine engine = (DuckDbEngine) box.engine();
    Path spooled;
    try (SqlSession session = engine.openSession(tenant)) {
      Path spool = engine.spoolDirectory(tenant);
      spooled = spool.resolve("load-" + UUID.randomUUID() + ".csv");
      try {
        Files.copy(file, spooled, StandardCopyOption.REPLACE_EXISTING);
        String target = session.dialect().table(table);
        session.execute(
            "CREATE OR REPLACE TABLE "
                + target
                + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
            List.of(spooled.toString()));
        QueryResult count = session.query("SELECT count(*) FROM " + target, List.of());
        long rows = ((Number) count.rows().get(0).get(0)).longValue();
        QueryResult described = session.query("DESCRIBE " + target, List.of());
        List<ColumnInfo> columns =
            described.rows().stream()
                .map(r -> new ColumnInfo((String) r.get(0), (String) r.get(1)))
                .toList();
        return new LoadResult(table.name(), rows, rows, 0, columns);
      } catch (IOException e) {
        throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot spool the file for loading", e);
      } catch (UdbException e) {
        if (e.code() == ErrorCode.ENGINE_ERROR) {
          throw new UdbException(
              ErrorCode.INGEST_BAD_FORMAT,
              "The file " + file.getFileName() + " could not be read as CSV: " + e.getMessage(),
              e);
        }
        throw e;
      } finally {
        try {
          Files.deleteIfExists(spooled);
        } catch (IOException e) {
          // the spool folder is private to the tenant and cleaned with it; nothing leaks
        }
      }
    }
  }
}
