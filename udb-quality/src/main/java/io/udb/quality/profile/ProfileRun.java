package io.udb.quality.profile;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.quality.profile.AggregateQuery.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * One profile computation: describes the table, then runs the fused passes and keeps what they
 * return in {@link ColumnState}s. Used by one thread, once.
 *
 * <p>The passes:
 *
 * <ol>
 *   <li><b>moments</b> (1 statement, 1 scan): row count, per column non-missing count, minimum,
 *       maximum, mean, standard deviation, variance, sum, zeros, negatives, infinities, true count,
 *       and Pearson's r of every numeric pair; in approximate mode also the sketches (distinct,
 *       quantiles). The smallest and largest strings come from the value counts of the distribution
 *       pass instead;
 *   <li><b>distribution</b> (needs the moments): first, when an integer column's range is as wide
 *       as its count, one scan confirms which of them hold every integer of the range once ({@link
 *       ConsecutiveIntegers}); those are not grouped, their statistics have closed forms. Then
 *       {@link DistributionPass}, one statement per 16 columns: per-column value counts and
 *       everything derived from them (distinct counts, top values, extremes, exact quantiles,
 *       central moments, histograms, string bounds, lengths, character classes, and the MAD of
 *       integer and decimal columns with at most 2M possible values) and Spearman's rho, reading
 *       the table once for the groupings and once for the rank join; then, in exact mode, {@link
 *       MadPass} for the other numeric columns, one scan per 4 of them; then duplicate rows, one
 *       grouping of all columns, skipped when a column is a key. On an engine that {@linkplain
 *       SqlDialect#groupsColumnsTogether() groups columns together} (Spark), exact profiles use
 *       {@link GroupingSetsPass} instead, which also gives the MAD and, in its first statement, the
 *       duplicate rows;
 *   <li><b>cramér</b> (1 scan): one {@code GROUPING SETS} aggregation with a set per categorical
 *       pair, reduced to the chi-square statistic of every pair, in SQL or, on an engine that
 *       groups columns together and for at most {@value #CRAMERS_CELLS_IN_MEMORY} cells, in the
 *       JVM;
 *   <li><b>sample</b>: the first rows only.
 * </ol>
 */
final class ProfileRun {
  /** The most columns one distribution statement groups. */
  static final int DISTRIBUTION_CHUNK = 16;

  /**
   * The most contingency cells (bounded by the distinct counts) for which Cramér's V is reduced in
   * the JVM rather than in SQL, on an engine that groups columns together.
   */
  static final long CRAMERS_CELLS_IN_MEMORY = 200_000;

  private final SqlSession session;
  private final SqlDialect dialect;
  private final ProfileSql sql;
  private final TableRef table;
  private final ProfileOptions options;
  private final StageRunner stages;
  private final List<ColumnState> columns = new ArrayList<>();
  private final long consecutiveMinRows;

  private String source;
  private long rowCount;
  private Long duplicateRows;
  private List<ColumnState> numericCorrelated = List.of();
  private Double[][] pearson;
  private Double[][] spearman;
  private List<ColumnState> categoricalCorrelated = List.of();
  private Double[][] cramersV;
  private List<String> sampleColumns = List.of();
  private List<List<Object>> sampleRows = List.of();
  private int queries;
  private int scans;

  ProfileRun(SqlSession session, TableRef table, ProfileOptions options, StageRunner stages) {
    this(session, table, options, stages, ConsecutiveIntegers.MIN_ROWS);
  }

  /**
   * A run that takes integer columns of at least {@code consecutiveMinRows} values as candidates
   * for {@link ConsecutiveIntegers} (tests lower or raise it to compare with the grouped path).
   */
  ProfileRun(
      SqlSession session,
      TableRef table,
      ProfileOptions options,
      StageRunner stages,
      long consecutiveMinRows) {
    this.consecutiveMinRows = consecutiveMinRows;
    this.session = session;
    this.dialect = session.dialect();
    this.sql = new ProfileSql(dialect);
    this.table = table;
    this.options = options;
    this.stages = stages;
  }

  /** Runs every pass. */
  ProfileRun run() {
    stages.stage("describe", this::describe);
    stages.progress(0.05);
    stages.stage("moments", this::moments);
    stages.progress(0.2);
    stages.stage("distribution", this::distribution);
    stages.progress(0.7);
    classify();
    if (!options.minimal()) {
      stages.stage("correlations", this::correlations);
    }
    stages.progress(0.9);
    stages.stage("sample", this::sample);
    stages.progress(1.0);
    return this;
  }

  TableRef table() {
    return table;
  }

  ProfileOptions options() {
    return options;
  }

  List<ColumnState> columns() {
    return columns;
  }

  long rowCount() {
    return rowCount;
  }

  Long duplicateRows() {
    return duplicateRows;
  }

  List<ColumnState> numericCorrelated() {
    return numericCorrelated;
  }

  Double[][] pearson() {
    return pearson;
  }

  Double[][] spearman() {
    return spearman;
  }

  List<ColumnState> categoricalCorrelated() {
    return categoricalCorrelated;
  }

  Double[][] cramersV() {
    return cramersV;
  }

  List<String> sampleColumns() {
    return sampleColumns;
  }

  List<List<Object>> sampleRows() {
    return sampleRows;
  }

  int queries() {
    return queries;
  }

  int scans() {
    return scans;
  }

  // ---------------------------------------------------------------- describe

  private Void describe() {
    queries++;
    List<ColumnInfo> described = session.columns(table);
    if (described.isEmpty()) {
      throw new NotFoundException(
          ErrorCode.TABLE_NOT_FOUND,
          "Table '" + table.name() + "' does not exist; list the tenant's tables to pick one");
    }
    for (ColumnInfo column : described) {
      columns.add(new ColumnState(ColumnSpec.of(columns.size(), column.name(), column.type())));
    }
    source =
        "(SELECT "
            + columns.stream()
                .map(c -> c.spec.projection(dialect))
                .collect(Collectors.joining(", "))
            + " FROM "
            + dialect.table(table)
            + ") AS src";
    return null;
  }

  // ---------------------------------------------------------------- pass 1: moments

  private Void moments() {
    AggregateQuery q = new AggregateQuery();
    List<Consumer<Row>> readers = new ArrayList<>();
    int rows = q.add("count(*)");
    readers.add(r -> rowCount = r.longValue(rows));
    for (ColumnState c : columns) {
      String v = c.spec.value();
      int count = q.add("count(" + v + ")");
      readers.add(r -> c.count = r.longValue(count));
      switch (c.base()) {
        case NUMERIC, FLOATING -> numericMoments(q, readers, c);
        case DATETIME -> {
          int min = q.add("min(" + v + ")");
          int max = q.add("max(" + v + ")");
          int range = q.add(sql.rangeSeconds(v));
          readers.add(
              r -> {
                c.minValue = r.get(min);
                c.maxValue = r.get(max);
                c.rangeSeconds = r.doubleOrNull(range);
              });
          if (options.approximate()) {
            sketches(q, readers, c);
          }
        }
        case BOOLEAN -> {
          int trues = q.add(dialect.countIf(v));
          readers.add(r -> c.trueCount = r.longValue(trues));
        }
        case STRING -> {
          // nothing over the rows: both distribution passes take the smallest and largest strings
          // from the value counts (on DuckDB a fifth of this pass's CPU time for two string
          // columns of 5M rows; on Spark a string minimum makes the whole aggregate a SortAggregate
          // without code generation, the pass 2-4 times slower)
        }
      }
    }
    if (!options.minimal()) {
      numericCorrelated =
          columns.stream()
              .filter(c -> c.base().isNumeric())
              .limit(options.maxNumericCorrelationColumns())
              .toList();
      if (numericCorrelated.size() >= 2) {
        pearson = pairMatrix(numericCorrelated.size());
        forEachPair(
            numericCorrelated.size(),
            (i, j) -> {
              int slot =
                  q.add(
                      dialect.correlation(
                          numericCorrelated.get(i).spec.finite(),
                          numericCorrelated.get(j).spec.finite()));
              // a variance that overflows (values near the double range) leaves r meaningless,
              // and engines then disagree on 0, NaN or null: none for such a column
              readers.add(
                  r ->
                      setPair(
                          pearson,
                          i,
                          j,
                          finiteVariance(numericCorrelated.get(i))
                                  && finiteVariance(numericCorrelated.get(j))
                              ? r.doubleOrNull(slot)
                              : null));
            });
      }
    }
    Row row = aggregate(q, source, 1);
    readers.forEach(reader -> reader.accept(row));
    return null;
  }

  private void numericMoments(AggregateQuery q, List<Consumer<Row>> readers, ColumnState c) {
    String v = c.spec.value();
    String f = c.spec.finite();
    if (c.base() == ColumnSpec.Base.FLOATING) {
      int inf = q.add(dialect.countIf(dialect.isInfinite(v)));
      int negInf = q.add(dialect.countIf(dialect.isInfinite(v) + " AND " + v + " < 0"));
      readers.add(
          r -> {
            c.infinite = r.longValue(inf);
            c.negativeInfinite = r.longValue(negInf);
          });
    }
    int finite = q.add("count(" + f + ")");
    int min = q.add("min(" + f + ")");
    int max = q.add("max(" + f + ")");
    int mean = q.add("avg(" + f + ")");
    // the standard deviation is the root of the variance: a second aggregate would run the same
    // moment recurrence over every row again (measured: a third of the moments pass on DuckDB)
    int variance = q.add("var_samp(" + f + ")");
    int sum = q.add("sum(" + f + ")");
    int zeros = q.add(dialect.countIf(v + " = 0"));
    int negatives = q.add(dialect.countIf(v + " < 0"));
    readers.add(
        r -> {
          c.finiteCount = r.longValue(finite);
          c.min = r.doubleOrNull(min);
          c.max = r.doubleOrNull(max);
          c.mean = r.doubleOrNull(mean);
          c.variance = r.doubleOrNull(variance);
          c.std = c.variance == null ? null : Math.sqrt(c.variance);
          c.sum = r.doubleOrNull(sum);
          c.zeros = r.longValue(zeros);
          c.negatives = r.longValue(negatives);
        });
    if (options.approximate()) {
      sketches(q, readers, c);
      int quantiles = q.add(dialect.approximateQuantiles(f, ProfileSql.QUANTILES));
      readers.add(r -> c.approximateQuantiles = r.list(quantiles));
    }
  }

  private static boolean finiteVariance(ColumnState c) {
    return c.variance == null || Double.isFinite(c.variance);
  }

  /** Approximate distinct count and value-only extremes, for columns left out of the grouping. */
  private void sketches(AggregateQuery q, List<Consumer<Row>> readers, ColumnState c) {
    String v = c.spec.value();
    int distinct = q.add(dialect.approximateDistinct(v));
    readers.add(r -> c.approximateDistinct = r.longOrNull(distinct));
    if (options.extremeValues() > 0) {
      int smallest = q.add(dialect.smallestValues(v, options.extremeValues()));
      int largest = q.add(dialect.largestValues(v, options.extremeValues()));
      readers.add(
          r -> {
            c.smallestValues = r.list(smallest);
            c.largestValues = r.list(largest);
          });
    }
  }

  // ---------------------------------------------------------------- pass 2: distribution

  /**
   * Whether the distribution pass is {@link GroupingSetsPass}, which groups every column of a
   * statement in one aggregation, rather than {@link DistributionPass}.
   */
  private boolean groupedTogether() {
    return dialect.groupsColumnsTogether() && !options.approximate();
  }

  private Void distribution() {
    // Statements of at most DISTRIBUTION_CHUNK columns: each grouped column brings a few dozen
    // aggregate states, and the engine reserves memory per state and thread. The columns ranked
    // for Spearman come first, so that their value counts are shared with the rank join.
    consecutiveIntegers();
    // the grouped shape counts duplicate rows with a grouping of whole rows in its first
    // statement, unless a complete consecutive integer column is already known to be a key
    boolean keyKnown = columns.stream().anyMatch(c -> c.consecutiveIntegers && c.count == rowCount);
    List<ColumnState> ordered = new ArrayList<>(numericCorrelated);
    columns.stream().filter(c -> !numericCorrelated.contains(c)).forEach(ordered::add);
    for (int from = 0; from < ordered.size(); from += DISTRIBUTION_CHUNK) {
      boolean first = from == 0;
      List<ColumnState> chunk =
          ordered.subList(from, Math.min(ordered.size(), from + DISTRIBUTION_CHUNK));
      List<ColumnState> ranked = first && !options.minimal() ? numericCorrelated : List.of();
      DistributionStatement pass =
          groupedTogether()
              ? new GroupingSetsPass(
                  sql,
                  options,
                  chunk,
                  source,
                  ranked,
                  first && !options.minimal() && !keyKnown ? columns : List.of())
              : new DistributionPass(sql, options, chunk, source, ranked, rowCount);
      String statement = pass.statement();
      if (statement != null) {
        pass.read(query(statement, pass.parameters()).rows().get(0));
        scans += (pass.groups() ? 1 : 0) + pass.scans();
        if (first && !options.minimal()) {
          spearman = pass.spearman();
          duplicateRows = pass.duplicateRows();
        }
      }
    }
    List<ColumnState> mad = MadPass.eligible(columns);
    // DuckDB's selection buffers each column's values in memory; Spark's statement costs jobs
    int perStatement =
        dialect.groupsColumnsTogether() ? DISTRIBUTION_CHUNK : MadPass.COLUMNS_PER_STATEMENT;
    for (int from = 0; from < mad.size(); from += perStatement) {
      MadPass pass =
          new MadPass(sql, mad.subList(from, Math.min(mad.size(), from + perStatement)), source);
      pass.read(query(pass.statement(), pass.parameters()).rows().get(0));
      scans++;
    }
    if (!options.minimal()) {
      duplicates();
    }
    return null;
  }

  /**
   * Marks the integer columns whose values are exactly min..max ({@link ConsecutiveIntegers}); the
   * candidates' distinct counts come from one scan, which saves grouping and ranking each of them.
   */
  private void consecutiveIntegers() {
    List<ColumnState> candidates =
        columns.stream().filter(c -> ConsecutiveIntegers.candidate(c, consecutiveMinRows)).toList();
    if (candidates.isEmpty()) {
      return;
    }
    List<String> aggregates = new ArrayList<>();
    for (ColumnState c : candidates) {
      aggregates.add(ConsecutiveIntegers.confirmation(dialect, c));
    }
    List<Object> row =
        query("SELECT " + String.join(", ", aggregates) + " FROM " + source, List.of())
            .rows()
            .get(0);
    scans++;
    for (int i = 0; i < candidates.size(); i++) {
      Object distinct = row.get(i);
      ColumnState c = candidates.get(i);
      c.consecutiveIntegers = distinct != null && ((Number) distinct).longValue() == c.count;
    }
  }

  /**
   * Duplicate rows: none when a column is a key (complete, every value distinct), which the value
   * counts already tell; otherwise one grouping of all columns.
   */
  private void duplicates() {
    if (duplicateRows != null) {
      return;
    }
    boolean key =
        columns.stream()
            .anyMatch(c -> c.frequenciesKnown && c.count == rowCount && c.distinct == rowCount);
    if (key) {
      duplicateRows = 0L;
      return;
    }
    QueryResult result =
        query(
            "SELECT "
                + dialect.filtered("sum(n - 1)", "n > 1")
                + " FROM (SELECT count(*) AS n FROM "
                + source
                + " GROUP BY "
                + columns.stream().map(c -> c.spec.value()).collect(Collectors.joining(", "))
                + ") AS d",
            List.of());
    scans++;
    Object value = result.rows().get(0).get(0);
    duplicateRows = value == null ? 0L : ((Number) value).longValue();
  }

  /** The coarsest period giving at most about 60 periods over the range. */
  static String period(double rangeSeconds) {
    double days = rangeSeconds / 86_400;
    if (days <= 62) {
      return "day";
    }
    if (days <= 366) {
      return "week";
    }
    if (days <= 5 * 366) {
      return "month";
    }
    if (days <= 15 * 366) {
      return "quarter";
    }
    return "year";
  }

  /** Decides each column's kind once distinct counts are known. */
  private void classify() {
    for (ColumnState c : columns) {
      long distinct =
          c.frequenciesKnown
              ? c.distinct
              : c.approximateDistinct == null ? 0 : c.approximateDistinct;
      c.kind =
          ColumnKind.of(
              c.spec.type(),
              distinct,
              rowCount,
              options.categoricalMaxDistinct(),
              options.categoricalMaxShare());
    }
  }

  // ---------------------------------------------------------------- passes 4, 5: correlations

  private Void correlations() {
    categoricalCorrelated =
        columns.stream()
            .filter(c -> c.kind == ColumnKind.CATEGORICAL || c.kind == ColumnKind.BOOLEAN)
            .filter(c -> c.distinct >= 2 && c.distinct <= options.correlationMaxDistinct())
            .limit(options.maxCategoricalCorrelationColumns())
            .toList();
    if (categoricalCorrelated.size() >= 2) {
      cramers();
    }
    return null;
  }

  private void cramers() {
    List<ColumnState> cols = categoricalCorrelated;
    if (dialect.groupsColumnsTogether() && contingencyCells(cols) <= CRAMERS_CELLS_IN_MEMORY) {
      cramersInMemory(cols);
      return;
    }
    List<String> keys = cols.stream().map(c -> c.spec.value()).toList();
    long all = (1L << keys.size()) - 1;
    List<List<String>> sets = new ArrayList<>();
    List<String> cells = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    forEachPair(
        keys.size(),
        (i, j) -> {
          String a = keys.get(i);
          String b = keys.get(j);
          long gid = all ^ (1L << (keys.size() - 1 - i)) ^ (1L << (keys.size() - 1 - j));
          cells.add(
              "SELECT "
                  + pairs.size()
                  + " AS p, "
                  + dialect.toText(a)
                  + " AS a, "
                  + dialect.toText(b)
                  + " AS b, n FROM g WHERE gid = "
                  + gid
                  + " AND "
                  + a
                  + " IS NOT NULL AND "
                  + b
                  + " IS NOT NULL");
          sets.add(List.of(a, b));
          pairs.add(new int[] {i, j});
        });
    String statement =
        "WITH "
            + dialect.materialized(
                "g",
                "SELECT "
                    + dialect.groupingId(keys)
                    + " AS gid, "
                    + String.join(", ", keys)
                    + ", count(*) AS n FROM "
                    + source
                    + " GROUP BY "
                    + sql.groupingSets(sets))
            + ", u AS ("
            + String.join(" UNION ALL ", cells)
            + "), c AS (SELECT p, a, b, n, sum(n) OVER (PARTITION BY p, a) AS ra,"
            + " sum(n) OVER (PARTITION BY p, b) AS cb, sum(n) OVER (PARTITION BY p) AS t FROM u)"
            + " SELECT p, count(DISTINCT a) AS r, count(DISTINCT b) AS k, max(t) AS total,"
            + " sum("
            + dialect.toDouble("n")
            + " * n / ("
            + dialect.toDouble("ra")
            + " * cb)) AS s,"
            + " CASE WHEN count(DISTINCT a) = 2 AND count(DISTINCT b) = 2 THEN "
            + dialect.structList(List.of("a", "b", "n"), List.of("a", "b", "n"))
            + " END AS cells"
            + " FROM c GROUP BY p ORDER BY p";
    QueryResult result = query(statement, List.of());
    scans += 1;
    cramersV = pairMatrix(keys.size());
    for (List<Object> row : result.rows()) {
      int[] pair = pairs.get(((Number) row.get(0)).intValue());
      double v =
          CramersV.corrected(
              ((Number) row.get(1)).longValue(),
              ((Number) row.get(2)).longValue(),
              ((Number) row.get(3)).longValue(),
              ((Number) row.get(4)).doubleValue(),
              row.get(5) == null ? List.of() : (List<?>) row.get(5));
      setPair(cramersV, pair[0], pair[1], Double.isFinite(v) ? v : null);
    }
  }

  /** An upper bound of the cells of every pair's contingency table, a missing value included. */
  private static long contingencyCells(List<ColumnState> cols) {
    long[] cells = {0};
    forEachPair(
        cols.size(), (i, j) -> cells[0] += (cols.get(i).distinct + 1) * (cols.get(j).distinct + 1));
    return cells[0];
  }

  /**
   * Cramér's V of every pair from the cells of the pairs' contingency tables, counted by one {@code
   * GROUPING SETS} aggregation and reduced here: for an engine that groups columns together, where
   * the SQL reduction's union and windows would compute the grouping again for each pair.
   */
  private void cramersInMemory(List<ColumnState> cols) {
    List<String> keys = cols.stream().map(c -> c.spec.value()).toList();
    long all = (1L << keys.size()) - 1;
    List<List<String>> sets = new ArrayList<>();
    Map<Long, int[]> pairsById = new HashMap<>();
    forEachPair(
        keys.size(),
        (i, j) -> {
          sets.add(List.of(keys.get(i), keys.get(j)));
          pairsById.put(
              all ^ (1L << (keys.size() - 1 - i)) ^ (1L << (keys.size() - 1 - j)),
              new int[] {i, j});
        });
    QueryResult result =
        query(
            "SELECT "
                + dialect.groupingId(keys)
                + " AS gid, "
                + String.join(", ", keys)
                + ", count(*) AS n FROM "
                + source
                + " GROUP BY "
                + sql.groupingSets(sets),
            List.of());
    scans += 1;
    Map<Long, List<List<Object>>> cellsById = new HashMap<>();
    for (List<Object> row : result.rows()) {
      long gid = ((Number) row.get(0)).longValue();
      int[] pair = pairsById.get(gid);
      Object a = row.get(1 + pair[0]);
      Object b = row.get(1 + pair[1]);
      if (a != null && b != null) {
        cellsById
            .computeIfAbsent(gid, id -> new ArrayList<>())
            .add(List.of(a, b, row.get(row.size() - 1)));
      }
    }
    cramersV = pairMatrix(keys.size());
    pairsById.forEach(
        (gid, pair) -> {
          double v = cramersOf(cellsById.getOrDefault(gid, List.of()));
          setPair(cramersV, pair[0], pair[1], Double.isFinite(v) ? v : null);
        });
  }

  /** Corrected Cramér's V of one contingency table given as {a, b, n} cells. */
  private static double cramersOf(List<List<Object>> cells) {
    Map<Object, Long> rowTotals = new HashMap<>();
    Map<Object, Long> colTotals = new HashMap<>();
    long total = 0;
    for (List<Object> cell : cells) {
      long n = ((Number) cell.get(2)).longValue();
      rowTotals.merge(cell.get(0), n, Long::sum);
      colTotals.merge(cell.get(1), n, Long::sum);
      total += n;
    }
    double sum = 0;
    List<Object> structs = new ArrayList<>();
    for (List<Object> cell : cells) {
      double n = ((Number) cell.get(2)).doubleValue();
      sum += n * n / ((double) rowTotals.get(cell.get(0)) * colTotals.get(cell.get(1)));
      structs.add(Map.of("a", cell.get(0), "b", cell.get(1), "n", cell.get(2)));
    }
    return CramersV.corrected(rowTotals.size(), colTotals.size(), total, sum, structs);
  }

  static Double[][] pairMatrix(int size) {
    Double[][] matrix = new Double[size][size];
    for (int i = 0; i < size; i++) {
      matrix[i][i] = 1.0;
    }
    return matrix;
  }

  static void setPair(Double[][] matrix, int i, int j, Double value) {
    // rounding can push a perfect correlation a hair beyond 1
    Double finite =
        value != null && Double.isFinite(value) ? Math.max(-1.0, Math.min(1.0, value)) : null;
    matrix[i][j] = finite;
    matrix[j][i] = finite;
  }

  interface PairAction {
    void accept(int i, int j);
  }

  static void forEachPair(int size, PairAction action) {
    for (int i = 0; i < size; i++) {
      for (int j = i + 1; j < size; j++) {
        action.accept(i, j);
      }
    }
  }

  // ---------------------------------------------------------------- sample

  private Void sample() {
    if (options.sampleRows() == 0) {
      sampleColumns = columns.stream().map(ColumnState::name).toList();
      return null;
    }
    QueryResult result =
        query(
            "SELECT * FROM " + dialect.table(table) + " LIMIT " + options.sampleRows(), List.of());
    sampleColumns = result.columns().stream().map(ColumnInfo::name).toList();
    sampleRows = result.rows();
    return null;
  }

  // ---------------------------------------------------------------- plumbing

  private Row aggregate(AggregateQuery q, String from, int scansUsed) {
    QueryResult result = query(q.sql(from), q.parameters());
    scans += scansUsed;
    return new Row(result.rows().get(0));
  }

  private QueryResult query(String statement, List<?> parameters) {
    queries++;
    return session.query(statement, parameters);
  }
}
