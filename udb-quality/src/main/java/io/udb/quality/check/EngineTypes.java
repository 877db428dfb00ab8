package io.udb.quality.check;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Families of engine type names (DuckDB's spelling), and their canonical forms for comparison. */
final class EngineTypes {
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
          "UHUGEINT");
  private static final Set<String> FLOATS = Set.of("FLOAT", "DOUBLE");
  private static final Set<String> STRINGS = Set.of("VARCHAR");

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("INT1", "TINYINT"),
          Map.entry("INT2", "SMALLINT"),
          Map.entry("SHORT", "SMALLINT"),
          Map.entry("INT", "INTEGER"),
          Map.entry("INT4", "INTEGER"),
          Map.entry("SIGNED", "INTEGER"),
          Map.entry("INT8", "BIGINT"),
          Map.entry("LONG", "BIGINT"),
          Map.entry("INT128", "HUGEINT"),
          Map.entry("REAL", "FLOAT"),
          Map.entry("FLOAT4", "FLOAT"),
          Map.entry("FLOAT8", "DOUBLE"),
          Map.entry("TEXT", "VARCHAR"),
          Map.entry("STRING", "VARCHAR"),
          Map.entry("CHAR", "VARCHAR"),
          Map.entry("BPCHAR", "VARCHAR"),
          Map.entry("BOOL", "BOOLEAN"),
          Map.entry("LOGICAL", "BOOLEAN"),
          Map.entry("DATETIME", "TIMESTAMP"),
          Map.entry("TIMESTAMP_US", "TIMESTAMP"),
          Map.entry("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"),
          Map.entry("NUMERIC", "DECIMAL"));

  private EngineTypes() {}

  /**
   * The canonical form of a type name: upper case, single spaces, aliases resolved ({@code INT8}
   * and {@code BIGINT} compare equal), parameters kept ({@code DECIMAL(10,2)}).
   *
   * @param type a type name
   * @return its canonical form
   */
  static String canonical(String type) {
    String upper = type.trim().replaceAll("\\s+", " ").toUpperCase(Locale.ROOT);
    int paren = upper.indexOf('(');
    String base = paren < 0 ? upper : upper.substring(0, paren).trim();
    String params = paren < 0 ? "" : upper.substring(paren).replace(" ", "");
    return ALIASES.getOrDefault(base, base) + params;
  }

  private static String base(String type) {
    String canonical = canonical(type);
    int paren = canonical.indexOf('(');
    return paren < 0 ? canonical : canonical.substring(0, paren);
  }

  static boolean isInteger(String type) {
    return INTEGERS.contains(base(type));
  }

  static boolean isFloating(String type) {
    return FLOATS.contains(base(type));
  }

  static boolean isDecimal(String type) {
    return base(type).equals("DECIMAL");
  }

  static boolean isNumeric(String type) {
    return isInteger(type) || isFloating(type) || isDecimal(type);
  }

  static boolean isString(String type) {
    return STRINGS.contains(base(type));
  }

  static boolean isBoolean(String type) {
    return base(type).equals("BOOLEAN");
  }

  static boolean isDate(String type) {
    return base(type).equals("DATE");
  }

  static boolean isTimestamp(String type) {
    return base(type).startsWith("TIMESTAMP");
  }
}
