package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import java.util.ArrayList;
import java.util.List;

/**
 * The exact median absolute deviation of numeric columns, from the rows: one statement per {@value
 * #COLUMNS_PER_STATEMENT} columns selecting, per column, the two deviations |x - median| at the
 * ranks around the middle ({@link SqlDialect#valuesAtRanks}, on DuckDB a selection algorithm rather
 * than a sort), then interpolated in the JVM exactly as the quantiles are.
 *
 * <p>Why not from the value counts of the distribution pass: there the deviations of a column with
 * many distinct values had to be sorted with a running total to find the middle one (for a unique
 * column of 5M rows most of a second); a selection over the rows is several times cheaper, and
 * weights do not matter because every row is there.
 *
 * <p>On an engine that {@linkplain SqlDialect#groupsColumnsTogether() groups columns together}
 * (Spark) the MAD comes from the value counts after all ({@link GroupingSetsPass}): there a
 * statement of its own costs a pass over the rows and jobs, where the deviations' running total is
 * one more sort of the groups within partitions the grouping statement already has.
 *
 * <p>The median comes from the distribution pass, computed by the engine in the column's own
 * arithmetic, so the deviations are the same numbers the value counts would give.
 */
final class MadPass {
  /** The selection buffers every value of a column in the engine; bounded per statement. */
  static final int COLUMNS_PER_STATEMENT = 4;

  private final ProfileSql sql;
  private final List<ColumnState> columns;
  private final String source;

  /**
   * One statement.
   *
   * @param sql the engine spellings
   * @param columns the numeric columns, each with its {@link ColumnState#madMedian}
   * @param source the projected source subquery
   */
  MadPass(ProfileSql sql, List<ColumnState> columns, String source) {
    this.sql = sql;
    this.columns = columns;
    this.source = source;
  }

  /** The columns of the given ones that get their MAD here. */
  static List<ColumnState> eligible(List<ColumnState> columns) {
    return columns.stream()
        .filter(
            c -> c.base().isNumeric() && c.finiteCount > 0 && c.madMedian != null && c.mad == null)
        .toList();
  }

  String statement() {
    SqlDialect dialect = sql.dialect();
    // the deviations are projected once below, so that an engine that spells the selection with
    // the expression once per rank still binds each median once
    List<String> deviations = new ArrayList<>();
    List<String> selects = new ArrayList<>();
    for (ColumnState c : columns) {
      String deviation = "d" + c.spec.index();
      deviations.add(
          "abs(" + c.spec.finite() + " - " + dialect.toDouble("?") + ") AS " + deviation);
      long[] ranks = Quantiles.ranks(c.finiteCount, 0.5);
      selects.add(dialect.valuesAtRanks(deviation, c.finiteCount, List.of(ranks[0], ranks[1])));
    }
    return "SELECT "
        + String.join(", ", selects)
        + " FROM (SELECT "
        + String.join(", ", deviations)
        + " FROM "
        + source
        + ") AS deviations";
  }

  List<Object> parameters() {
    return columns.stream().map(c -> (Object) c.madMedian).toList();
  }

  /** Applies the statement's one result row. */
  void read(List<Object> row) {
    for (int i = 0; i < columns.size(); i++) {
      ColumnState c = columns.get(i);
      List<?> bounds = (List<?>) row.get(i);
      c.mad =
          bounds == null
              ? null
              : Quantiles.interpolate(
                  AggregateQuery.toDouble(bounds.get(0)),
                  AggregateQuery.toDouble(bounds.get(1)),
                  Quantiles.fraction(c.finiteCount, 0.5));
    }
  }
}
