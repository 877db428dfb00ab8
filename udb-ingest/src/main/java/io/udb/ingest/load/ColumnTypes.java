package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Column type names: validation of names that come from outside (a connector's schema) and the
 * widening rules of schema evolution. Widening is allowed only where every old and new value keeps
 * its meaning: a wider integer, integers and decimals to DOUBLE, DATE to TIMESTAMP, anything to
 * VARCHAR.
 */
final class ColumnTypes {
  /** A scalar SQL type: words, an optional (precision[, scale]) and optional list brackets. */
  private static final Pattern SCALAR =
      Pattern.compile(
          "[A-Za-z][A-Za-z0-9_]*( [A-Za-z][A-Za-z0-9_]*){0,3}(\\(\\d{1,3}( ?, ?\\d{1,3})?\\))?(\\[\\])*");

  private static final Map<String, String> ALIASES =
      Map.ofEntries(
          Map.entry("INT", "INTEGER"),
          Map.entry("INT4", "INTEGER"),
          Map.entry("SIGNED", "INTEGER"),
          Map.entry("INT8", "BIGINT"),
          Map.entry("LONG", "BIGINT"),
          Map.entry("INT2", "SMALLINT"),
          Map.entry("SHORT", "SMALLINT"),
          Map.entry("INT1", "TINYINT"),
          Map.entry("REAL", "FLOAT"),
          Map.entry("FLOAT4", "FLOAT"),
          Map.entry("FLOAT8", "DOUBLE"),
          Map.entry("STRING", "VARCHAR"),
          Map.entry("TEXT", "VARCHAR"),
          Map.entry("CHAR", "VARCHAR"),
          Map.entry("BPCHAR", "VARCHAR"),
          Map.entry("BOOL", "BOOLEAN"),
          Map.entry("LOGICAL", "BOOLEAN"),
          Map.entry("DATETIME", "TIMESTAMP"),
          Map.entry("TIMESTAMPTZ", "TIMESTAMP WITH TIME ZONE"),
          Map.entry("NUMERIC", "DECIMAL"));

  private static final List<String> SIGNED =
      List.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT");
  private static final List<String> UNSIGNED =
      List.of("UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT");

  private ColumnTypes() {}

  /**
   * Checks that a type name from outside is a plain scalar type that can be pasted into DDL.
   *
   * @param type the type name
   * @return the type name
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} otherwise
   */
  static String validate(String type) {
    if (type == null || type.length() > 64 || !SCALAR.matcher(type.trim()).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Column type '" + type + "' is not a scalar SQL type such as BIGINT or DECIMAL(18,2)");
    }
    return type.trim();
  }

  /** The canonical spelling of a type, e.g. {@code INT} to {@code INTEGER}. */
  static String canonical(String type) {
    String t = type.trim().toUpperCase(Locale.ROOT).replaceAll("\\s+", " ");
    String base = t.replaceAll("\\(.*$", "");
    String alias = ALIASES.get(base);
    return alias == null ? t : alias + t.substring(base.length());
  }

  /**
   * The narrowest type holding every value of both types, if the two are compatible.
   *
   * @param target the table's column type
   * @param incoming the new data's column type
   * @return the widened type (equal to {@code target} when nothing must change), or empty when the
   *     types are incompatible
   */
  static Optional<String> widen(String target, String incoming) {
    String t = canonical(target);
    String s = canonical(incoming);
    if (t.equals(s)) {
      return Optional.of(target);
    }
    if (t.equals("VARCHAR")) {
      return Optional.of(target);
    }
    if (s.equals("VARCHAR")) {
      return Optional.of("VARCHAR");
    }
    if (isInteger(t) && isInteger(s)) {
      return Optional.of(widerInteger(t, s));
    }
    if (isNumeric(t) && isNumeric(s)) {
      return Optional.of("DOUBLE");
    }
    if (isTimestamp(t) && (s.equals("DATE") || isTimestamp(s))) {
      return Optional.of(target);
    }
    if (t.equals("DATE") && isTimestamp(s)) {
      return Optional.of("TIMESTAMP");
    }
    return Optional.empty();
  }

  private static boolean isInteger(String type) {
    return SIGNED.contains(type) || UNSIGNED.contains(type);
  }

  private static boolean isNumeric(String type) {
    return isInteger(type)
        || type.equals("FLOAT")
        || type.equals("DOUBLE")
        || type.startsWith("DECIMAL");
  }

  private static boolean isTimestamp(String type) {
    return type.equals("TIMESTAMP")
        || type.equals("TIMESTAMP_S")
        || type.equals("TIMESTAMP_MS")
        || type.equals("TIMESTAMP_NS");
  }

  private static String widerInteger(String a, String b) {
    boolean aSigned = SIGNED.contains(a);
    boolean bSigned = SIGNED.contains(b);
    int aRank = aSigned ? SIGNED.indexOf(a) : UNSIGNED.indexOf(a);
    int bRank = bSigned ? SIGNED.indexOf(b) : UNSIGNED.indexOf(b);
    if (aSigned == bSigned) {
      return (aSigned ? SIGNED : UNSIGNED).get(Math.max(aRank, bRank));
    }
    // An unsigned type needs the next wider signed type to keep its upper half.
    int needed = Math.max(aSigned ? aRank : aRank + 1, bSigned ? bRank : bRank + 1);
    return needed < SIGNED.size() ? SIGNED.get(needed) : "DOUBLE";
  }
}
