package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;

/**
 * The SQL drift generates, spelled through the engine's {@link SqlDialect}. Identifiers are quoted
 * by the dialect; nothing from the user is pasted.
 */
final class DriftSql {
  private DriftSql() {}

  /**
   * Distinct values of a numeric column as {@code DOUBLE} with their counts, NULL first, then in
   * increasing order. Grouping happens on the column's own type, the cast only on the groups.
   */
  static String numericValueCounts(SqlDialect dialect, TableRef table, String column) {
    return "SELECT "
        + dialect.toDouble("v")
        + " AS v, n FROM (SELECT "
        + dialect.quoteIdentifier(column)
        + " AS v, count(*) AS n FROM "
        + dialect.table(table)
        + " GROUP BY 1) AS udb_counts ORDER BY "
        + dialect.ascendingNullsFirst("1");
  }

  /** Distinct values of a column as text with their counts, in no particular order. */
  static String textValueCounts(SqlDialect dialect, TableRef table, String column) {
    return "SELECT "
        + dialect.toText("v")
        + " AS v, n FROM (SELECT "
        + dialect.quoteIdentifier(column)
        + " AS v, count(*) AS n FROM "
        + dialect.table(table)
        + " GROUP BY 1) AS udb_counts";
  }
}
