package io.udb.quality.check;

import java.util.Arrays;
import java.util.Optional;

/** The kinds of check, each with its stable JSON name (the {@code check} field). */
public enum CheckType {
  /** Share of rows where the column is not null. */
  COMPLETENESS("completeness"),
  /** Share of rows whose value (combination) occurs exactly once. */
  UNIQUENESS("uniqueness"),
  /** The columns are complete and their combination is unique. */
  PRIMARY_KEY("primary_key"),
  /** Distinct values (combinations) per row. */
  DISTINCTNESS("distinctness"),
  /** Share of non-null values within an allowed set. */
  ALLOWED_VALUES("allowed_values"),
  /** Minimum of a numeric column. */
  MIN("min"),
  /** Maximum of a numeric column. */
  MAX("max"),
  /** Mean of a numeric column. */
  MEAN("mean"),
  /** Sum of a numeric column. */
  SUM("sum"),
  /** Sample standard deviation of a numeric column. */
  STD("std"),
  /** Share of non-null values that are not negative. */
  NON_NEGATIVE("non_negative"),
  /** Share of non-null values fully matching a regular expression. */
  PATTERN("pattern"),
  /** Share of non-null values that look like email addresses. */
  EMAIL("email"),
  /** Share of non-null values that look like http(s) or ftp URLs. */
  URL("url"),
  /** Share of non-null values that look like payment card numbers. */
  CREDIT_CARD("credit_card"),
  /** Share of non-null values conforming to a {@link DataType}. */
  DATA_TYPE("data_type"),
  /** Number of rows. */
  ROW_COUNT("row_count"),
  /** Share of rows satisfying a custom SQL predicate. */
  SATISFIES("satisfies"),
  /** Age of the newest timestamp, in seconds. */
  FRESHNESS("freshness"),
  /** Share of non-null values found in a column of another table. */
  REFERENTIAL_INTEGRITY("referential_integrity"),
  /** Number of required columns that are missing. */
  REQUIRED_COLUMNS("required_columns"),
  /** Number of forbidden columns that are present. */
  FORBIDDEN_COLUMNS("forbidden_columns"),
  /** Whether a column has the given engine type (1 or 0). */
  COLUMN_TYPE("column_type");

  private final String jsonName;

  CheckType(String jsonName) {
    this.jsonName = jsonName;
  }

  /** The stable JSON name. */
  public String jsonName() {
    return jsonName;
  }

  /**
   * Finds a type by its JSON name.
   *
   * @param name the JSON name, exact
   * @return the type, or empty
   */
  public static Optional<CheckType> fromJson(String name) {
    return Arrays.stream(values()).filter(t -> t.jsonName.equals(name)).findFirst();
  }
}
