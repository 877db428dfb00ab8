package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import io.udb.quality.profile.AggregateQuery.Row;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The second pass of a profile: one statement that groups every column by value once and derives
 * from those value counts everything that needs more than a running aggregate.
 *
 * <p>Per column a common table expression {@code g<i>} holds the column's distinct values with
 * their counts ({@code n}) and, for numeric columns, their running total in value order ({@code
 * cum}). It is materialized where the engine can, and one aggregate over it reduces it, with a
 * scalar subquery only where a value needs a grouping or ordering of its own (top values,
 * histogram, periods, median length), because on an engine like Spark each subquery is a job:
 *
 * <ul>
 *   <li>distinct count, entropy terms, top values, extremes, string lengths and character classes;
 *   <li>exact quantiles: the values at the two ranks around (n - 1)·p found as the groups whose
 *       running totals cover them (a filtered list aggregate), interpolated in the JVM (R type 7);
 *   <li>the median of the finite values again, in the engine's arithmetic, as the centre of the
 *       median absolute deviation that {@link MadPass} computes afterwards from the rows;
 *   <li>central moments around the mean of the first pass, weighted by the counts;
 *   <li>histogram bins and datetime periods, summed from the counts;
 *   <li>Spearman: twice the average rank of each value ({@code 2 cum - n + 1}, an integer) joined
 *       back to the rows, by an inner join where the column has no missing values, and per pair the
 *       exact integer sums from which the JVM computes Pearson's r of the ranks.
 * </ul>
 *
 * <p>The table is therefore read for the per-column groupings and once more for the Spearman join.
 * Columns left out of the grouping in approximate mode get sketches from one more plain subquery.
 * Duplicate rows are counted by {@link ProfileRun} afterwards, and only when no column is a key.
 */
final class DistributionPass implements DistributionStatement {
  static final String LETTERS = "\\pL";
  static final String DIGITS = "\\p{Nd}";
  // RE2's \s; Java's would also match the vertical tab
  static final String SPACES = "\\t\\n\\f\\r ";
  static final String PUNCTUATION = "\\p{P}";
  static final String NON_ASCII = "\\x{80}-\\x{10FFFF}";
  private static final int SPEARMAN_SAMPLE_ROWS = 100_000;
  // the most possible values of a column whose MAD comes from its value counts
  private static final double MAD_FROM_GROUPS_MAX = 2_000_000;
  // a doubled average rank is at most 2n: (2n)^2 <= Long.MAX_VALUE up to this n
  static final long LONG_PRODUCT_MAX_ROWS = 1_518_500_249L;

  private final ProfileSql sql;
  private final SqlDialect dialect;
  private final ProfileOptions options;
  private final List<ColumnState> chunk;
  private final String source;
  private final List<ColumnState> numericCorrelated;
  private final long rowCount;
  private final long longProductMaxRows;

  private final List<String> ctes = new ArrayList<>();
  private final List<String> subqueries = new ArrayList<>();
  private final List<Object> parameters = new ArrayList<>();
  private final AggregateQuery outer = new AggregateQuery();
  private final List<Consumer<Row>> readers = new ArrayList<>();

  private Double[][] spearman;
  private int scans;

  /**
   * One statement of the pass.
   *
   * @param sql the engine spellings
   * @param options the profile options
   * @param chunk the columns this statement groups
   * @param source the projected source subquery
   * @param numericCorrelated the columns to rank for Spearman, empty for none
   * @param rowCount the table's row count, from the first pass
   */
  DistributionPass(
      ProfileSql sql,
      ProfileOptions options,
      List<ColumnState> chunk,
      String source,
      List<ColumnState> numericCorrelated,
      long rowCount) {
    this(sql, options, chunk, source, numericCorrelated, rowCount, LONG_PRODUCT_MAX_ROWS);
  }

