package io.udb.api.engine;

/**
 * What kind of values a column type holds, independent of how an engine spells the type. Checks and
 * drift decide by family (is it a number, a whole number, text, a point in time, ...), so that
 * {@code BIGINT} on DuckDB and {@code bigint} on Spark behave alike; {@link
 * SqlDialect#typeFamily(String)} maps an engine's type names to families.
 */
public enum TypeFamily {
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** Whole numbers of any width, signed or not. */
  INTEGER,
  /** Binary floating point numbers, the only numbers that can be NaN or infinite. */
  FLOATING,
  /** Exact decimal numbers with a precision and scale. */
  DECIMAL,
  /** Character strings. */
  STRING,
  /** Calendar dates. */
  DATE,
  /** Dates with a time of day, with or without a time zone, at any precision. */
  TIMESTAMP,
  /** Times of day without a date. */
  TIME,
  /** Durations. */
  INTERVAL,
  /**
   * Other single values that are compared by their text form, such as UUIDs, JSON documents and
   * enumerations.
   */
  OTHER_SCALAR,
  /** Lists, arrays, structs, maps and unions. */
  NESTED,
  /** Anything else, such as binary data; neither checked by value nor compared by drift. */
  OTHER;

  /**
   * Whether values of the family are numbers.
   *
   * @return true for {@link #INTEGER}, {@link #FLOATING} and {@link #DECIMAL}
   */
  public boolean numeric() {
    return this == INTEGER || this == FLOATING || this == DECIMAL;
  }

  /**
   * Whether values of the family are points in time or times of day.
   *
   * @return true for {@link #DATE}, {@link #TIMESTAMP} and {@link #TIME}
   */
  public boolean temporal() {
    return this == DATE || this == TIMESTAMP || this == TIME;
  }
}
