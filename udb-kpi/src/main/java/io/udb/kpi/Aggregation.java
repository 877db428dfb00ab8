package io.udb.kpi;

import java.util.Locale;
import java.util.Optional;

/** How a KPI folds the rows of a period into one number. */
public enum Aggregation {
  /** The sum of the measure. */
  SUM("sum"),
  /** The arithmetic mean of the measure. */
  AVG("avg"),
  /** The number of rows, or of non-null measure values when a measure is given. */
  COUNT("count"),
  /** The number of distinct non-null measure values. */
  COUNT_DISTINCT("count_distinct"),
  /** The smallest measure value. */
  MIN("min"),
  /** The largest measure value. */
  MAX("max"),
  /** The median (continuous, interpolated) of the measure. */
  MEDIAN("median"),
  /** A percentile (continuous, interpolated) of the measure, given as 0 to 100. */
  PERCENTILE("percentile"),
  /** A numerator measure divided by a denominator measure. */
  RATIO("ratio");

  private final String externalName;

  Aggregation(String externalName) {
    this.externalName = externalName;
  }

  /** The name used in JSON and YAML, e.g. {@code count_distinct}. */
  public String externalName() {
    return externalName;
  }

  /** Whether the measure must be numeric (sums, means, extremes and quantiles). */
  public boolean needsNumericMeasure() {
    return switch (this) {
      case SUM, AVG, MIN, MAX, MEDIAN, PERCENTILE -> true;
      case COUNT, COUNT_DISTINCT, RATIO -> false;
    };
  }

  /**
   * Whether the aggregate of a whole is the sum of the aggregates of its parts, so that a change
   * splits exactly into contributions of dimension values.
   */
  public boolean additive() {
    return this == SUM || this == COUNT;
  }

  /**
   * The aggregation with the given external name, ignoring case.
   *
   * @param name e.g. {@code avg}
   * @return the aggregation, or empty for an unknown name
   */
  public static Optional<Aggregation> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Aggregation aggregation : values()) {
      if (aggregation.externalName.equals(wanted)) {
        return Optional.of(aggregation);
      }
    }
    return Optional.empty();
  }
}
