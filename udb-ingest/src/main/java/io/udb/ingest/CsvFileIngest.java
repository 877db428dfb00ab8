package io.udb.ingest;

import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.LoadResult;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.core.DataBox;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.FileFormat;
import io.udb.ingest.load.LoadOptions;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Loads a CSV file into a tenant table, replacing it: the simple entry point of the quick start. It
 * is {@link FileIngestService} with the format fixed to CSV and the mode to replace, so the load is
 * atomic, rows that cannot be read go to {@code <table>__rejects} and {@code rowsRead = rowsLoaded
 * + rowsRejected} holds. Thread-safe.
 */
public final class CsvFileIngest {
  private final FileIngestService files;

  /**
   * Creates the loader for a box whose engine is the embedded DuckDB one.
   *
   * @param box the box
   * @throws UdbException with {@code CONFIG_INVALID} for another engine
   */
  public CsvFileIngest(DataBox box) {
    this.files = new FileIngestService(Objects.requireNonNull(box, "box"));
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
    Objects.requireNonNull(table, "table");
    return files.submitFile(tenant, file, FileFormat.CSV, table.name(), LoadOptions.defaults());
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
    Objects.requireNonNull(table, "table");
    return files.load(tenant, file, FileFormat.CSV, table.name(), LoadOptions.defaults()).result();
  }
}