  /**
   * One statement of the pass, with the most ranked rows whose rank products are multiplied as
   * 64-bit integers (more rows make them 38-digit decimals): {@link #LONG_PRODUCT_MAX_ROWS} but in
   * tests of the decimal shape.
   */
  DistributionPass(
      ProfileSql sql,
      ProfileOptions options,
      List<ColumnState> chunk,
      String source,
      List<ColumnState> numericCorrelated,
      long rowCount,
      long longProductMaxRows) {
    this.sql = sql;
    this.dialect = sql.dialect();
    this.options = options;
    this.chunk = chunk;
    this.source = source;
    this.numericCorrelated = numericCorrelated;
    this.rowCount = rowCount;
    this.longProductMaxRows = longProductMaxRows;
  }

  @Override
  public String statement() {
    List<ColumnState> raw = new ArrayList<>();
    for (ColumnState c : chunk) {
      if (c.consecutiveIntegers) {
        ConsecutiveIntegers.fill(c, options);
      } else if (grouped(c)) {
        grouping(c);
      } else {
        raw.add(c);
      }
    }
    if (!raw.isEmpty()) {
      sketches(raw);
    }
    if (numericCorrelated.size() >= 2) {
      rankCorrelations();
    }
    if (subqueries.isEmpty()) {
      return null;
    }
    return (ctes.isEmpty() ? "" : "WITH " + String.join(", ", ctes) + " ")
        + outer.sql(String.join(", ", subqueries));
  }

  @Override
  public List<Object> parameters() {
    return List.copyOf(parameters);
  }

  @Override
  public void read(List<Object> row) {
    Row r = new Row(row);
    readers.forEach(reader -> reader.accept(r));
  }

  @Override
  public Double[][] spearman() {
    return spearman;
  }

  @Override
  public int scans() {
    return scans;
  }

  @Override
  public boolean groups() {
    return !ctes.isEmpty() && chunk.stream().anyMatch(this::grouped);
  }

  /** Whether a column gets its exact value counts (always, except sketched ones). */
  boolean grouped(ColumnState c) {
    return !options.approximate()
        || c.base() == ColumnSpec.Base.STRING
        || c.base() == ColumnSpec.Base.BOOLEAN;
  }

  // ------------------------------------------------------------------ per-column value counts

  private void grouping(ColumnState c) {
    int i = c.spec.index();
    String g = "g" + i;
    String v = c.spec.value();
    boolean numeric = c.base().isNumeric();
    String counts =
        "SELECT "
            + v
            + " AS v, count(*) AS n FROM "
            + source
            + " WHERE "
            + v
            + " IS NOT NULL"
            + " GROUP BY "
            + v;
    ctes.add(
        dialect.materialized(
            g,
            numeric
                ? "SELECT v, n, "
                    + sql.runningTotal("n", "v")
                    + " AS cum FROM ("
                    + counts
                    + ") AS x"
                : counts));
    c.frequenciesKnown = true;
    String p = "c" + i + "_";
    List<String> aggregates = new ArrayList<>();
    int distinct = column(aggregates, p + "distinct", "count(*)");
    int nLogN = column(aggregates, p + "nlogn", "sum(n * ln(n))");
    int nSquared = column(aggregates, p + "nsq", "sum(" + dialect.toDouble("n") + " * n)");
    readers.add(
        r -> {
          c.distinct = r.longValue(distinct);
          c.sumNLogN = r.doubleOrNull(nLogN);
          c.sumNSquared = r.doubleOrNull(nSquared);
        });
    if (options.topValues() > 0) {
      int top = column(aggregates, p + "top", sql.mostFrequentOf(g, options.topValues()));
      readers.add(r -> c.top = r.list(top));
    }
    List<Object> params = new ArrayList<>();
    if (numeric || c.base() == ColumnSpec.Base.DATETIME) {
      if (options.extremeValues() > 0) {
        int smallest =
            column(aggregates, p + "small", sql.extremesOf(g, options.extremeValues(), false));
        int largest =
            column(aggregates, p + "large", sql.extremesOf(g, options.extremeValues(), true));
        readers.add(
            r -> {
              c.smallest = r.list(smallest);
              c.largest = r.list(largest);
            });
      }
    }
    if (numeric && c.finiteCount > 0) {
      numericShape(c, g, p, aggregates, params);
    } else if (c.base() == ColumnSpec.Base.DATETIME && c.count > 0) {
      c.period = period(c);
      int periods =
          column(
              aggregates,
              p + "periods",
              "(SELECT "
                  + kAndCounts()
                  + " FROM (SELECT "
                  + sql.periodStart("v", c.period)
                  + " AS k, sum(n) AS s FROM "
                  + g
                  + " GROUP BY 1) AS h)");
      readers.add(r -> c.periodCounts = r.list(periods));
    } else if (c.base() == ColumnSpec.Base.STRING) {
      stringShape(c, g, p, aggregates);
    }
    subqueries.add("(SELECT " + String.join(", ", aggregates) + " FROM " + g + ") AS a" + i);
    parameters.addAll(params);
  }

