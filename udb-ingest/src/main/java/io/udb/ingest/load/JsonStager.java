package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.util.List;
import java.util.Set;

/**
 * Reads JSON or NDJSON: normalised by {@link JsonNormalizer} into one object per line (records that
 * are not objects rejected), then read by DuckDB's {@code read_json} with the schema inferred from
 * every record, so that no later record fails a cast.
 */
final class JsonStager implements Stager {
  static final Set<String> KEYS = Set.of("compression");

  private final Path file;
  private final String sourceName;
  private final boolean lines;

  JsonStager(Path file, String sourceName, boolean lines) {
    this.file = file;
    this.sourceName = sourceName;
    this.lines = lines;
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
    return lines ? FileFormat.NDJSON.label() : FileFormat.JSON.label();
  }

  @Override
  public Staged stage(Staging staging) throws SQLException {
    CsvOptions.requireKnown(staging.options().reader(), KEYS, "JSON");
    boolean gzip =
        switch (CsvOptions.compression(staging.options().reader().get("compression"))) {
          case "gzip" -> true;
          case "none" -> false;
          default -> SpoolFiles.isGzip(file);
        };
    Path normalized = staging.own(SpoolFiles.newSpoolPath(file.getParent(), "records.ndjson"));
    JsonNormalizer normalizer;
    try (RejectWriter rejects = new RejectWriter(staging);
        InputStream in = SpoolFiles.open(file, gzip);
        OutputStream out =
            new BufferedOutputStream(
                Files.newOutputStream(normalized, StandardOpenOption.CREATE_NEW), 1 << 16)) {
      normalizer = new JsonNormalizer(out, rejects, staging.context());
      if (lines) {
        normalizer.lines(in);
      } else {
        normalizer.document(in);
      }
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "Cannot read " + sourceName + ": " + LoadErrors.describe(e, file, sourceName),
          e);
    }
    staging.context().progress(0.4);
    long rejected = normalizer.records() - normalizer.valid();
    if (normalizer.valid() == 0) {
      throw new UdbException(
          ErrorCode.INGEST_BAD_FORMAT,
          "The file "
              + sourceName
              + " holds no JSON objects to load ("
              + normalizer.records()
              + " records, "
              + rejected
              + " of them not objects)");
    }
    String sql =
        "CREATE TABLE "
            + staging.stagingSql()
            + " AS SELECT * FROM read_json(?, format = 'newline_delimited', records = 'true',"
            + " sample_size = -1, maximum_object_size = ?)";
    long loaded;
    try (BackgroundStatement read =
        BackgroundStatement.start(
            staging.connection(),
            sql,
            List.of(normalized.toString(), JsonNormalizer.MAX_LINE_BYTES),
            staging.threadName())) {
      loaded = read.await(staging.context());
    }
    return new Staged(normalizer.records(), loaded, rejected, List.of());
  }
}
