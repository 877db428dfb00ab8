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

  /**
   * Distinct values of a column over two tables with the count on each side, {@code (v, r, c)},
   * from one {@code GROUP BY} over {@code UNION ALL} of both; NULL first, then in increasing order.
   * The values are cast before the union only when the two column types differ.
   *
   * @param dialect the dialect
   * @param reference the reference table
   * @param current the current table
   * @param column the column
   * @param numeric whether to return numbers (else text)
   * @param sameType whether the column has the same type in both tables
   * @return the query
   */
  static String pairedValueCounts(
      SqlDialect dialect,
      TableRef reference,
      TableRef current,
      String column,
      boolean numeric,
      boolean sameType) {
    String quoted = dialect.quoteIdentifier(column);
    String value = sameType ? quoted : numeric ? dialect.toDouble(quoted) : dialect.toText(quoted);
    return "SELECT "
        + (numeric ? dialect.toDouble("v") : dialect.toText("v"))
        + " AS v, r, c FROM (SELECT v, "
        + dialect.countIf("s = 0")
        + " AS r, "
        + dialect.countIf("s = 1")
        + " AS c FROM (SELECT 0 AS s, "
        + value
        + " AS v FROM "
        + dialect.table(reference)
        + " UNION ALL SELECT 1 AS s, "
        + value
        + " AS v FROM "
        + dialect.table(current)
        + ") AS udb_both GROUP BY v) AS udb_counts"
        + (numeric ? " ORDER BY " + dialect.ascendingNullsFirst("1") : "");
  }
}
