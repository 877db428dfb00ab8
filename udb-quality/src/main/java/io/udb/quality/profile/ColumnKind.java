package io.udb.quality.profile;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Locale;

/**
 * What a column holds, as profiles, checks and drift treat it. The JSON names ({@link #id()}) are
 * those of the public contract: {@code numeric}, {@code categorical}, {@code datetime}, {@code
 * boolean}, {@code text}.
 *
 * <p>The kind follows the engine type and, for strings, the number of distinct values:
 *
 * <ul>
 *   <li>integer, decimal and floating-point types are {@link #NUMERIC};
 *   <li>{@code BOOLEAN} is {@link #BOOLEAN};
 *   <li>{@code DATE} and every {@code TIMESTAMP} variant are {@link #DATETIME};
 *   <li>everything else (strings, and types profiled through their text form such as {@code UUID},
 *       {@code TIME}, {@code BLOB} or nested types) is {@link #CATEGORICAL} when it has at most
 *       {@link #DEFAULT_CATEGORICAL_MAX_DISTINCT} distinct values or at most {@link
 *       #DEFAULT_CATEGORICAL_MAX_SHARE} of the row count, else {@link #TEXT}.
 * </ul>
 *
 * <p>Strings are never reinterpreted: a {@code VARCHAR} of codes with leading zeros ({@code 00501})
 * stays categorical or text, because converting it would lose the zeros.
 */
public enum ColumnKind {
  /** Numbers. */
  NUMERIC,
  /** Strings with few distinct values. */
  CATEGORICAL,
  /** Dates and timestamps. */
  DATETIME,
  /** True and false. */
  BOOLEAN,
  /** Strings with many distinct values. */
  TEXT;

  /** Strings with at most this many distinct values are categorical. */
  public static final long DEFAULT_CATEGORICAL_MAX_DISTINCT = 50;

  /** Strings whose distinct count is at most this share of the rows are categorical. */
  public static final double DEFAULT_CATEGORICAL_MAX_SHARE = 0.05;

  /** The contract's name of the kind, e.g. {@code numeric}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True for {@link #CATEGORICAL} and {@link #TEXT}, the kinds profiled as strings. */
  public boolean isString() {
    return this == CATEGORICAL || this == TEXT;
  }

  /**
   * Parses a contract name.
   *
   * @param id {@code numeric}, {@code categorical}, {@code datetime}, {@code boolean} or {@code
   *     text}, ignoring case
   * @return the kind
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for another name
   */
  public static ColumnKind fromId(String id) {
    for (ColumnKind kind : values()) {
      if (kind.id().equalsIgnoreCase(id == null ? "" : id.strip())) {
        return kind;
      }
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Unknown column kind '" + id + "'; use numeric, categorical, datetime, boolean or text");
  }

  /**
   * True for the engine's numeric types: {@code TINYINT} to {@code HUGEINT}, their unsigned forms,
   * {@code FLOAT}, {@code REAL}, {@code DOUBLE}, {@code DECIMAL(p,s)} and {@code NUMERIC}.
   *
   * @param engineType the type name as the engine reports it
   * @return whether the type is numeric
   */
  public static boolean isNumericType(String engineType) {
    String t = normalize(engineType);
    return t.startsWith("DECIMAL")
        || t.startsWith("NUMERIC")
        || switch (t) {
          case "TINYINT",
              "SMALLINT",
              "INTEGER",
              "INT",
              "BIGINT",
              "HUGEINT",
              "UTINYINT",
              "USMALLINT",
              "UINTEGER",
              "UBIGINT",
              "UHUGEINT",
              "INT1",
              "INT2",
              "INT4",
              "INT8",
              "LONG",
              "SHORT" ->
              true;
          default -> isFloatingType(t);
        };
  }

  /**
   * True for floating-point types, the only numeric types that can hold {@code NaN} and infinities.
   *
   * @param engineType the type name as the engine reports it
   * @return whether the type is {@code FLOAT}, {@code REAL}, {@code DOUBLE} or an alias
   */
  public static boolean isFloatingType(String engineType) {
    return switch (normalize(engineType)) {
      case "FLOAT", "FLOAT4", "FLOAT8", "REAL", "DOUBLE", "DOUBLE PRECISION" -> true;
      default -> false;
    };
  }

  /**
   * True for {@code DATE} and the {@code TIMESTAMP} types (with or without time zone, any
   * precision).
   *
   * @param engineType the type name as the engine reports it
   * @return whether the type is a date or timestamp
   */
  public static boolean isDatetimeType(String engineType) {
    String t = normalize(engineType);
    return t.equals("DATE") || t.startsWith("TIMESTAMP") || t.equals("DATETIME");
  }

  /**
   * True for {@code BOOLEAN}.
   *
   * @param engineType the type name as the engine reports it
   * @return whether the type is boolean
   */
  public static boolean isBooleanType(String engineType) {
    String t = normalize(engineType);
    return t.equals("BOOLEAN") || t.equals("BOOL") || t.equals("LOGICAL");
  }

  /**
   * True for types profiled as strings: all types that are not numeric, boolean or datetime.
   *
   * @param engineType the type name as the engine reports it
   * @return whether values of the type are profiled through their text form
   */
  public static boolean isStringType(String engineType) {
    return !isNumericType(engineType) && !isBooleanType(engineType) && !isDatetimeType(engineType);
  }

  /**
   * The kind of a column with the default thresholds.
   *
   * @param engineType the type name as the engine reports it
   * @param distinct the number of distinct non-missing values
   * @param rows the number of rows of the table
   * @return the kind
   */
  public static ColumnKind of(String engineType, long distinct, long rows) {
    return of(
        engineType,
        distinct,
        rows,
        DEFAULT_CATEGORICAL_MAX_DISTINCT,
        DEFAULT_CATEGORICAL_MAX_SHARE);
  }

  /**
   * The kind of a column.
   *
   * @param engineType the type name as the engine reports it
   * @param distinct the number of distinct non-missing values (only used for string types)
   * @param rows the number of rows of the table (only used for string types)
   * @param categoricalMaxDistinct strings with at most this many distinct values are categorical
   * @param categoricalMaxShare strings whose distinct count is at most this share of {@code rows}
   *     are categorical
   * @return the kind
   */
  public static ColumnKind of(
      String engineType,
      long distinct,
      long rows,
      long categoricalMaxDistinct,
      double categoricalMaxShare) {
    if (isNumericType(engineType)) {
      return NUMERIC;
    }
    if (isBooleanType(engineType)) {
      return BOOLEAN;
    }
    if (isDatetimeType(engineType)) {
      return DATETIME;
    }
    return distinct <= categoricalMaxDistinct || distinct <= categoricalMaxShare * rows
        ? CATEGORICAL
        : TEXT;
  }

  private static String normalize(String engineType) {
    if (engineType == null) {
      return "";
    }
    String t = engineType.strip().toUpperCase(Locale.ROOT);
    int paren = t.indexOf('(');
    return (paren < 0 ? t : t.substring(0, paren)).strip();
  }
}
