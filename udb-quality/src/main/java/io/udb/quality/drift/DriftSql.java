package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;

/**
 * The SQL drift generates. Identifiers are quoted by the dialect; nothing from the user is pasted.
 * The few engine-specific spellings (casts, null ordering) are kept here so that they can move to
 * {@link SqlDialect} when a second engine arrives.
 */
final class DriftSql {
  private DriftSql() {}

  /**
   * Distinct values of a numeric column as {@code DOUBLE} with their counts, NULL first, then in
   * increasing order. Grouping happens on the column's own type, the cast only on the groups.
   */
  static String numericValueCounts(SqlDialect dialect, TableRef table, String column) {
    return "SELECT "
        + asDouble("v")
        + " AS v, n FROM (SELECT "
        + dialect.quoteIdentifier(column)
        + " AS v, count(*) AS n FROM "
        + dialect.table(table)
        + " GROUP BY 1) ORDER BY 1 NULLS FIRST";
  }

  /** Distinct values of a column as text with their counts, in no particular order. */
  static String textValueCounts(SqlDialect dialect, TableRef table, String column) {
    return "SELECT "
        + asText("v")
        + " AS v, n FROM (SELECT "
        + dialect.quoteIdentifier(column)
        + " AS v, count(*) AS n FROM "
        + dialect.table(table)
        + " GROUP BY 1)";
  }

  /** A cast to double precision. */
  static String asDouble(String expression) {
    return "CAST(" + expression + " AS DOUBLE)";
  }

  /** A cast to text. */
  static String asText(String expression) {
    return "CAST(" + expression + " AS VARCHAR)";
  }
}