  private void numericShape(
      ColumnState c, String g, String p, List<String> aggregates, List<Object> params) {
    String finite = c.base() == ColumnSpec.Base.FLOATING ? dialect.isFinite("v") + " AND " : "";
    // exact quantiles: the values at the ranks around (n - 1) p, counted among finite values. The
    // value at a 0-based rank R of all values is the group whose running total covers it
    // (cum - n <= R < cum); one filter picks the few covering groups instead of one filtered
    // aggregate per rank. Ranks are shifted past the negative infinities, so the covering groups
    // are finite.
    long n = c.finiteCount;
    List<Long> positions = new ArrayList<>();
    for (double fraction : ProfileSql.QUANTILE_FRACTIONS) {
      for (long rank : Quantiles.ranks(n, fraction)) {
        positions.add(rank + c.negativeInfinite);
      }
    }
    int covering = column(aggregates, p + "qv", sql.coveringGroups(positions, "n", "cum", "v"));
    readers.add(
        r -> {
          List<Object> groups = r.list(covering);
          List<Object> values = new ArrayList<>();
          positions.forEach(position -> values.add(Quantiles.covering(groups, position)));
          c.quantileBounds = values;
        });
    if (!options.approximate()) {
      // the median the MAD is taken around, in the engine's arithmetic on the column's own type
      long[] medianRanks = Quantiles.ranks(n, 0.5);
      long lo = medianRanks[0] + c.negativeInfinite;
      long hi = medianRanks[1] + c.negativeInfinite;
      String medianSql =
          dialect.toDouble(
              Quantiles.interpolationSql(
                  dialect.filtered("min(v)", "cum > " + lo),
                  dialect.filtered("min(v)", "cum > " + hi),
                  Quantiles.fraction(n, 0.5)));
      int median = column(aggregates, p + "median", medianSql);
      readers.add(r -> c.madMedian = r.doubleOrNull(median));
      if (dialect.materializesCommonTableExpressions()
          && ProfileSql.distinctBound(c.spec.type(), c.min, c.max) <= MAD_FROM_GROUPS_MAX) {
        madFromGroups(c, g, p, aggregates, medianSql);
      }
    }
    int m2 = column(aggregates, p + "m2", centralSum(finite, 2));
    int m3 = column(aggregates, p + "m3", centralSum(finite, 3));
    int m4 = column(aggregates, p + "m4", centralSum(finite, 4));
    bindMean(params, c.mean);
    readers.add(
        r -> {
          c.centralSum2 = r.doubleOrNull(m2);
          c.centralSum3 = r.doubleOrNull(m3);
          c.centralSum4 = r.doubleOrNull(m4);
        });
    int bins = options.histogramBins();
    if (c.max > c.min) {
      int histogram =
          column(
              aggregates,
              p + "hist",
              "(SELECT "
                  + kAndCounts()
                  + " FROM (SELECT "
                  + sql.bin("v", bins)
                  + " AS k, sum(n) AS s FROM "
                  + g
                  + (finite.isEmpty() ? "" : " WHERE " + dialect.isFinite("v"))
                  + " GROUP BY 1) AS h)");
      params.add(c.min);
      params.add(bins / (c.max - c.min));
      readers.add(r -> c.bins = Quantiles.binCounts(r.list(histogram), bins));
    } else {
      c.bins = new long[] {c.finiteCount};
    }
  }

