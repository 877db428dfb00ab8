package io.udb.api.connector;

import io.udb.api.engine.ColumnInfo;
import java.util.List;
import java.util.Objects;

/**
 * The accounting of one load into a table: {@code rowsRead = rowsLoaded + rowsRejected} always.
 *
 * @param table the target table
 * @param rowsRead rows read from the source
 * @param rowsLoaded rows now in the table from this load
 * @param rowsRejected rows sent to the rejects table
 * @param columns the table's columns after the load
 */
public record LoadResult(
    String table, long rowsRead, long rowsLoaded, long rowsRejected, List<ColumnInfo> columns) {
  /** Validates the accounting. */
  public LoadResult {
    Objects.requireNonNull(table, "table");
    columns = List.copyOf(columns);
    if (rowsRead != rowsLoaded + rowsRejected) {
      throw new IllegalArgumentException(
          "rowsRead "
              + rowsRead
              + " != rowsLoaded "
              + rowsLoaded
              + " + rowsRejected "
              + rowsRejected);
    }
  }
}
