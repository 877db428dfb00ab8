package io.udb.ingest.load;

import java.sql.SQLException;
import java.util.List;

/** Reads one source into a load's staging table, inside the load's open transaction. */
interface Stager {

  /**
   * Creates and fills the staging table and puts rejected records into the rejects staging table.
   *
   * @param staging the load's transaction and names
   * @return the source's accounting
   * @throws SQLException when the engine fails; the load turns it into a typed error
   */
  Staged stage(Staging staging) throws SQLException;

  /** A short name of the source for the rejects table's {@code source} column. */
  String sourceName();

  /** The file read, or {@code null} for rows; its path is never shown to the user. */
  java.nio.file.Path file();

  /** The format label for results: csv, json, ndjson, parquet or rows. */
  String format();

  /**
   * The accounting of a staged source.
   *
   * @param rowsRead records in the source
   * @param rowsLoaded rows in the staging table
   * @param rowsRejected records in the rejects staging table
   * @param skippedLines lines skipped before a CSV header
   */
  record Staged(long rowsRead, long rowsLoaded, long rowsRejected, List<String> skippedLines) {
    public Staged {
      skippedLines = List.copyOf(skippedLines);
    }
  }
}
