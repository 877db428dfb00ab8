package io.udb.quality.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The profile of one column. The fields before {@code topValues} exist for every kind (the public
 * contract's column fields); exactly one of {@code numeric}, {@code strings}, {@code datetime} and
 * {@code bool} is set, matching {@code kind}. Fields that do not apply to the kind are {@code
 * null}.
 *
 * @param name the column name as stored
 * @param type the engine's type name, e.g. {@code DOUBLE}
 * @param kind what the column holds
 * @param count non-missing values
 * @param missing missing values: SQL {@code NULL}, and {@code NaN} in floating-point columns
 * @param missingShare {@code missing} divided by the row count (0 for an empty table)
 * @param distinct distinct non-missing values
 * @param distinctShare {@code distinct} divided by {@code count} (0 when there are no values)
 * @param distinctApproximate whether {@code distinct} is a HyperLogLog estimate (approximate mode)
 * @param min the smallest value: a number, an ISO-8601 date or timestamp, or for strings the first
 *     in code-point order; {@code null} for booleans and columns without values
 * @param max the largest value, as {@code min}
 * @param mean the arithmetic mean of a numeric column's finite values
 * @param std the sample standard deviation (n - 1 denominator) of a numeric column's finite values
 * @param quantiles quantiles 0.05, 0.25, 0.5, 0.75 and 0.95 of a numeric column, keyed by those
 *     strings, linearly interpolated (R type 7, pandas' default); {@code null} for other kinds
 * @param topValues the most frequent values, most frequent first, ties by value; empty in
 *     approximate mode for numeric and datetime columns
 * @param numeric numeric statistics, for {@link ColumnKind#NUMERIC}
 * @param strings string statistics, for {@link ColumnKind#CATEGORICAL} and {@link ColumnKind#TEXT}
 * @param datetime datetime statistics, for {@link ColumnKind#DATETIME}
 * @param bool boolean statistics, for {@link ColumnKind#BOOLEAN}
 */
public record ColumnProfile(
    String name,
    String type,
    ColumnKind kind,
    long count,
    long missing,
    double missingShare,
    long distinct,
    double distinctShare,
    boolean distinctApproximate,
    Object min,
    Object max,
    Double mean,
    Double std,
    Map<String, Double> quantiles,
    List<ValueCount> topValues,
    NumericStats numeric,
    StringStats strings,
    DatetimeStats datetime,
    BooleanStats bool) {

  /** The quantile fractions every numeric column reports, as the keys of {@code quantiles}. */
  public static final List<String> QUANTILE_KEYS = List.of("0.05", "0.25", "0.5", "0.75", "0.95");

  /** Validates and copies. */
  public ColumnProfile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(kind, "kind");
    quantiles =
        quantiles == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(quantiles));
    topValues = List.copyOf(topValues);
  }

  /**
   * One quantile of a numeric column.
   *
   * @param key one of {@link #QUANTILE_KEYS}
   * @return the quantile, or {@code null} when not computed
   */
  public Double quantile(String key) {
    return quantiles == null ? null : quantiles.get(key);
  }
}
