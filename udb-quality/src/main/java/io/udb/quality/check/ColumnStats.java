package io.udb.quality.check;

import io.udb.api.engine.TypeFamily;
import java.util.List;
import java.util.Objects;

/**
 * The statistics of one column that constraint suggestion needs: a small subset of a profile, so
 * that suggestion works from {@link SuggestionStatistics} now and from a full profile later.
 *
 * @param name the column name
 * @param kind {@code numeric}, {@code categorical}, {@code datetime}, {@code boolean} or {@code
 *     text}
 * @param count the number of non-null values
 * @param missing the number of null values
 * @param distinct the number of distinct non-null values
 * @param min the minimum of a numeric column, else null
 * @param max the maximum of a numeric column, else null
 * @param rowCount the table's row count
 * @param dataType the engine type, e.g. {@code BIGINT} or {@code VARCHAR}
 * @param topValues every value with its count, most frequent first, for text columns with few
 *     distinct values; empty otherwise
 * @param inferredType the narrowest {@link DataType} all non-null values conform to (for text
 *     columns, the type their text reads as), or null when unknown or the column is empty
 * @param family the family of the engine type
 */
public record ColumnStats(
    String name,
    String kind,
    long count,
    long missing,
    long distinct,
    Double min,
    Double max,
    long rowCount,
    String dataType,
    List<ValueCount> topValues,
    DataType inferredType,
    TypeFamily family) {

  /** Validates and copies. */
  public ColumnStats {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(dataType, "dataType");
    Objects.requireNonNull(family, "family");
    topValues = List.copyOf(topValues);
  }

  /** The share of non-null rows; 0 for an empty table. */
  public double completeness() {
    return rowCount == 0 ? 0 : (double) count / rowCount;
  }
}
