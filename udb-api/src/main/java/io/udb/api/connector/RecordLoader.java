package io.udb.api.connector;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
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

  /**
   * Loads rows with options of this stream's own, e.g. {@code mode} ({@code replace}, {@code
   * append}, {@code upsert}) and {@code keys} (comma-separated upsert keys), which override the
   * loader's defaults.
   *
   * <p>The default implementation serves loaders that take no per-stream options: with no options
   * it loads as {@link #loadRows(String, List, Iterator)} does, with options it refuses.
   *
   * @param stream the stream (target table)
   * @param schema the rows' columns
   * @param rows the rows, each with one value per column
   * @param options the stream's load options; empty for the loader's defaults
   * @return the accounting
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when this loader takes no options
   *     and some were given
   */
  default LoadResult loadRows(
      String stream,
      List<ColumnInfo> schema,
      Iterator<List<Object>> rows,
      Map<String, String> options) {
    if (!options.isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "This loader takes no per-stream options; given " + options.keySet());
    }
    return loadRows(stream, schema, rows);
  }

  /** The tenant-private folder where a connector may spool files before {@link #loadFile}. */
  Path spoolDirectory();
}
