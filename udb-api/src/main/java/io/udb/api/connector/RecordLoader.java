package io.udb.api.connector;

import io.udb.api.engine.ColumnInfo;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Where a connector puts what it reads: UDB's atomic, rejects-accounting loader into the tenant's
 * database. Connectors never write tables themselves.
 */
public interface RecordLoader {

  /**
   * Loads a file the connector has placed in the tenant's private spool folder, through the
   * engine's own reader.
   *
   * @param stream the stream (target table)
   * @param file the file
   * @param format {@code csv}, {@code json}, {@code ndjson} or {@code parquet}
   * @param options reader options such as {@code delimiter} or {@code nullstr}
   * @return the accounting
   */
  LoadResult loadFile(String stream, Path file, String format, Map<String, String> options);

  /**
   * Loads rows the connector produces itself (e.g. from JDBC or an API).
   *
   * @param stream the stream (target table)
   * @param schema the rows' columns
   * @param rows the rows, each with one value per column
   * @return the accounting
   */
  LoadResult loadRows(String stream, List<ColumnInfo> schema, Iterator<List<Object>> rows);

  /** The tenant-private folder where a connector may spool files before {@link #loadFile}. */
  Path spoolDirectory();
}