  /**
   * The MAD from the value counts, with the median above computed again in a subquery: the groups'
   * deviations |v - median| with their counts, in order, and the groups covering the two middle
   * ranks. Only for columns with few enough possible values: sorting the deviations of millions of
   * groups costs more than {@link MadPass}'s selection over the rows, while for fewer groups it is
   * nearly free next to that selection (measured in {@code udb-bench}: 1M groups of a decimal,
   * about nothing against a third of a second).
   */
  private void madFromGroups(
      ColumnState c, String g, String p, List<String> aggregates, String median) {
    long n = c.finiteCount;
    long[] ranks = Quantiles.ranks(n, 0.5);
    int mad =
        column(
            aggregates,
            p + "mad",
            "(SELECT "
                + sql.coveringGroups(List.of(ranks[0], ranks[1]), "s", "c", "d")
                + " FROM (SELECT d, s, "
                + sql.runningTotal("s", "d")
                + " AS c FROM (SELECT abs("
                + dialect.toDouble("v")
                + " - med.m) AS d, sum(n) AS s FROM "
                + g
                + ", (SELECT "
                + median
                + " AS m FROM "
                + g
                + ") AS med GROUP BY 1) AS x) AS y)");
    readers.add(r -> c.mad = Quantiles.medianOfCovering(r.list(mad), n));
  }

  private String centralSum(String finite, int power) {
    String sum = "sum(n * " + sql.centralPower(dialect.toDouble("v"), power) + ")";
    return finite.isEmpty() ? sum : dialect.filtered(sum, dialect.isFinite("v"));
  }

  /** Binds the mean of the central sums of powers 2, 3 and 4, in that order: once per factor. */
  private static void bindMean(List<Object> params, Double mean) {
    for (int factor = 0; factor < 2 + 3 + 4; factor++) {
      params.add(mean);
    }
  }

  /** The list of {k, n} structs of a grouping's keys {@code k} and summed counts {@code s}. */
  private String kAndCounts() {
    return dialect.structList(List.of("k", "n"), List.of("k", "s"));
  }

  private void stringShape(ColumnState c, String g, String p, List<String> aggregates) {
    String v = "v";
    // the smallest and largest strings, which the moments pass leaves to this pass
    int min = column(aggregates, p + "min", "min(" + v + ")");
    int max = column(aggregates, p + "max", "max(" + v + ")");
    readers.add(
        r -> {
          c.minValue = r.get(min);
          c.maxValue = r.get(max);
        });
    int minLength = column(aggregates, p + "minlen", "min(" + sql.length(v) + ")");
    int maxLength = column(aggregates, p + "maxlen", "max(" + sql.length(v) + ")");
    int length = column(aggregates, p + "len", "sum(n * " + sql.length(v) + ")");
    int bytes = column(aggregates, p + "bytes", "sum(n * " + dialect.byteLength(v) + ")");
    readers.add(
        r -> {
          c.minLength = r.longOrNull(minLength);
          c.maxLength = r.longOrNull(maxLength);
          c.totalLength = r.longValue(length);
          c.totalBytes = r.longValue(bytes);
        });
    if (!options.minimal()) {
      characterClasses(c, p, aggregates, v);
    }
    if (c.count > 0) {
      long[] ranks = Quantiles.ranks(c.count, 0.5);
      int lengths = column(aggregates, p + "medlen", medianLengths(g, ranks));
      readers.add(r -> c.medianLength = Quantiles.medianOfCovering(r.list(lengths), c.count));
    }
  }

  /**
   * Character class counts, weighted by n; the regular expressions make them the costliest part.
   */
  private void characterClasses(ColumnState c, String p, List<String> aggregates, String v) {
    int letters =
        column(aggregates, p + "letters", "sum(n * " + dialect.characterCount(v, LETTERS) + ")");
    int digits =
        column(aggregates, p + "digits", "sum(n * " + dialect.characterCount(v, DIGITS) + ")");
    int spaces =
        column(aggregates, p + "spaces", "sum(n * " + dialect.characterCount(v, SPACES) + ")");
    int punctuation =
        column(aggregates, p + "punct", "sum(n * " + dialect.characterCount(v, PUNCTUATION) + ")");
    int nonAscii =
        column(aggregates, p + "nonascii", "sum(n * " + dialect.characterCount(v, NON_ASCII) + ")");
    c.charactersKnown = true;
    readers.add(
        r -> {
          c.letters = r.longValue(letters);
          c.digits = r.longValue(digits);
          c.spaces = r.longValue(spaces);
          c.punctuation = r.longValue(punctuation);
          c.nonAscii = r.longValue(nonAscii);
        });
  }

