package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import io.udb.quality.profile.AggregateQuery.Row;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The distribution pass in the shape of an engine that runs every scalar subquery as a job and
 * recomputes a common table expression at every reference ({@link
 * SqlDialect#groupsColumnsTogether()}, Spark): one statement whose aggregates are all filtered
 * aggregates over one grouping of every column, with no scalar subquery. Exact mode only; it fills
 * the same {@link ColumnState} fields with the same numbers as {@link DistributionPass}.
 *
 * <p>The statement:
 *
 * <ol>
 *   <li>{@code g}: one {@code GROUPING SETS} aggregation with a set per key and the count {@code n}
 *       of each group. The keys are each column's value and, where the profile needs counts of
 *       something derived from the value, that derived key as a set of its own: a numeric column's
 *       histogram bin, a datetime column's period, a string's length. Within the rows of one set
 *       only that set's key is non-null, and its null group is dropped, so that {@code k IS NOT
 *       NULL} picks a key's value counts;
 *   <li>{@code w}: one window over {@code g} partitioned by the set, giving each group the running
 *       total {@code cum} of the counts in key order, for the keys whose ranks matter (numeric
 *       values for quantiles and the MAD's median, string lengths for the median length);
 *   <li>one aggregate over {@code w} reducing every key with aggregates filtered on that key:
 *       distinct counts, entropy terms, top values and extremes (bounded {@link
 *       SqlDialect#rowsWithExtremeKeys}), the groups covering the quantile ranks, central moments,
 *       histogram, periods and lengths as lists of {key, count}, character classes;
 *   <li>Spearman's rho: the Pearson correlation of the rows' average ranks, from window functions
 *       over the rows.
 * </ol>
 */
final class GroupingSetsPass implements DistributionStatement {
  private final ProfileSql sql;
  private final SqlDialect dialect;
  private final ProfileOptions options;
  private final List<ColumnState> chunk;
  private final String source;
  private final List<ColumnState> numericCorrelated;

  /** The grouping keys as {@code expression AS alias}, in order. */
  private final List<String> keys = new ArrayList<>();

  /** The aliases of the keys, in order. */
  private final List<String> aliases = new ArrayList<>();

  /** The keys whose groups get a running total, in window order. */
  private final List<String> ranked = new ArrayList<>();

  private boolean groupsValues;

  private final List<Object> keyParameters = new ArrayList<>();
  private final List<Object> aggregateParameters = new ArrayList<>();
  private final AggregateQuery outer = new AggregateQuery();
  private final List<String> aggregates = new ArrayList<>();
  private final List<Consumer<Row>> readers = new ArrayList<>();
  private String spearmanSubquery;

  private Double[][] spearman;
  private int scans;

  /**
   * One statement of the pass.
   *
   * @param sql the engine spellings
   * @param options the profile options, exact
   * @param chunk the columns this statement groups
   * @param source the projected source subquery
   * @param numericCorrelated the columns to rank for Spearman, empty for none
   */
  GroupingSetsPass(
      ProfileSql sql,
      ProfileOptions options,
      List<ColumnState> chunk,
      String source,
      List<ColumnState> numericCorrelated) {
    if (options.approximate()) {
      throw new IllegalArgumentException("the grouping sets pass is exact only");
    }
    this.sql = sql;
    this.dialect = sql.dialect();
    this.options = options;
    this.chunk = chunk;
    this.source = source;
    this.numericCorrelated = numericCorrelated;
  }

  @Override
  public String statement() {
    List<ColumnState> groupedColumns = new ArrayList<>();
    for (ColumnState c : chunk) {
      if (c.consecutiveIntegers) {
        ConsecutiveIntegers.fill(c, options);
      } else {
        groupedColumns.add(c);
      }
    }
    groupsValues = !groupedColumns.isEmpty();
    if (!groupsValues && numericCorrelated.size() < 2) {
      return null;
    }
    groupedColumns.forEach(this::column);
    if (numericCorrelated.size() >= 2) {
      rankCorrelations();
    }
    if (!groupsValues) {
      return outer.sql(spearmanSubquery);
    }
    String any = aliases.stream().map(a -> a + " IS NOT NULL").collect(Collectors.joining(" OR "));
    String grouped =
        "SELECT "
            + dialect.groupingId(aliases)
            + " AS gid, "
            + String.join(", ", aliases)
            + ", count(*) AS n FROM (SELECT "
            + String.join(", ", keys)
            + " FROM "
            + source
            + ") AS k GROUP BY "
            + sql.groupingSets(aliases.stream().map(List::of).toList());
    String windowed =
        ranked.isEmpty()
            ? "SELECT *, CAST(0 AS BIGINT) AS cum FROM g WHERE " + any
            : "SELECT *, "
                + sql.partitionedRunningTotal("n", "gid", String.join(", ", ranked))
                + " AS cum FROM g WHERE "
                + any;
    String from =
        "(SELECT "
            + String.join(", ", aggregates)
            + " FROM w) AS a"
            + (spearmanSubquery == null ? "" : ", " + spearmanSubquery);
    return "WITH g AS (" + grouped + "), w AS (" + windowed + ") " + outer.sql(from);
  }

  @Override
  public List<Object> parameters() {
    List<Object> all = new ArrayList<>(keyParameters);
    all.addAll(aggregateParameters);
    return List.copyOf(all);
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
    return groupsValues;
  }

  // ------------------------------------------------------------------ keys

  /** Adds a grouping key and returns its alias. */
  private String key(String alias, String expression, List<Object> parameters) {
    keys.add(expression + " AS " + alias);
    aliases.add(alias);
    keyParameters.addAll(parameters);
    return alias;
  }

  /** {@code aggregate FILTER (WHERE key IS NOT NULL [AND condition])}. */
  private String over(String key, String aggregate, String condition) {
    return dialect.filtered(
        aggregate, key + " IS NOT NULL" + (condition == null ? "" : " AND (" + condition + ")"));
  }

  /** The list of {k, n} structs of a derived key's groups. */
  private String keyCounts(String key) {
    return over(key, dialect.structList(List.of("k", "n"), List.of(key, "n")), null);
  }

  // ------------------------------------------------------------------ per column

  private void column(ColumnState c) {
    int i = c.spec.index();
    String k = key("k" + i, c.spec.value(), List.of());
    boolean numeric = c.base().isNumeric();
    c.frequenciesKnown = true;
    String p = "c" + i + "_";
    int distinct = column(p + "distinct", "count(" + k + ")");
    int nLogN = column(p + "nlogn", over(k, "sum(n * ln(n))", null));
    int nSquared = column(p + "nsq", over(k, "sum(" + dialect.toDouble("n") + " * n)", null));
    readers.add(
        r -> {
          c.distinct = r.longValue(distinct);
          c.sumNLogN = r.doubleOrNull(nLogN);
          c.sumNSquared = r.doubleOrNull(nSquared);
        });
    List<String> fields = List.of("v", "n");
    List<String> values = List.of(k, "n");
    if (options.topValues() > 0) {
      // most frequent first, ties by ascending value, as DistributionPass orders them
      int top =
          column(
              p + "top",
              over(
                  k,
                  dialect.rowsWithExtremeKeys(
                      fields, values, List.of("-n", k), false, options.topValues()),
                  null));
      readers.add(r -> c.top = r.list(top));
    }
    if ((numeric || c.base() == ColumnSpec.Base.DATETIME) && options.extremeValues() > 0) {
      int smallest =
          column(
              p + "small",
              over(
                  k,
                  dialect.rowsWithExtremeKeys(
                      fields, values, List.of(k), false, options.extremeValues()),
                  null));
      int largest =
          column(
              p + "large",
              over(
                  k,
                  dialect.rowsWithExtremeKeys(
                      fields, values, List.of(k), true, options.extremeValues()),
                  null));
      readers.add(
          r -> {
            c.smallest = r.list(smallest);
            c.largest = r.list(largest);
          });
    }
    if (numeric && c.finiteCount > 0) {
      numericShape(c, k, p);
    } else if (c.base() == ColumnSpec.Base.DATETIME && c.count > 0) {
      c.period = period(c);
      String h = key("h" + i, sql.periodStart(c.spec.value(), c.period), List.of());
      int periods = column(p + "periods", keyCounts(h));
      readers.add(r -> c.periodCounts = r.list(periods));
    } else if (c.base() == ColumnSpec.Base.STRING) {
      stringShape(c, k, p);
    }
  }

  private void numericShape(ColumnState c, String k, String p) {
    ranked.add(k);
    boolean floating = c.base() == ColumnSpec.Base.FLOATING;
    // the quantile ranks, shifted past the negative infinities, as in DistributionPass
    long n = c.finiteCount;
    List<Long> positions = new ArrayList<>();
    for (double fraction : ProfileSql.QUANTILE_FRACTIONS) {
      for (long rank : Quantiles.ranks(n, fraction)) {
        positions.add(rank + c.negativeInfinite);
      }
    }
    int covering =
        column(
            p + "qv",
            over(
                k,
                dialect.structList(List.of("c", "n", "v"), List.of("cum", "n", k)),
                sql.covers("n", "cum", positions)));
    readers.add(
        r -> {
          List<Object> groups = r.list(covering);
          List<Object> bounds = new ArrayList<>();
          positions.forEach(position -> bounds.add(Quantiles.covering(groups, position)));
          c.quantileBounds = bounds;
        });
    long[] medianRanks = Quantiles.ranks(n, 0.5);
    long lo = medianRanks[0] + c.negativeInfinite;
    long hi = medianRanks[1] + c.negativeInfinite;
    int median =
        column(
            p + "median",
            dialect.toDouble(
                Quantiles.interpolationSql(
                    over(k, "min(" + k + ")", "cum > " + lo),
                    over(k, "min(" + k + ")", "cum > " + hi),
                    Quantiles.fraction(n, 0.5))));
    readers.add(r -> c.madMedian = r.doubleOrNull(median));
    String finite = floating ? dialect.isFinite(k) : null;
    int m2 = column(p + "m2", over(k, centralSum(k, 2), finite));
    int m3 = column(p + "m3", over(k, centralSum(k, 3), finite));
    int m4 = column(p + "m4", over(k, centralSum(k, 4), finite));
    aggregateParameters.add(c.mean);
    aggregateParameters.add(c.mean);
    aggregateParameters.add(c.mean);
    readers.add(
        r -> {
          c.centralSum2 = r.doubleOrNull(m2);
          c.centralSum3 = r.doubleOrNull(m3);
          c.centralSum4 = r.doubleOrNull(m4);
        });
    int bins = options.histogramBins();
    if (c.max > c.min) {
      String v = c.spec.value();
      String bin = sql.bin(v, bins);
      String h =
          key(
              "h" + c.spec.index(),
              // least() skips a null bin on some engines: nulls must not reach the bin
              "CASE WHEN "
                  + (floating ? dialect.isFinite(v) : v + " IS NOT NULL")
                  + " THEN "
                  + bin
                  + " END",
              List.of(c.min, bins / (c.max - c.min)));
      int histogram = column(p + "hist", keyCounts(h));
      readers.add(r -> c.bins = Quantiles.binCounts(r.list(histogram), bins));
    } else {
      c.bins = new long[] {c.finiteCount};
    }
  }

  private String centralSum(String k, int power) {
    return "sum(n * power("
        + dialect.toDouble(k)
        + " - "
        + dialect.toDouble("?")
        + ", "
        + power
        + "))";
  }

  private void stringShape(ColumnState c, String k, String p) {
    String length = sql.length(k);
    int minLength = column(p + "minlen", "min(" + length + ")");
    int maxLength = column(p + "maxlen", "max(" + length + ")");
    int total = column(p + "len", "sum(n * " + length + ")");
    int bytes = column(p + "bytes", "sum(n * " + dialect.byteLength(k) + ")");
    readers.add(
        r -> {
          c.minLength = r.longOrNull(minLength);
          c.maxLength = r.longOrNull(maxLength);
          c.totalLength = r.longValue(total);
          c.totalBytes = r.longValue(bytes);
        });
    if (!options.minimal()) {
      int letters = characters(p + "letters", k, DistributionPass.LETTERS);
      int digits = characters(p + "digits", k, DistributionPass.DIGITS);
      int spaces = characters(p + "spaces", k, DistributionPass.SPACES);
      int punctuation = characters(p + "punct", k, DistributionPass.PUNCTUATION);
      int nonAscii = characters(p + "nonascii", k, DistributionPass.NON_ASCII);
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
    if (c.count > 0) {
      // the median length: the groups of the length key covering the two ranks around the middle
      String h = key("h" + c.spec.index(), sql.length(c.spec.value()), List.of());
      ranked.add(h);
      long[] ranks = Quantiles.ranks(c.count, 0.5);
      int lengths =
          column(
              p + "medlen",
              over(
                  h,
                  dialect.structList(List.of("c", "n", "v"), List.of("cum", "n", h)),
                  sql.covers("n", "cum", List.of(ranks[0], ranks[1]))));
      readers.add(r -> c.medianLength = Quantiles.medianOfCovering(r.list(lengths), c.count));
    }
  }

  /** Sums of n times the count of a character class in the value; null values add nothing. */
  private int characters(String alias, String k, String characterClass) {
    return column(alias, "sum(n * " + dialect.characterCount(k, characterClass) + ")");
  }

  // ------------------------------------------------------------------ Spearman

  /**
   * Spearman's rho for every pair, from each row's average rank in each column, computed by two
   * window functions over the rows in the column's value order: {@code rank()} counts the smaller
   * values plus one, {@code count} over the peers the values at most as large, and the average rank
   * of a value's ties is half their sum (the {@code cum - (n - 1) / 2} of {@link
   * DistributionPass}). Windows without a partition share one exchange and differ only in their
   * sort, where joining each column's ranks back to the rows costs a grouping, a sort and a join
   * per column.
   */
  private void rankCorrelations() {
    List<String> ranks = new ArrayList<>();
    for (int j = 0; j < numericCorrelated.size(); j++) {
      ColumnState c = numericCorrelated.get(j);
      String v = c.spec.value();
      if (c.consecutiveIntegers) {
        // its average rank is value - min + 1, and Pearson's r ignores the shift: no window
        ranks.add(c.spec.finite() + " AS r" + j);
        continue;
      }
      String order = " OVER (ORDER BY " + v + " ASC NULLS LAST";
      ranks.add(
          "CASE WHEN "
              + v
              + " IS NOT NULL THEN (rank()"
              + order
              + ") + count("
              + v
              + ")"
              + order
              + " RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)) / 2.0 END AS r"
              + j);
    }
    spearman = ProfileRun.pairMatrix(numericCorrelated.size());
    List<String> pairs = new ArrayList<>();
    ProfileRun.forEachPair(
        numericCorrelated.size(),
        (i, j) -> {
          String alias = "sp_" + i + "_" + j;
          pairs.add(dialect.correlation("r" + i, "r" + j) + " AS " + alias);
          int slot = outer.add(alias);
          readers.add(r -> ProfileRun.setPair(spearman, i, j, r.doubleOrNull(slot)));
        });
    spearmanSubquery =
        "(SELECT "
            + String.join(", ", pairs)
            + " FROM (SELECT "
            + String.join(", ", ranks)
            + " FROM "
            + source
            + ") AS ranks) AS spearman";
    scans++;
  }

  private String period(ColumnState c) {
    return options.datetimePeriod() != null
        ? options.datetimePeriod()
        : ProfileRun.period(c.rangeSeconds == null ? 0 : c.rangeSeconds);
  }

  /** Adds {@code expression AS alias} to the aggregate and {@code alias} to the outer select. */
  private int column(String alias, String expression) {
    aggregates.add(expression + " AS " + alias);
    return outer.add(alias);
  }
}
