package io.udb.quality.drift;

import java.util.Locale;
import java.util.Set;

/** Which engine column types drift can compare, and how. */
final class ColumnTypes {
  private static final Set<String> INTEGERS =
      Set.of(
          "TINYINT",
          "SMALLINT",
          "INTEGER",
          "BIGINT",
          "HUGEINT",
          "UTINYINT",
          "USMALLINT",
          "UINTEGER",
          "UBIGINT",
          "UHUGEINT",
          "INT",
          "INT1",
          "INT2",
          "INT4",
          "INT8",
          "LONG",
          "SHORT");
  private static final Set<String> TEXTS =
      Set.of(
          "VARCHAR",
          "CHAR",
          "TEXT",
          "STRING",
          "BPCHAR",
          "JSON",
          "BOOLEAN",
          "BOOL",
          "DATE",
          "TIME",
          "TIMESTAMP",
          "DATETIME",
          "TIMESTAMPTZ",
          "TIMESTAMP WITH TIME ZONE",
          "TIMESTAMP_S",
          "TIMESTAMP_MS",
          "TIMESTAMP_NS",
          "TIME WITH TIME ZONE",
          "UUID",
          "INTERVAL");

  private ColumnTypes() {}

  private static String base(String type) {
    String upper = type.trim().toUpperCase(Locale.ROOT);
    int paren = upper.indexOf('(');
    return paren < 0 ? upper : upper.substring(0, paren).trim();
  }

  /**
   * Whether values of the type are numbers (integers, decimals, floating point): the profiler's
   * definition, except that lists of numbers are not numbers.
   */
  static boolean numeric(String type) {
    return !type.contains("[") && io.udb.quality.profile.ColumnKind.isNumericType(type);
  }

  /** Whether the type holds whole numbers only (numpy's histogram widens bins of such data). */
  static boolean integral(String type) {
    return !type.contains("[") && INTEGERS.contains(base(type));
  }

  /** Whether values of the type compare as text categories (strings, booleans, dates, ...). */
  static boolean categorical(String type) {
    if (type.contains("[")) {
      return false;
    }
    String base = base(type);
    return TEXTS.contains(base) || base.equals("ENUM");
  }

  /** Whether drift can compare the type at all. */
  static boolean supported(String type) {
    return numeric(type) || categorical(type);
  }

  /** The kind a column of the type is tested as unless the request says otherwise. */
  static ColumnKind defaultKind(String type) {
    return numeric(type) ? ColumnKind.NUMERIC : ColumnKind.CATEGORICAL;
  }
}