  /**
   * The lengths at the two 0-based ranks around the median, weighted by n: the groups of the length
   * distribution whose running totals cover them, as {c, n, v} structs (one subquery for both).
   */
  private String medianLengths(String g, long[] ranks) {
    return "(SELECT "
        + sql.coveringGroups(List.of(ranks[0], ranks[1]), "s", "c", "len")
        + " FROM (SELECT len, s, "
        + sql.runningTotal("s", "len")
        + " AS c FROM (SELECT "
        + sql.length("v")
        + " AS len, sum(n) AS s FROM "
        + g
        + " GROUP BY 1) AS x) AS y)";
  }

  // ------------------------------------------------------------------ sketches, duplicates, ranks

  /** Approximate mode: MAD, central moments and histograms of the sketched columns, one scan. */
  private void sketches(List<ColumnState> raw) {
    List<String> aggregates = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    for (ColumnState c : raw) {
      String p = "c" + c.spec.index() + "_";
      if (c.base().isNumeric() && c.finiteCount > 0) {
        String f = c.spec.finite();
        Double median = Quantiles.medianOf(c.approximateQuantiles);
        if (median != null) {
          int mad =
              column(
                  aggregates,
                  p + "mad",
                  dialect.approximateQuantile(
                      "abs(" + f + " - " + dialect.toDouble("?") + ")", 0.5));
          params.add(median);
          readers.add(r -> c.mad = r.doubleOrNull(mad));
        }
        int m2 = column(aggregates, p + "m2", sql.centralPowerSum(f, 2));
        int m3 = column(aggregates, p + "m3", sql.centralPowerSum(f, 3));
        int m4 = column(aggregates, p + "m4", sql.centralPowerSum(f, 4));
        bindMean(params, c.mean);
        readers.add(
            r -> {
              c.centralSum2 = r.doubleOrNull(m2);
              c.centralSum3 = r.doubleOrNull(m3);
              c.centralSum4 = r.doubleOrNull(m4);
            });
        int bins = options.histogramBins();
        if (c.max > c.min) {
          int histogram =
              column(
                  aggregates,
                  p + "hist",
                  dialect.valueCounts(source, sql.bin(f, bins), f + " IS NOT NULL"));
          params.add(c.min);
          params.add(bins / (c.max - c.min));
          readers.add(r -> c.bins = Quantiles.binCounts(r.map(histogram), bins));
        } else {
          c.bins = new long[] {c.finiteCount};
        }
      } else if (c.base() == ColumnSpec.Base.DATETIME && c.count > 0) {
        c.period = period(c);
        int periods =
            column(
                aggregates,
                p + "periods",
                dialect.valueCounts(source, sql.periodStart(c.spec.value(), c.period), null));
        readers.add(r -> c.periodCounts = Quantiles.entries(r.map(periods)));
      }
    }
    if (!aggregates.isEmpty()) {
      subqueries.add("(SELECT " + String.join(", ", aggregates) + " FROM " + source + ") AS sk");
      parameters.addAll(params);
      scans++;
    }
  }

