package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reads Parquet with DuckDB's {@code read_parquet}. Parquet is typed, so nothing is rejected; the
 * row count in the file's footer is checked against the rows read.
 */
final class ParquetStager implements Stager {
  private final Path file;
  private final String sourceName;

  ParquetStager(Path file, String sourceName) {
    this.file = file;
    this.sourceName = sourceName;
  }

  @Override
  public Path file() {
    return file;
  }

  @Override
  public String sourceName() {
    return sourceName;
  }

  @Override
  public String format() {
    return FileFormat.PARQUET.label();
  }

  @Override
  public Staged stage(Staging staging) throws SQLException {
    CsvOptions.requireKnown(staging.options().reader(), Set.of(), "Parquet");
    long declared;
    try (PreparedStatement statement =
        staging
            .connection()
            .prepareStatement("SELECT coalesce(sum(num_rows), 0) FROM parquet_file_metadata(?)")) {
      statement.setString(1, file.toString());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        declared = rows.getLong(1);
      }
    }
    staging.context().progress(0.05);
    long loaded;
    try (BackgroundStatement read =
        BackgroundStatement.start(
            staging.connection(),
            "CREATE TABLE " + staging.stagingSql() + " AS SELECT * FROM read_parquet(?)",
            List.of(file.toString()),
            staging.threadName())) {
      loaded = read.await(staging.context());
    }
    if (loaded != declared) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The Parquet file "
              + sourceName
              + " declares "
              + declared
              + " rows but "
              + loaded
              + " could be read");
    }
    return new Staged(declared, loaded, 0, List.of());
  }
}
