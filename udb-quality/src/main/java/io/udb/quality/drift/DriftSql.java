package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.List;

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
   * The values of a numeric column as {@code DOUBLE}, one row per table row, in no order: the raw
   * reading of a column whose values are nearly all distinct.
   */
  static String numericValues(SqlDialect dialect, TableRef table, String column) {
    return "SELECT "
        + dialect.toDouble(dialect.quoteIdentifier(column))
        + " FROM "
        + dialect.table(table);
  }

  /**
   * The value counts of many sides in one statement: one {@code GROUP BY} per side, as {@link
   * #numericValueCounts} and {@link #textValueCounts} group them, concatenated with {@code UNION
   * ALL} into rows of {@code (side, number, text, count)}, where {@code side} is the side's
   * position in {@code sides}, {@code number} a numeric side's value and {@code text} a text side's
   * value (the other one NULL). Rows come ordered by side, a numeric side's values NULL first, then
   * increasing. Each branch reads only its own column, so this costs what the separate statements
   * cost, without their round trips and planning.
   */
  static String valueCountsOfMany(SqlDialect dialect, List<SideReader.Side> sides) {
    List<String> branches = new ArrayList<>();
    for (int k = 0; k < sides.size(); k++) {
      SideReader.Side side = sides.get(k);
      branches.add(
          "SELECT "
              + k
              + " AS udb_side, "
              + dialect.toDouble(side.numeric() ? "v" : "NULL")
              + " AS udb_number, "
              + dialect.toText(side.numeric() ? "NULL" : "v")
              + " AS udb_text, n FROM (SELECT "
              + dialect.quoteIdentifier(side.column())
              + " AS v, count(*) AS n FROM "
              + dialect.table(side.table())
              + " GROUP BY 1) AS udb_counts_"
              + k);
    }
    return String.join(" UNION ALL ", branches)
        + " ORDER BY 1, "
        + dialect.ascendingNullsFirst("2");
  }
}
