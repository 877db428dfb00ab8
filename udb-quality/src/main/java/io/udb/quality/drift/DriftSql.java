package io.udb.quality.drift;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
   * ALL} into rows of {@code (side, number, text, count, low, high, variance)}, where {@code side}
   * is the side's position in {@code sides}, {@code number} a numeric side's value and {@code text}
   * a text side's value (the other one NULL). A side with {@code cells} is sketched instead ({@link
   * SketchedSide}): its values grouped into {@value SketchedSide#CELLS} equal-width cells between
   * the given finite bounds, each row a cell with the mean of its values as {@code number}, their
   * smallest, largest and population variance as {@code low}, {@code high} and {@code variance}
   * (NULL for other sides), and NULL a row of its own. Rows come ordered by side, a numeric side's
   * values NULL first, then increasing. Each branch reads only its own column, so this costs what
   * the separate statements cost, without their round trips and planning.
   */
  static String valueCountsOfMany(
      SqlDialect dialect, List<SideReader.Side> sides, Map<SideReader.Side, double[]> cells) {
    List<String> branches = new ArrayList<>();
    String none = dialect.toDouble("NULL");
    for (int k = 0; k < sides.size(); k++) {
      SideReader.Side side = sides.get(k);
      double[] bounds = cells.get(side);
      if (bounds != null) {
        branches.add(cellBranch(dialect, k, side, bounds[0], bounds[1]));
        continue;
      }
      branches.add(
          "SELECT "
              + k
              + " AS udb_side, "
              + dialect.toDouble(side.numeric() ? "v" : "NULL")
              + " AS udb_number, "
              + dialect.toText(side.numeric() ? "NULL" : "v")
              + " AS udb_text, n, "
              + none
              + " AS udb_low, "
              + none
              + " AS udb_high, "
              + none
              + " AS udb_variance FROM (SELECT "
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

  /**
   * A sketched side's cells as {@link SketchedSide#read} numbers them, {@code floor((x - min) /
   * width)}, values at the upper bound in a last cell of their own. The bounds are finite, so the
   * column holds no NaN or infinity ({@link SqlDialect#storedBounds} bounds them too) and NULL is
   * the one other group.
   */
  private static String cellBranch(
      SqlDialect dialect, int k, SideReader.Side side, double min, double max) {
    return "SELECT "
        + k
        + " AS udb_side, s / n AS udb_number, "
        + dialect.toText("NULL")
        + " AS udb_text, n, lo AS udb_low, hi AS udb_high, vp AS udb_variance FROM (SELECT"
        + " floor((x - "
        + literal(dialect, min)
        + ") / "
        + literal(dialect, (max - min) / SketchedSide.CELLS)
        + ") AS cell, count(*) AS n, sum(x) AS s, min(x) AS lo, max(x) AS hi, var_pop(x) AS vp"
        + " FROM (SELECT "
        + dialect.toDouble(dialect.quoteIdentifier(side.column()))
        + " AS x FROM "
        + dialect.table(side.table())
        + ") AS udb_values_"
        + k
        + " GROUP BY 1) AS udb_cells_"
        + k;
  }

  private static String literal(SqlDialect dialect, double value) {
    return dialect.toDouble("'" + value + "'");
  }
}
