package io.udb.spark;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Where a tenant table on the Spark engine comes from: files at a path, or a table of a Spark
 * catalog. UDB registers it in the tenant's namespace and reads it where it is; it never copies the
 * data.
 *
 * @param format {@code parquet}, {@code csv}, {@code json}, {@code orc}, {@code delta} or {@code
 *     iceberg} for files (the last two when the host has them), or {@code table} for a catalog
 *     table
 * @param location the path or URI of the files, or the (qualified) catalog table name
 * @param options reader options for files, e.g. {@code header=true} for CSV
 */
public record SparkDataset(String format, String location, Map<String, String> options) {
  private static final Set<String> FORMATS =
      Set.of("parquet", "csv", "json", "orc", "delta", "iceberg", "table");

  /** Validates and copies. */
  public SparkDataset {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(location, "location");
    format = format.trim().toLowerCase(Locale.ROOT);
    if (!FORMATS.contains(format)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Dataset format must be one of "
              + String.join(", ", FORMATS.stream().sorted().toList())
              + "; got '"
              + format
              + "'");
    }
    if (location.isBlank() || location.chars().anyMatch(Character::isISOControl)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Dataset location must be a non-blank path or table name");
    }
    for (String key : options.keySet()) {
      if (!key.matches("[A-Za-z][A-Za-z0-9_.]{0,63}")) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Dataset option names are letters, digits, '_' and '.'; got '" + key + "'");
      }
    }
    options = Map.copyOf(options);
  }

  /** Parquet files at a path. */
  public static SparkDataset parquet(String path) {
    return new SparkDataset("parquet", path, Map.of());
  }

  /** CSV files with a header row at a path, column types inferred. */
  public static SparkDataset csv(String path) {
    return new SparkDataset("csv", path, Map.of("header", "true", "inferSchema", "true"));
  }

  /** A table of a Spark catalog, e.g. {@code sales.orders} or {@code iceberg.db.orders}. */
  public static SparkDataset catalogTable(String name) {
    return new SparkDataset("table", name, Map.of());
  }
}
