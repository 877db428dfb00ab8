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
import io.udb.security.authz.QuotaEnforcer;
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
    QuotaEnforcer quotas = box.security().quotas();
    try {
      quotas.checkStorage(tenant, engine.storageBytes(tenant), Files.size(file));
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Cannot read the file " + file.getFileName(), e);
    }
    LoadResult result;
    Path spooled = engine.spoolDirectory(tenant).resolve("load-" + UUID.randomUUID() + ".csv");
    try (SqlSession session = engine.openSession(tenant)) {
      // The load lands in a staging table first and is swapped in by one transaction, so the
      // target table is replaced whole or not at all, and a quota refusal leaves it untouched.
      TableRef staging = TableRef.of("__udb_load_" + UUID.randomUUID().toString().replace("-", ""));
      String stagingSql = session.dialect().table(staging);
      try {
        Files.createDirectories(spooled.getParent());
        Files.copy(file, spooled, StandardCopyOption.REPLACE_EXISTING);
        session.execute(
            "CREATE TABLE "
                + stagingSql
                + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
            List.of(spooled.toString()));
        QueryResult count = session.query("SELECT count(*) FROM " + stagingSql, List.of());
        long rows = ((Number) count.rows().get(0).get(0)).longValue();
        quotas.checkRows(tenant, table.name(), rows);
        QueryResult described = session.query("DESCRIBE " + stagingSql, List.of());
        List<ColumnInfo> columns =
            described.rows().stream()
                .map(r -> new ColumnInfo((String) r.get(0), (String) r.get(1)))
                .toList();
        swap(session, staging, table);
        result = new LoadResult(table.name(), rows, rows, 0, columns);
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
        session.execute("DROP TABLE IF EXISTS " + stagingSql, List.of());
        try {
          Files.deleteIfExists(spooled);
        } catch (IOException e) {
          // the spool folder is private to the tenant and cleaned with it; nothing leaks
        }
      }
    }
    // Classify for PII now, so that query results, profiles and KPI rows are masked from the start.
    box.security().classifications().classify(tenant, table);
    return result;
  }

  private static void swap(SqlSession session, TableRef staging, TableRef target) {
    session.execute("BEGIN TRANSACTION", List.of());
    try {
      session.execute("DROP TABLE IF EXISTS " + session.dialect().table(target), List.of());
      session.execute(
          "ALTER TABLE "
              + session.dialect().table(staging)
              + " RENAME TO "
              + session.dialect().quoteIdentifier(target.name()),
          List.of());
      session.execute("COMMIT", List.of());
    } catch (RuntimeException e) {
      session.execute("ROLLBACK", List.of());
      throw e;
    }
  }
}
