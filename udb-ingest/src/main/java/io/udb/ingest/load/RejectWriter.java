package io.udb.ingest.load;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * Appends rejected records to a load's rejects staging table through DuckDB's appender, so that any
 * number of them costs constant memory. Raw text longer than {@link #MAX_RAW_BYTES} is cut (and
 * says so); everything else is kept.
 */
final class RejectWriter implements AutoCloseable {
  /** The longest raw text kept per rejected record. */
  static final int MAX_RAW_BYTES = 1 << 20;

  private final DuckDBAppender appender;
  private long written;

  RejectWriter(Staging staging) throws SQLException {
    this.appender =
        staging
            .connection()
            .unwrap(DuckDBConnection.class)
            .createAppender("main", staging.rejectsTable());
  }

  /**
   * Records one rejected record.
   *
   * @param recordNumber its 1-based number in the source
   * @param raw its text
   * @param column the offending column, or {@code null}
   * @param reason why it was rejected
   * @throws SQLException when appending fails
   */
  void reject(long recordNumber, String raw, String column, String reason) throws SQLException {
    appender.beginRow();
    appender.append(recordNumber);
    appender.append(truncate(raw));
    if (column == null) {
      appender.appendNull();
    } else {
      appender.append(column);
    }
    appender.append(reason);
    appender.endRow();
    written++;
  }

  /** Rejected records written so far. */
  long written() {
    return written;
  }

  @Override
  public void close() throws SQLException {
    appender.close();
  }

  static String truncate(String raw) {
    if (raw == null || raw.length() <= MAX_RAW_BYTES / 4) {
      return raw;
    }
    byte[] bytes = raw.getBytes(StandardCharsets.UTF_8);
    if (bytes.length <= MAX_RAW_BYTES) {
      return raw;
    }
    String cut = new String(bytes, 0, MAX_RAW_BYTES, StandardCharsets.UTF_8);
    return cut + "... [cut at " + MAX_RAW_BYTES + " of " + bytes.length + " bytes]";
  }
}
