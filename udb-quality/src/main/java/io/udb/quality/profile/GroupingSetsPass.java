package io.udb.quality.profile;

import io.udb.api.engine.SqlDialect;
import io.udb.quality.profile.AggregateQuery.Row;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
 *   <li>{@code g}: one aggregation of every key, giving the count {@code n} of each group. The keys
 *       are the columns' values. Like {@code GROUPING SETS}, each row is expanded into a row per
 *       key ({@link SqlDialect#expandedRows}) whose {@code gid} numbers the key; unlike it, keys of
 *       one type share a slot column, so an expanded row carries one column per type instead of one
 *       per key (on Spark, 15 keys of 8 columns went into 6 slots, and the grouping of a million
 *       rows alone took 3.8-3.9 s instead of 4.7-5.0 s). A row whose key is null is dropped before
 *       the grouping, and {@code gid = i} picks key {@code i}'s value counts. What the profile
 *       counts of something derived from a value (a numeric column's histogram bin, a datetime
 *       column's period, a string's length) is counted on the value's groups by the first of the
 *       two aggregates below, not as a key of its own: every key multiplies the rows the grouping
 *       hashes;
 *   <li>{@code w}: one window over {@code g} partitioned by the set, giving each group the running
 *       total {@code cum} of the counts in key order, for the keys whose ranks matter (numeric
 *       values for quantiles and the MAD's median, strings for their smallest and largest), the row
 *       number {@code rn} and the count {@code nf} of groups from it to a few places on (at most
 *       {@link #lastPlaces()} + 1, so the last groups have {@code nf <= places}) that pick the
 *       extremes (the smallest and largest strings included), and its row number {@code tr} by
 *       descending count that picks the top values;
 *   <li>{@code d}: per numeric column the median again as a window over its set, each group's
 *       deviation {@code dev} from it and their running total {@code cum2}, in the same partitions
 *       (a sort, no exchange): the exact MAD from the value counts, instead of {@link MadPass}'s
 *       statement over the rows;
 *   <li>two aggregates over {@code d} reducing every key with aggregates filtered on that key: a
 *       grouped one of partial sums, counts and minima (distinct counts, entropy terms, central
 *       moments, the median's groups, lengths, character classes) that keeps apart only the few
 *       groups some list collects and groups the others by their derived keys, and a one-row one
 *       over its result that merges the partials and collects the lists (top values, extremes, the
 *       groups covering the quantile ranks and the MAD's middle ranks, and histogram, periods and
 *       lengths as lists of {key, count} that may repeat a key);
 *   <li>Spearman's rho: the Pearson correlation of the rows' average ranks, from window functions
 *       over the rows;
 *   <li>in the first statement of a full profile, the duplicate rows: a grouping of whole rows,
 *       cross joined like Spearman's, instead of a statement of their own.
 * </ol>
 */
final class GroupingSetsPass implements DistributionStatement {
  /** A step-one row's count of rows, which derived counts add up. */
  private static final String DERIVED_COUNT = "pn";

  private final ProfileSql sql;
  private final SqlDialect dialect;
  private final ProfileOptions options;
  private final List<ColumnState> chunk;
  private final String source;
  private final List<ColumnState> numericCorrelated;
  private final List<ColumnState> rowColumns;

  /** The grouping keys' expressions, in order: key {@code i} is set {@code gid = i}. */
  private final List<String> keyExpressions = new ArrayList<>();

  /** The slot column of each key, in order. */
  private final List<String> keySlots = new ArrayList<>();

  /** The slot column of each kind of key: keys of one type share a column. */
  private final Map<String, String> slots = new LinkedHashMap<>();

  /** The slots of the keys whose groups get a running total, in window order. */
  private final List<String> ranked = new ArrayList<>();

  /** Per column whose MAD comes from the groups: its median as a window over its set's groups. */
  private final List<String> medians = new ArrayList<>();

  /** Per such column: {@code WHEN gid = i THEN |value - median|}, finite values only. */
  private final List<String> deviations = new ArrayList<>();

  /**
   * The slots of the value keys whose groups get their rank {@code tr} by count, for the top
   * values.
   */
  private final List<String> topKeys = new ArrayList<>();

  /**
   * Per kind of derived key (one SQL type each), the column the groups compute it into: {@code CASE
   * WHEN gid = i THEN expression END} over the slot of the value key {@code i}.
   */
  private final Map<String, DerivedColumn> derived = new LinkedHashMap<>();

  /** The first aggregate's partial aggregates over the groups, as {@code expression AS alias}. */
  private final List<String> partials = new ArrayList<>();

  /** The conditions of the groups that a list aggregate collects. */
  private final List<String> listed = new ArrayList<>();

  private boolean groupsValues;

  /**
   * Whether the windowed groups carry their row number {@code rn} and the count {@code nf} of the
   * groups from them to {@link #lastPlaces()} places on.
   */
  private boolean numbersGroups;

  private final List<Object> keyParameters = new ArrayList<>();
  private final List<Object> aggregateParameters = new ArrayList<>();
  private final AggregateQuery outer = new AggregateQuery();
  private final List<String> aggregates = new ArrayList<>();
  private final List<Consumer<Row>> readers = new ArrayList<>();
  private String spearmanSubquery;

  private Double[][] spearman;
  private Long duplicateRows;
  private int scans;

  /**
   * One statement of the pass.
   *
   * @param sql the engine spellings
   * @param options the profile options, exact
   * @param chunk the columns this statement groups
   * @param source the projected source subquery
   * @param numericCorrelated the columns to rank for Spearman, empty for none
   * @param rowColumns every column of the table, to count duplicate rows with a grouping of whole
   *     rows, or empty for none
   */
  GroupingSetsPass(
      ProfileSql sql,
      ProfileOptions options,
      List<ColumnState> chunk,
      String source,
      List<ColumnState> numericCorrelated,
      List<ColumnState> rowColumns) {
    if (options.approximate()) {
      throw new IllegalArgumentException("the grouping sets pass is exact only");
    }
    this.sql = sql;
    this.dialect = sql.dialect();
    this.options = options;
    this.chunk = chunk;
    this.source = source;
    this.numericCorrelated = numericCorrelated;
    this.rowColumns = rowColumns;
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
    String duplicates = duplicateRowsSubquery();
    List<String> slotColumns = List.copyOf(slots.values());
    List<String> names = new ArrayList<>();
    names.add("gid");
    names.addAll(slotColumns);
    List<List<String>> rows = new ArrayList<>();
    for (int i = 0; i < keyExpressions.size(); i++) {
      List<String> row = new ArrayList<>();
      row.add(Integer.toString(i));
      for (String slot : slotColumns) {
        row.add(slot.equals(keySlots.get(i)) ? keyExpressions.get(i) : "NULL");
      }
      rows.add(row);
    }
    // a row's null key leaves every slot null: its group is dropped before the grouping
    String grouped =
        "SELECT gid, "
            + String.join(", ", slotColumns)
            + ", count(*) AS n FROM ("
            + dialect.expandedRows(source, names, rows)
            + ") AS k WHERE "
            + slotColumns.stream().map(c -> c + " IS NOT NULL").collect(Collectors.joining(" OR "))
            + " GROUP BY gid, "
            + String.join(", ", slotColumns);
    String order = String.join(", ", ranked);
    // most frequent first, ties by ascending value, as DistributionPass orders the top values; a
    // set's groups have one non-null value key, so one order serves every set
    String topRank =
        topKeys.isEmpty()
            ? ""
            : ", row_number() OVER (PARTITION BY gid ORDER BY n DESC, "
                + String.join(", ", topKeys)
                + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS tr";
    String windowed =
        ranked.isEmpty()
            ? "SELECT *, CAST(0 AS BIGINT) AS cum" + topRank + " FROM g"
            : "SELECT *, "
                + sql.partitionedRunningTotal("n", "gid", order)
                + " AS cum"
                + (numbersGroups
                    ? ", row_number() OVER (PARTITION BY gid ORDER BY "
                        + order
                        + " ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS rn,"
                        // a frame of a few following groups in the same sort marks a set's last
                        // groups; the set's group count, an unbounded frame, was a second window
                        // that buffered every set whole (on Spark a tenth of the windows' time)
                        + " count(*) OVER (PARTITION BY gid ORDER BY "
                        + order
                        + " ROWS BETWEEN CURRENT ROW AND "
                        + lastPlaces()
                        + " FOLLOWING) AS nf"
                    : "")
                + topRank
                + " FROM g";
    String ctes = "WITH g AS (" + grouped + "), w AS (" + windowed + ")";
    String groups = "w";
    if (!deviations.isEmpty()) {
      // the deviations from the median in a second running total, in the same partitions: a sort
      // of the groups within each set, not another exchange
      ctes +=
          ", d AS (SELECT *, "
              + sql.partitionedRunningTotal("n", "gid", "dev ASC NULLS LAST")
              + " AS cum2 FROM (SELECT *, CASE "
              + String.join(" ", deviations)
              + " END AS dev FROM (SELECT *, "
              + String.join(", ", medians)
              + " FROM w) AS x) AS y)";
      groups = "d";
    }
    String from =
        "(SELECT "
            + String.join(", ", aggregates)
            + " FROM "
            + partiallyAggregated(groups)
            + ") AS a"
            + (spearmanSubquery == null ? "" : ", " + spearmanSubquery)
            + (duplicates == null ? "" : ", " + duplicates);
    return ctes + " " + outer.sql(from);
  }

  /**
   * The groups aggregated in two steps, so that the per-group work is a plain aggregate: first
   * {@code GROUP BY gid} and the columns of the few groups that a list aggregate collects (null for
   * all other groups, which then fall into one group per set), with every numeric aggregate as a
   * partial one; then the one-row aggregate over those few rows, merging the partials and
   * collecting the lists. On Spark the first step is a code-generated {@code HashAggregate} in the
   * partitions of the windows, where one aggregate with lists among its aggregates was an {@code
   * ObjectHashAggregate} evaluating every aggregate per group.
   */
  private String partiallyAggregated(String groups) {
    List<String> carried = new ArrayList<>(slots.values());
    carried.add("n");
    carried.add("cum");
    if (numbersGroups) {
      carried.add("rn");
      carried.add("nf");
    }
    if (!topKeys.isEmpty()) {
      carried.add("tr");
    }
    if (!deviations.isEmpty()) {
      carried.add("dev");
      carried.add("cum2");
    }
    String keep = listed.isEmpty() ? "FALSE" : "(" + String.join(") OR (", listed) + ")";
    List<String> kept = new ArrayList<>();
    // the second step's filters pick a key's groups by gid
    List<String> renamed = new ArrayList<>(List.of("gid"));
    List<String> columns = new ArrayList<>();
    for (String c : carried) {
      kept.add("CASE WHEN udb_keep THEN " + c + " END AS l_" + c);
      renamed.add("l_" + c + " AS " + c);
      columns.add("l_" + c);
    }
    List<String> partialAliases = new ArrayList<>();
    partials.forEach(p -> partialAliases.add(p.substring(p.lastIndexOf(' ') + 1)));
    renamed.addAll(partialAliases);
    List<String> stepPartials = new ArrayList<>(partials);
    List<String> derivedValues = new ArrayList<>();
    if (!derived.isEmpty()) {
      // the groups split by their derived keys, each step-one row with its count of rows
      derived.values().forEach(column -> columns.add(column.name()));
      derived.values().forEach(column -> renamed.add(column.name()));
      derived
          .values()
          .forEach(
              column ->
                  derivedValues.add(
                      "CASE " + String.join(" ", column.cases()) + " END AS " + column.name()));
      stepPartials.add("sum(n) AS " + DERIVED_COUNT);
      renamed.add(DERIVED_COUNT);
    }
    return "(SELECT "
        + String.join(", ", renamed)
        + " FROM (SELECT gid, "
        + String.join(", ", columns)
        + (stepPartials.isEmpty() ? "" : ", " + String.join(", ", stepPartials))
        + " FROM (SELECT *, "
        + String.join(", ", kept)
        + " FROM (SELECT *, "
        + keep
        + " AS udb_keep"
        + (derivedValues.isEmpty() ? "" : ", " + String.join(", ", derivedValues))
        + " FROM "
        + groups
        + ") AS e) AS f GROUP BY gid, "
        + String.join(", ", columns)
        + ") AS l) AS m";
  }

  /**
   * The duplicate rows as a subquery of their own grouping of whole rows, cross joined like
   * Spearman's: null when none is asked for. A grouping set of whole rows in the {@code GROUPING
   * SETS} widened every expanded row by a key per column (on Spark a third of the grouping's CPU
   * time at 8 columns), where this grouping is a plain aggregate that runs beside the others.
   */
  private String duplicateRowsSubquery() {
    if (rowColumns.isEmpty()) {
      return null;
    }
    int slot = outer.add("dup_rows");
    readers.add(
        r -> {
          Long value = r.longOrNull(slot);
          duplicateRows = value == null ? 0L : value;
        });
    scans++;
    return "(SELECT "
        + dialect.filtered("sum(n - 1)", "n > 1")
        + " AS dup_rows FROM (SELECT count(*) AS n FROM "
        + source
        + " GROUP BY "
        + rowColumns.stream().map(c -> c.spec.value()).collect(Collectors.joining(", "))
        + ") AS r) AS dups";
  }

  @Override
  public List<Object> parameters() {
    List<Object> all = new ArrayList<>(keyParameters);
    all.addAll(aggregateParameters);
    // the derived columns come last in the statement's text: the innermost select of the groups
    derived.values().forEach(column -> all.addAll(column.parameters()));
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
  public Long duplicateRows() {
    return duplicateRows;
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

  /**
   * A grouping key: the groups of set {@code gid = set}, whose values are in column {@code slot}
   * (which other sets' keys of the same kind share, so only {@code gid} tells the keys apart).
   */
  private record Key(int set, String slot) {
    /** The condition that picks the key's groups. */
    String groups() {
      return "gid = " + set;
    }
  }

  /**
   * A column of keys derived from values, computed on the groups of the value keys it serves.
   *
   * @param name the column's name
   * @param cases per value key served, {@code WHEN gid = i THEN expression}, in the statement's
   *     order
   * @param parameters the cases' parameters, in order
   */
  private record DerivedColumn(String name, List<String> cases, List<Object> parameters) {}

  /**
   * Adds a grouping key. Keys of one kind share a slot column: {@code kind} must name one SQL type,
   * so that the slot has the type of every key in it and each key's values keep their own type.
   */
  private Key key(String kind, String expression, List<Object> parameters) {
    String slot = slots.computeIfAbsent(kind, k -> "s" + slots.size());
    keyExpressions.add(expression);
    keySlots.add(slot);
    keyParameters.addAll(parameters);
    return new Key(keyExpressions.size() - 1, slot);
  }

  /** The kind of a column's value key: its type, or the text type that strings are grouped as. */
  private static String valueKind(ColumnState c) {
    return c.base() == ColumnSpec.Base.STRING ? "text" : "value " + c.spec.type();
  }

  /** Adds a key's slot to the running total's window order, once. */
  private void rank(Key key) {
    if (!ranked.contains(key.slot())) {
      ranked.add(key.slot());
    }
  }

  /** {v, n, r} structs sorted by their row number r, as {v, n} structs. */
  private static List<Object> byNumber(List<Object> structs, boolean descending) {
    List<Map<?, ?>> sorted = new ArrayList<>();
    structs.forEach(item -> sorted.add((Map<?, ?>) item));
    Comparator<Map<?, ?>> order = Comparator.comparingLong(m -> ((Number) m.get("r")).longValue());
    sorted.sort(descending ? order.reversed() : order);
    List<Object> out = new ArrayList<>();
    for (Map<?, ?> m : sorted) {
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("v", m.get("v"));
      s.put("n", m.get("n"));
      out.add(s);
    }
    return out;
  }

  /**
   * How many of a set's last groups {@code nf} tells apart: the largest extremes, and at least the
   * last group, the largest string.
   */
  private int lastPlaces() {
    return Math.max(1, options.extremeValues());
  }

  /** The value {@code v} of a list of at most one {v} struct, null for none. */
  private static Object onlyValue(List<Object> structs) {
    return structs.isEmpty() ? null : ((Map<?, ?>) structs.get(0)).get("v");
  }

  /**
   * Adds a partial aggregate to the first step and returns its merge in the second, {@code
   * merge(alias)}: sum for sums and counts, min and max for themselves.
   */
  private String partial(String aggregate, String merge) {
    String alias = "p" + partials.size();
    partials.add(aggregate + " AS " + alias);
    return merge + "(" + alias + ")";
  }

  /** {@code partial(over(key, aggregate, condition), "sum")}. */
  private String partialSum(Key key, String aggregate, String condition) {
    return partial(over(key, aggregate, condition), "sum");
  }

  /**
   * Adds a list aggregate over the groups of {@code key} that meet {@code condition} (all of them
   * for null), which the first step keeps as groups of their own for the second to collect.
   */
  private int list(String alias, Key key, String aggregate, String condition) {
    listed.add(groupsOf(key, condition));
    return column(alias, over(key, aggregate, condition));
  }

  /** {@code aggregate FILTER (WHERE gid = set [AND condition])}. */
  private String over(Key key, String aggregate, String condition) {
    return dialect.filtered(aggregate, groupsOf(key, condition));
  }

  private static String groupsOf(Key key, String condition) {
    return key.groups() + (condition == null ? "" : " AND (" + condition + ")");
  }

  /**
   * Adds the list of {k, n} structs counting a key derived from a value key's values, {@code k} the
   * derived key, on the value key's groups: a {@code k} may come in several structs, whose counts
   * add up. {@code kind} must name one SQL type, as a slot's kind does.
   */
  private int derivedCounts(
      String alias, Key valueKey, String kind, String expression, List<Object> parameters) {
    DerivedColumn column =
        derived.computeIfAbsent(
            kind,
            k -> new DerivedColumn("x" + derived.size(), new ArrayList<>(), new ArrayList<>()));
    column.cases().add("WHEN " + valueKey.groups() + " THEN " + expression);
    column.parameters().addAll(parameters);
    return column(
        alias,
        over(
            valueKey,
            dialect.structList(List.of("k", "n"), List.of(column.name(), DERIVED_COUNT)),
            column.name() + " IS NOT NULL"));
  }

  // ------------------------------------------------------------------ per column

  private void column(ColumnState c) {
    int i = c.spec.index();
    Key key = key(valueKind(c), c.spec.value(), List.of());
    String k = key.slot();
    boolean numeric = c.base().isNumeric();
    c.frequenciesKnown = true;
    String p = "c" + i + "_";
    int distinct = column(p + "distinct", partial(over(key, "count(*)", null), "sum"));
    int nLogN = column(p + "nlogn", partialSum(key, "sum(n * ln(n))", null));
    int nSquared =
        column(p + "nsq", partialSum(key, "sum(" + dialect.toDouble("n") + " * n)", null));
    readers.add(
        r -> {
          c.distinct = r.longValue(distinct);
          c.sumNLogN = r.doubleOrNull(nLogN);
          c.sumNSquared = r.doubleOrNull(nSquared);
        });
    if (options.topValues() > 0) {
      // the groups ranked first by the window's count order (tr), where a bounded min_by over
      // every group cost the aggregate an ordered insert per group
      if (!topKeys.contains(k)) {
        topKeys.add(k);
      }
      int top =
          list(
              p + "top",
              key,
              dialect.structList(List.of("v", "n", "r"), List.of(k, "n", "tr")),
              "tr <= " + options.topValues());
      readers.add(r -> c.top = byNumber(r.list(top), false));
    }
    if ((numeric || c.base() == ColumnSpec.Base.DATETIME) && options.extremeValues() > 0) {
      // the first and last groups of the column's set in value order, by their row number in the
      // running total's window: filtered lists instead of bounded min_by/max_by, which cost the
      // aggregate an ordered insert per group (on Spark, a third of the statement's aggregate)
      rank(key);
      numbersGroups = true;
      int limit = options.extremeValues();
      List<String> numbered = List.of("v", "n", "r");
      List<String> numberedValues = List.of(k, "n", "rn");
      int smallest =
          list(p + "small", key, dialect.structList(numbered, numberedValues), "rn <= " + limit);
      int largest =
          list(p + "large", key, dialect.structList(numbered, numberedValues), "nf <= " + limit);
      readers.add(
          r -> {
            c.smallest = byNumber(r.list(smallest), false);
            c.largest = byNumber(r.list(largest), true);
          });
    }
    if (numeric && c.finiteCount > 0) {
      numericShape(c, key, p);
    } else if (c.base() == ColumnSpec.Base.DATETIME && c.count > 0) {
      c.period = period(c);
      int periods =
          derivedCounts(
              p + "periods",
              key,
              "period start of " + c.spec.type(),
              sql.periodStart(k, c.period),
              List.of());
      readers.add(r -> c.periodCounts = r.list(periods));
    } else if (c.base() == ColumnSpec.Base.STRING) {
      stringShape(c, key, p);
    }
  }

  private void numericShape(ColumnState c, Key key, String p) {
    String k = key.slot();
    rank(key);
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
        list(
            p + "qv",
            key,
            dialect.structList(List.of("c", "n", "v"), List.of("cum", "n", k)),
            sql.covers("n", "cum", positions));
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
                    partial(over(key, "min(" + k + ")", "cum > " + lo), "min"),
                    partial(over(key, "min(" + k + ")", "cum > " + hi), "min"),
                    Quantiles.fraction(n, 0.5))));
    readers.add(r -> c.madMedian = r.doubleOrNull(median));
    madFromGroups(c, key, p, lo, hi);
    String finite = floating ? dialect.isFinite(k) : null;
    int m2 = column(p + "m2", partialSum(key, centralSum(k, 2), finite));
    int m3 = column(p + "m3", partialSum(key, centralSum(k, 3), finite));
    int m4 = column(p + "m4", partialSum(key, centralSum(k, 4), finite));
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
      String bin = sql.bin(k, bins);
      // the value key's groups hold no null; NaN and the infinities have no bin
      int histogram =
          derivedCounts(
              p + "hist",
              key,
              "bin",
              floating ? "CASE WHEN " + dialect.isFinite(k) + " THEN " + bin + " END" : bin,
              List.of(c.min, bins / (c.max - c.min)));
      readers.add(r -> c.bins = Quantiles.binCounts(r.list(histogram), bins));
    } else {
      c.bins = new long[] {c.finiteCount};
    }
  }

  /**
   * The exact MAD from the value counts, without a statement of its own: the median again, as a
   * window over the groups of the column's set (the same minimum of the groups past each middle
   * rank, interpolated in the column's own arithmetic), each group's deviation |value - median|,
   * and the groups covering the middle ranks of the deviations by their running total ({@code
   * cum2}, in the same partitions as {@code cum}); infinities have no deviation and sort last.
   */
  private void madFromGroups(ColumnState c, Key key, String p, long lo, long hi) {
    String k = key.slot();
    String window = " OVER (PARTITION BY gid)";
    String below = p + "mlo";
    String above = p + "mhi";
    String when = "min(CASE WHEN " + key.groups() + " AND cum > ";
    medians.add(when + lo + " THEN " + k + " END)" + window + " AS " + below);
    medians.add(when + hi + " THEN " + k + " END)" + window + " AS " + above);
    String median =
        dialect.toDouble(
            Quantiles.interpolationSql(below, above, Quantiles.fraction(c.finiteCount, 0.5)));
    String deviation = "abs(" + dialect.toDouble(k) + " - " + median + ")";
    deviations.add(
        "WHEN "
            + key.groups()
            + " THEN "
            + (c.base() == ColumnSpec.Base.FLOATING
                ? "CASE WHEN " + dialect.isFinite(k) + " THEN " + deviation + " END"
                : deviation));
    long[] ranks = Quantiles.ranks(c.finiteCount, 0.5);
    int mad =
        list(
            p + "mad",
            key,
            dialect.structList(List.of("c", "n", "v"), List.of("cum2", "n", "dev")),
            sql.covers("n", "cum2", List.of(ranks[0], ranks[1])));
    readers.add(r -> c.mad = Quantiles.medianOfCovering(r.list(mad), c.finiteCount));
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

  private void stringShape(ColumnState c, Key key, String p) {
    String k = key.slot();
    String length = sql.length(k);
    int minLength = column(p + "minlen", partial(over(key, "min(" + length + ")", null), "min"));
    int maxLength = column(p + "maxlen", partial(over(key, "max(" + length + ")", null), "max"));
    int total = column(p + "len", partialSum(key, "sum(n * " + length + ")", null));
    int bytes =
        column(p + "bytes", partialSum(key, "sum(n * " + dialect.byteLength(k) + ")", null));
    readers.add(
        r -> {
          c.minLength = r.longOrNull(minLength);
          c.maxLength = r.longOrNull(maxLength);
          c.totalLength = r.longValue(total);
          c.totalBytes = r.longValue(bytes);
        });
    if (!options.minimal()) {
      int letters = characters(p + "letters", key, DistributionPass.LETTERS);
      int digits = characters(p + "digits", key, DistributionPass.DIGITS);
      int spaces = characters(p + "spaces", key, DistributionPass.SPACES);
      int punctuation = characters(p + "punct", key, DistributionPass.PUNCTUATION);
      int nonAscii = characters(p + "nonascii", key, DistributionPass.NON_ASCII);
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
      // the smallest and largest strings: the first and last groups of the column's set in value
      // order, by their row number in the running total's window. A min() over the rows in the
      // moments pass made that whole aggregate a SortAggregate without code generation on Spark
      // (a string is no mutable aggregation buffer)
      rank(key);
      numbersGroups = true;
      List<String> value = List.of(k);
      int smallest = list(p + "minv", key, dialect.structList(List.of("v"), value), "rn = 1");
      int largest = list(p + "maxv", key, dialect.structList(List.of("v"), value), "nf = 1");
      readers.add(
          r -> {
            c.minValue = onlyValue(r.list(smallest));
            c.maxValue = onlyValue(r.list(largest));
          });
      // the median length from the counts of the lengths, at most one per possible length
      int lengths = derivedCounts(p + "lengths", key, "length", sql.length(k), List.of());
      readers.add(r -> c.medianLength = medianOfCounts(r.list(lengths), c.count));
    }
  }

  /** The median of {@code n} integers given as {k, n} structs of counts that may repeat a k. */
  private static Double medianOfCounts(List<Object> counts, long n) {
    TreeMap<Long, Long> merged = new TreeMap<>();
    for (Object item : counts) {
      Map<?, ?> s = (Map<?, ?>) item;
      merged.merge(((Number) s.get("k")).longValue(), ((Number) s.get("n")).longValue(), Long::sum);
    }
    List<Object> covering = new ArrayList<>();
    long cum = 0;
    for (Map.Entry<Long, Long> e : merged.entrySet()) {
      cum += e.getValue();
      covering.add(Map.of("c", cum, "n", e.getValue(), "v", e.getKey()));
    }
    return Quantiles.medianOfCovering(covering, n);
  }

  /** Sums of n times the count of a character class in the value; null values add nothing. */
  private int characters(String alias, Key key, String characterClass) {
    return column(
        alias,
        partialSum(
            key, "sum(n * " + dialect.characterCount(key.slot(), characterClass) + ")", null));
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
      // a double, exact for any half-integer rank below 2^52: divided by the literal 2.0, Spark
      // made the rank a decimal, and every cast of it in the pairs' moments a BigDecimal division
      ranks.add(
          "CASE WHEN "
              + v
              + " IS NOT NULL THEN "
              + dialect.toDouble(
                  "rank()"
                      + order
                      + ") + count("
                      + v
                      + ")"
                      + order
                      + " RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)")
              + " / 2 END AS r"
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