  /**
   * Spearman's rho for every pair: Pearson's r of the columns' average ranks, from exact integer
   * sums. Twice an average rank, {@code 2 cum - n + 1}, is an integer (for a column of consecutive
   * integers {@code value - min} serves, a linear function of the rank), so every sum r needs —
   * over the pairwise complete rows: their count, Σx, Σy, Σx², Σy², Σxy — is summed exactly by the
   * engine (see {@link SqlDialect#exactIntegerSum}) and r is computed in the JVM from the exact
   * sums ({@link #pearsonOfSums}), rounded once from 34 significant digits, where an engine's
   * floating-point {@code corr} loses digits to cancellation for weak correlations (measured on
   * DuckDB: the 22 integer sums of four columns cost about what their six {@code corr}s cost). The
   * ranks are joined back to the rows: an inner join for a column without missing values (every
   * value has its group; measured on DuckDB at a third to a half of a left join's cost), a left
   * join otherwise. Sums over the pairwise complete rows of a column with missing values use an
   * indicator of its presence as a factor instead of a filter per sum. In approximate mode, over a
   * fixed-seed reservoir sample of the rows instead of all of them.
   */
  private void rankCorrelations() {
    String rows = source;
    String alias = "src";
    long rankedRows = rowCount;
    if (options.approximate()) {
      ctes.add(
          dialect.materialized(
              "sp",
              dialect.sample(
                  "SELECT "
                      + numericCorrelated.stream()
                          .map(c -> c.spec.value())
                          .collect(Collectors.joining(", "))
                      + " FROM "
                      + source,
                  SPEARMAN_SAMPLE_ROWS)));
      rows = "sp";
      alias = "sp";
      rankedRows = Math.min(rowCount, SPEARMAN_SAMPLE_ROWS);
    }
    // products of two ranks below 2^63 stay 64-bit integers; beyond (over 1.5e9 rows) decimals
    boolean wide = rankedRows > longProductMaxRows;
    int size = numericCorrelated.size();
    StringBuilder innerJoins = new StringBuilder();
    StringBuilder leftJoins = new StringBuilder();
    List<String> projection = new ArrayList<>();
    boolean[] missing = new boolean[size];
    for (int j = 0; j < size; j++) {
      ColumnState c = numericCorrelated.get(j);
      String v = c.spec.value();
      missing[j] = c.count < rowCount;
      String x;
      if (c.consecutiveIntegers && !options.approximate()) {
        // its average rank is value - min + 1, and Pearson's r ignores the shift: no join
        x = "CAST(" + alias + "." + v + " AS BIGINT) - (" + c.min.longValue() + ")";
      } else {
        x = "r" + j + ".r";
        (missing[j] ? leftJoins : innerJoins)
            .append(missing[j] ? " LEFT JOIN " : " INNER JOIN ")
            .append(doubledRanks(c, rows))
            .append(" AS r")
            .append(j)
            .append(" ON ")
            .append(alias)
            .append(".")
            .append(v)
            .append(" = r")
            .append(j)
            .append(".v");
      }
      projection.add((wide ? "CAST(" + x + " AS DECIMAL(38, 0))" : x) + " AS x" + j);
      if (missing[j]) {
        projection.add("CASE WHEN " + x + " IS NULL THEN 0 ELSE 1 END AS e" + j);
      }
    }
    List<String> aggregates = new ArrayList<>();
    int n = column(aggregates, "sp_n", "count(*)");
    int[] count = new int[size];
    int[] sum = new int[size];
    int[] squares = new int[size];
    for (int j = 0; j < size; j++) {
      String x = "x" + j;
      sum[j] = column(aggregates, "sp_s" + j, dialect.exactIntegerSum(x));
      squares[j] = column(aggregates, "sp_q" + j, dialect.exactIntegerSum(x + " * " + x));
      count[j] = missing[j] ? column(aggregates, "sp_n" + j, "count(" + x + ")") : n;
    }
    spearman = ProfileRun.pairMatrix(size);
    ProfileRun.forEachPair(
        size,
        (i, j) -> {
          String xi = "x" + i;
          String xj = "x" + j;
          String p = "sp_" + i + "_" + j;
          int products = column(aggregates, p, dialect.exactIntegerSum(xi + " * " + xj));
          // Σx and Σx² of each side over the rows where the other side is present too
          int[] iOfPairs = restricted(aggregates, p + "_i", xi, j, missing, sum[i], squares[i]);
          int[] jOfPairs = restricted(aggregates, p + "_j", xj, i, missing, sum[j], squares[j]);
          int pairs =
              missing[i] && missing[j]
                  ? column(aggregates, p + "_n", "count(" + xi + " * " + xj + ")")
                  : missing[i] ? count[i] : count[j];
          readers.add(
              r ->
                  ProfileRun.setPair(
                      spearman,
                      i,
                      j,
                      pearsonOfSums(
                          exact(r, pairs),
                          exact(r, iOfPairs[0]),
                          exact(r, jOfPairs[0]),
                          exact(r, iOfPairs[1]),
                          exact(r, jOfPairs[1]),
                          exact(r, products))));
        });
    subqueries.add(
        "(SELECT "
            + String.join(", ", aggregates)
            + " FROM (SELECT "
            + String.join(", ", projection)
            + " FROM "
            + rows
            + innerJoins
            + leftJoins
            + ") AS rk) AS spearman");
    scans++;
  }

