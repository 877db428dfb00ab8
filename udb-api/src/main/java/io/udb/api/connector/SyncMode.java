package io.udb.api.connector;

/** How a stream is read. */
public enum SyncMode {
  /** Read everything and replace the table. */
  FULL,
  /** Read what is newer than the saved cursor and append or upsert. */
  INCREMENTAL
}
