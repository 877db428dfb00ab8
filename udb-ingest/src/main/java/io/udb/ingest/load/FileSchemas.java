package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.StringJoiner;

/**
 * The schema a file would be loaded with, without loading it: for a connector's {@code discover}
 * and {@code test}. CSV goes through the same sniffing as a load; JSON and Parquet through {@code
 * DESCRIBE} of DuckDB's reader.
 */
public final class FileSchemas {
  private FileSchemas() {}

  /**
   * Opens a private, locked-down in-memory DuckDB that may read only the given folders: no other
   * files, no network, no extensions, its configuration locked.
   *
   * @param readable the folders it may read
   * @return the connection; close it after use
   * @throws UdbException with {@link ErrorCode#ENGINE_ERROR} when DuckDB cannot start
   */
  public static Connection restrictedConnection(List<Path> readable) {
    StringJoiner allowed = new StringJoiner(", ", "[", "]");
    for (Path folder : readable) {
      allowed.add(SqlText.literal(folder.toAbsolutePath().normalize() + "/"));
    }
    Properties config = new Properties();
    config.setProperty("threads", "1");
    config.setProperty("memory_limit", "256MB");
    config.setProperty("enable_external_access", "false");
    config.setProperty("allowed_directories", allowed.toString());
    config.setProperty("autoload_known_extensions", "false");
    config.setProperty("autoinstall_known_extensions", "false");
    config.setProperty("allow_community_extensions", "false");
    config.setProperty("lock_configuration", "true");
    try {
      return DriverManager.getConnection("jdbc:duckdb:", config);
    } catch (SQLException e) {
      throw new UdbException(ErrorCode.ENGINE_ERROR, "Cannot start DuckDB to read files", e);
    }
  }

  /**
   * Infers a file's columns.
   *
   * @param connection a DuckDB connection that may read the file and {@code scratch}
   * @param file the file
   * @param format its format
   * @param reader reader options, as for a load
   * @param scratch a folder for a transcoded copy of a CSV file in another encoding
   * @return the columns
   * @throws UdbException with {@link ErrorCode#INGEST_BAD_FORMAT} when the file cannot be read
   */
  public static List<ColumnInfo> infer(
      Connection connection,
      Path file,
      FileFormat format,
      Map<String, String> reader,
      Path scratch) {
    TenantLoader.checkReaderOptions(format, reader, file.getFileName().toString());
    return switch (format) {
      case CSV -> csv(connection, file, reader, scratch);
      case JSON, NDJSON ->
          describe(
              connection,
              "read_json(?, format = '"
                  + (format == FileFormat.NDJSON ? "newline_delimited" : "auto")
                  + "', compression = '"
                  + jsonCompression(reader, file)
                  + "')",
              file);
      case PARQUET -> describe(connection, "read_parquet(?)", file);
      case DOCUMENT ->
          throw new UdbException(
              ErrorCode.INVALID_ARGUMENT, "Documents have no table schema to infer");
    };
  }

  private static List<ColumnInfo> csv(
      Connection connection, Path file, Map<String, String> reader, Path scratch) {
    CsvOptions options = CsvOptions.parse(reader, file.getFileName().toString());
    List<Path> made = new ArrayList<>();
    try {
      return CsvStager.prepare(file, options, scratch, made::add)
          .sniff(connection, options, file.getFileName().toString())
          .columns();
    } finally {
      made.forEach(SpoolFiles::deleteQuietly);
    }
  }

  private static String jsonCompression(Map<String, String> reader, Path file) {
    String compression = CsvOptions.compression(reader.get("compression"));
    if (compression.equals("auto")) {
      return SpoolFiles.isGzip(file) ? "gzip" : "none";
    }
    return compression;
  }

  private static List<ColumnInfo> describe(Connection connection, String reader, Path file) {
    try (PreparedStatement statement =
        connection.prepareStatement("DESCRIBE SELECT * FROM " + reader)) {
      statement.setString(1, file.toString());
      List<ColumnInfo> columns = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(new ColumnInfo(rows.getString(1), rows.getString(2)));
        }
      }
      return columns;
    } catch (SQLException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The file "
              + file.getFileName()
              + " cannot be read: "
              + LoadErrors.describe(e, file, file.getFileName().toString()),
          e);
    }
  }
}