  /**
   * The slots of Σx and Σx² over the rows where column {@code other} is present: the plain sums
   * when it is never missing, else sums with its presence indicator as a factor.
   */
  private int[] restricted(
      List<String> aggregates,
      String name,
      String x,
      int other,
      boolean[] missing,
      int sum,
      int squares) {
    if (!missing[other]) {
      return new int[] {sum, squares};
    }
    String e = " * e" + other;
    return new int[] {
      column(aggregates, name + "s", dialect.exactIntegerSum(x + e)),
      column(aggregates, name + "q", dialect.exactIntegerSum(x + " * " + x + e))
    };
  }

  /**
   * A column's distinct values {@code v} with twice their average rank {@code r}: {@code 2 cum - n
   * + 1}, from the materialized value counts where this statement has them.
   */
  private String doubledRanks(ColumnState c, String rows) {
    if (!options.approximate() && chunk.contains(c) && c.finiteCount > 0) {
      return "(SELECT v, 2 * cum - n + 1 AS r FROM g" + c.spec.index() + ")";
    }
    String v = c.spec.value();
    return "(SELECT v, 2 * "
        + sql.runningTotal("n", "v")
        + " - n + 1 AS r FROM (SELECT "
        + v
        + " AS v, count(*) AS n FROM "
        + rows
        + " WHERE "
        + v
        + " IS NOT NULL GROUP BY "
        + v
        + ") AS x)";
  }

  /** An exact integer sum as the engine returns it (a long or a decimal), 0 for none. */
  private static BigInteger exact(Row r, int slot) {
    Object value = r.get(slot);
    if (value == null) {
      return BigInteger.ZERO;
    }
    if (value instanceof BigInteger integer) {
      return integer;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toBigIntegerExact();
    }
    return BigInteger.valueOf(((Number) value).longValue());
  }

  /**
   * Pearson's r from exact sums over n pairs: (nΣxy - ΣxΣy) / sqrt((nΣx² - (Σx)²)(nΣy² - (Σy)²)),
   * the three differences exact, the quotient rounded once from 34 significant digits. {@code null}
   * for fewer than two pairs or a constant side, where {@code corr} gives {@code NULL} or NaN.
   */
  static Double pearsonOfSums(
      BigInteger n,
      BigInteger sumX,
      BigInteger sumY,
      BigInteger sumXx,
      BigInteger sumYy,
      BigInteger sumXy) {
    if (n.compareTo(BigInteger.TWO) < 0) {
      return null;
    }
    BigInteger covariance = n.multiply(sumXy).subtract(sumX.multiply(sumY));
    BigInteger varianceX = n.multiply(sumXx).subtract(sumX.multiply(sumX));
    BigInteger varianceY = n.multiply(sumYy).subtract(sumY.multiply(sumY));
    if (varianceX.signum() <= 0 || varianceY.signum() <= 0) {
      return null;
    }
    BigDecimal root = new BigDecimal(varianceX.multiply(varianceY)).sqrt(MathContext.DECIMAL128);
    return new BigDecimal(covariance).divide(root, MathContext.DECIMAL128).doubleValue();
  }

  private String period(ColumnState c) {
    return options.datetimePeriod() != null
        ? options.datetimePeriod()
        : ProfileRun.period(c.rangeSeconds == null ? 0 : c.rangeSeconds);
  }

  /** Adds {@code expression AS alias} to a subquery and {@code alias} to the outer select. */
  private int column(List<String> aggregates, String alias, String expression) {
    aggregates.add(expression + " AS " + alias);
    return outer.add(alias);
  }
}
