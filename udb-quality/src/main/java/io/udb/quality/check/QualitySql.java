package io.udb.quality.check;

/**
 * The engine-specific spellings of the SQL the checks generate (DuckDB's), kept in one place so
 * that they can move into {@link io.udb.api.engine.SqlDialect} when a second engine arrives.
 * Arguments are SQL expressions built from quoted identifiers and {@code ?} placeholders, never
 * user text.
 */
final class QualitySql {
  /**
   * A SQL string literal holding the pattern of whole numbers written in decimal, optionally
   * signed, with surrounding blanks allowed.
   */
  static final String INTEGER_TEXT = "'\\s*[+-]?[0-9]+\\s*'";

  private QualitySql() {}

  /** Rows for which a condition is true. */
  static String countIf(String condition) {
    return "count_if(" + condition + ")";
  }

  /** Whether the whole text of an expression matches a regular expression given as a parameter. */
  static String fullMatch(String textExpression, String patternParameter) {
    return "regexp_full_match(" + textExpression + ", " + patternParameter + ")";
  }

  /** An expression as text. */
  static String asText(String expression) {
    return "CAST(" + expression + " AS VARCHAR)";
  }

  /** An expression converted to a type, or null when it cannot be. */
  static String tryCast(String expression, String type) {
    return "TRY_CAST(" + expression + " AS " + type + ")";
  }

  /** Seconds since 1970-01-01T00:00Z of a date or timestamp expression, as a double. */
  static String epochSeconds(String expression) {
    return "epoch(" + expression + ")";
  }

  /** An aggregate's value as a double, so that sums of big integers come back as one type. */
  static String asDouble(String expression) {
    return "CAST(" + expression + " AS DOUBLE)";
  }

  /** A query returning the parse tree of a statement (given as its one parameter) as JSON. */
  static String parseTreeQuery() {
    return "SELECT json_serialize_sql(CAST(? AS VARCHAR))";
  }

  /** The value counts of an expression, as a list of {@code {key, value}} structs. */
  static String valueCounts(String expression) {
    return "map_entries(histogram(" + expression + "))";
  }
}
