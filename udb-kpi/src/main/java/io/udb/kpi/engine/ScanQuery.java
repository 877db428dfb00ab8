package io.udb.kpi.engine;

import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryResult;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.engine.KpiComputation.Cell;
import io.udb.kpi.engine.KpiComputation.Decomposition;
import io.udb.kpi.engine.KpiComputation.DimensionCell;
import io.udb.kpi.engine.KpiComputation.DimensionCells;
import io.udb.kpi.engine.KpiComputation.PeriodCell;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One fused aggregate query computing every KPI of a scan group (same table, time column and grain)
 * in a single pass: all aggregates of all KPIs, per period, and per period and dimension value
 * through {@code GROUPING SETS}. A KPI's filter restricts its own aggregates ({@code FILTER (WHERE
 * ...)}) rather than the scan, so KPIs with different filters still share the scan and every period
 * of the table is present for every KPI (a month without a sunny day counts 0 sunny days instead of
 * vanishing). The user fragments (already checked) appear once each, in the projection of the
 * innermost subquery; everything else is generated with quoted identifiers.
 *
 * <pre>
 * SELECT * FROM (SELECT *, max(CASE WHEN "__g" = 1 THEN "__p" END) OVER () AS "__latest"
 *   FROM (SELECT "__p", "__d0", GROUPING("__d0") AS "__g", count(*) AS "__rows", avg("__m0") ...
 *     FROM (SELECT CAST(date_trunc('month', "date") AS DATE) AS "__p",
 *                  CAST("weather" AS VARCHAR) AS "__d0", "temp_max" AS "__m0", (filter) AS "__c0"
 *           FROM "weather" WHERE "date" IS NOT NULL) AS "__udb_base"
 *     GROUP BY GROUPING SETS (("__p"), ("__p", "__d0"))) AS "__udb_agg") AS "__udb_win"
 * WHERE "__g" = 1 OR "__p" = "__latest" OR "__p" = CAST("__latest" - INTERVAL 1 MONTH AS DATE)
 * </pre>
 *
 * <p>The outer restriction keeps the dimension rows of only the latest and the previous period (the
 * breakdown's), unless per-value series were asked for.
 */
final class ScanQuery {
  private static final String PERIOD = "__p";
  private static final String GROUPING = "__g";
  private static final String ROWS = "__rows";

  private final List<PlannedKpi> kpis;
  private final KpiSql sql;
  private final boolean dimensionSeries;
  private final String table;
  private final String timeColumn;
  private final Grain grain;
  private final List<String> dimensions = new ArrayList<>();
  private final Map<String, String> measureAliases = new LinkedHashMap<>();
  private final Map<String, String> conditionAliases = new LinkedHashMap<>();
  private final Map<String, String> aggregateAliases = new LinkedHashMap<>();
  private final Set<String> countAliases = new HashSet<>();
  private final List<Columns> columns = new ArrayList<>();
  private final String text;

  ScanQuery(List<PlannedKpi> kpis, KpiSql sql, boolean dimensionSeries) {
    if (kpis.isEmpty()) {
      throw new IllegalArgumentException("a scan needs at least one KPI");
    }
    this.kpis = List.copyOf(kpis);
    this.sql = sql;
    this.dimensionSeries = dimensionSeries;
    PlannedKpi first = kpis.get(0);
    this.table = first.table();
    this.timeColumn = first.timeColumn();
    this.grain = first.definition().grain();
    for (PlannedKpi kpi : kpis) {
      for (String dimension : kpi.dimensions()) {
        if (dimensionIndex(dimension) < 0) {
          dimensions.add(dimension);
        }
      }
      columns.add(columnsOf(kpi));
    }
    this.text = compose();
  }

  /** The query text. */
  String sql() {
    return text;
  }

  /** The KPIs it computes, in order. */
  List<PlannedKpi> kpis() {
    return kpis;
  }

  /** Whether the query returns dimension rows. */
  boolean hasDimensions() {
    return !dimensions.isEmpty();
  }

  private Columns columnsOf(PlannedKpi kpi) {
    boolean breakdown = !kpi.dimensions().isEmpty();
    String filter = kpi.filter();
    String rows =
        filter == null
            ? ROWS
            : aggregate(new AggregateSpec(Aggregation.COUNT, null, null, null), filter);
    if (kpi.value() != null) {
      AggregateSpec value = kpi.value();
      String valueAlias = aggregate(value, filter);
      Aggregation aggregation = value.aggregation();
      if (aggregation.additive()) {
        return new Columns(valueAlias, valueAlias, null, rows, Decomposition.ADDITIVE);
      }
      if (aggregation == Aggregation.AVG) {
        if (!breakdown) {
          return new Columns(valueAlias, null, null, rows, Decomposition.SHARE);
        }
        String sum =
            aggregate(
                new AggregateSpec(Aggregation.SUM, value.argument(), null, value.condition()),
                filter);
        String count =
            aggregate(
                new AggregateSpec(Aggregation.COUNT, value.argument(), null, value.condition()),
                filter);
        return new Columns(valueAlias, sum, count, rows, Decomposition.SHARE);
      }
      return new Columns(valueAlias, null, null, rows, Decomposition.NONE);
    }
    String numerator = aggregate(kpi.numerator(), filter);
    String denominator = aggregate(kpi.denominator(), filter);
    boolean additive =
        kpi.numerator().aggregation().additive() && kpi.denominator().aggregation().additive();
    return new Columns(
        null, numerator, denominator, rows, additive ? Decomposition.SHARE : Decomposition.NONE);
  }

  /**
   * Registers an aggregate (shared with equal ones) restricted to the KPI's filter and the
   * aggregate's own condition, and returns its column alias.
   */
  private String aggregate(AggregateSpec spec, String filter) {
    String argument = spec.argument() == null ? null : sql.quote(measureAlias(spec.argument()));
    List<String> conditions = new ArrayList<>();
    if (filter != null) {
      conditions.add(sql.quote(conditionAlias(filter)));
    }
    if (spec.condition() != null) {
      conditions.add(sql.quote(conditionAlias(spec.condition())));
    }
    String condition = conditions.isEmpty() ? null : String.join(" AND ", conditions);
    String expression =
        sql.filtered(sql.aggregate(spec.aggregation(), argument, spec.percentile()), condition);
    String alias =
        aggregateAliases.computeIfAbsent(expression, e -> "__a" + aggregateAliases.size());
    if (spec.aggregation() == Aggregation.COUNT
        || spec.aggregation() == Aggregation.COUNT_DISTINCT) {
      countAliases.add(alias);
    }
    return alias;
  }

  private String measureAlias(String argument) {
    return measureAliases.computeIfAbsent(argument, a -> "__m" + measureAliases.size());
  }

  private String conditionAlias(String condition) {
    return conditionAliases.computeIfAbsent(condition, c -> "__c" + conditionAliases.size());
  }

  private int dimensionIndex(String dimension) {
    for (int i = 0; i < dimensions.size(); i++) {
      if (dimensions.get(i).equalsIgnoreCase(dimension)) {
        return i;
      }
    }
    return -1;
  }

  private int allGrouped() {
    return (1 << dimensions.size()) - 1;
  }

  private String compose() {
    List<String> base = new ArrayList<>();
    if (timeColumn != null) {
      base.add(sql.period(grain, sql.quote(timeColumn)) + " AS " + sql.quote(PERIOD));
    }
    for (int i = 0; i < dimensions.size(); i++) {
      base.add(sql.text(sql.quote(dimensions.get(i))) + " AS " + sql.quote("__d" + i));
    }
    measureAliases.forEach((argument, alias) -> base.add(argument + " AS " + sql.quote(alias)));
    conditionAliases.forEach((condition, alias) -> base.add(condition + " AS " + sql.quote(alias)));
    if (base.isEmpty()) {
      base.add("1 AS " + sql.quote("__one"));
    }
    String inner =
        "SELECT "
            + String.join(", ", base)
            + " FROM "
            + sql.table(table)
            + (timeColumn == null ? "" : " WHERE " + sql.quote(timeColumn) + " IS NOT NULL");

    List<String> keys = new ArrayList<>();
    if (timeColumn != null) {
      keys.add(sql.quote(PERIOD));
    }
    List<String> dimensionKeys = new ArrayList<>();
    for (int i = 0; i < dimensions.size(); i++) {
      dimensionKeys.add(sql.quote("__d" + i));
    }
    List<String> select = new ArrayList<>(keys);
    select.addAll(dimensionKeys);
    if (!dimensionKeys.isEmpty()) {
      // every grouping expression, as engines require; the period is grouped in every set, so its
      // bit, the highest, is always 0 and the mask is the dimensions'
      List<String> grouped = new ArrayList<>(keys);
      grouped.addAll(dimensionKeys);
      select.add(sql.grouping(grouped) + " AS " + sql.quote(GROUPING));
    }
    select.add("count(*) AS " + sql.quote(ROWS));
    aggregateAliases.forEach(
        (expression, alias) -> select.add(expression + " AS " + sql.quote(alias)));
    StringBuilder aggregate =
        new StringBuilder("SELECT ")
            .append(String.join(", ", select))
            .append(" FROM (")
            .append(inner)
            .append(") AS ")
            .append(sql.quote("__udb_base"));
    if (!dimensionKeys.isEmpty()) {
      List<String> sets = new ArrayList<>();
      sets.add("(" + String.join(", ", keys) + ")");
      for (String dimension : dimensionKeys) {
        List<String> set = new ArrayList<>(keys);
        set.add(dimension);
        sets.add("(" + String.join(", ", set) + ")");
      }
      aggregate.append(" GROUP BY GROUPING SETS (").append(String.join(", ", sets)).append(')');
    } else if (!keys.isEmpty()) {
      aggregate.append(" GROUP BY ").append(String.join(", ", keys));
    }
    if (timeColumn == null || dimensionKeys.isEmpty() || dimensionSeries) {
      return aggregate.toString();
    }
    String g = sql.quote(GROUPING);
    String p = sql.quote(PERIOD);
    String latest = sql.quote("__latest");
    return "SELECT * FROM (SELECT *, max(CASE WHEN "
        + g
        + " = "
        + allGrouped()
        + " THEN "
        + p
        + " END) OVER () AS "
        + latest
        + " FROM ("
        + aggregate
        + ") AS "
        + sql.quote("__udb_agg")
        + ") AS "
        + sql.quote("__udb_win")
        + " WHERE "
        + g
        + " = "
        + allGrouped()
        + " OR "
        + p
        + " = "
        + latest
        + " OR "
        + p
        + " = "
        + sql.previousPeriod(grain, latest);
  }

  /**
   * Splits the query's rows into one computation per KPI, in the order of {@link #kpis()}.
   *
   * @param result the rows
   * @param elapsedMs how long the query took
   * @param scan the query's index in its batch
   * @return the computations
   */
  List<KpiComputation> parse(QueryResult result, long elapsedMs, int scan) {
    Map<String, Integer> index = new HashMap<>();
    List<ColumnInfo> resultColumns = result.columns();
    for (int i = 0; i < resultColumns.size(); i++) {
      index.put(resultColumns.get(i).name(), i);
    }
    int all = allGrouped();
    long scanned = 0;
    long[] rows = new long[kpis.size()];
    List<List<PeriodCell>> totals = new ArrayList<>();
    List<Map<Integer, List<DimensionCell>>> perDimension = new ArrayList<>();
    for (int k = 0; k < kpis.size(); k++) {
      totals.add(new ArrayList<>());
      perDimension.add(new HashMap<>());
    }
    for (List<Object> row : result.rows()) {
      LocalDate period = timeColumn == null ? null : date(row.get(index.get(PERIOD)));
      int grouping = dimensions.isEmpty() ? all : number(row.get(index.get(GROUPING))).intValue();
      if (grouping == all) {
        scanned += number(row.get(index.get(ROWS))).longValue();
        for (int k = 0; k < kpis.size(); k++) {
          Cell cell = cell(row, index, columns.get(k));
          rows[k] += cell.rows();
          totals.get(k).add(new PeriodCell(period, cell));
        }
        continue;
      }
      int dimension = dimensionOf(grouping);
      Object raw = row.get(index.get("__d" + dimension));
      String value = raw == null ? null : raw.toString();
      for (int k = 0; k < kpis.size(); k++) {
        Cell cell = cell(row, index, columns.get(k));
        // a value none of whose rows pass the KPI's filter is not part of its breakdown
        if (cell.rows() > 0 && hasDimension(kpis.get(k), dimension)) {
          perDimension
              .get(k)
              .computeIfAbsent(dimension, d -> new ArrayList<>())
              .add(new DimensionCell(period, value, cell));
        }
      }
    }
    if (timeColumn == null && totals.get(0).isEmpty()) {
      // SQL gives the grand total of an empty input one row; Spark leaves it out when the query
      // groups by grouping sets, so it is written here as SQL defines it
      List<Object> empty = emptyTotal(resultColumns);
      for (int k = 0; k < kpis.size(); k++) {
        totals.get(k).add(new PeriodCell(null, cell(empty, index, columns.get(k))));
      }
    }
    List<KpiComputation> out = new ArrayList<>(kpis.size());
    for (int k = 0; k < kpis.size(); k++) {
      List<PeriodCell> series = new ArrayList<>(totals.get(k));
      series.sort(Comparator.comparing(PeriodCell::period, nullsFirst()));
      List<DimensionCells> breakdowns = new ArrayList<>();
      for (String dimension : kpis.get(k).dimensions()) {
        List<DimensionCell> cells =
            new ArrayList<>(perDimension.get(k).getOrDefault(dimensionIndex(dimension), List.of()));
        cells.sort(
            Comparator.comparing(DimensionCell::period, nullsFirst())
                .thenComparing(DimensionCell::value, Comparator.nullsLast(String::compareTo)));
        breakdowns.add(new DimensionCells(dimension, cells));
      }
      out.add(
          new KpiComputation(
              series,
              breakdowns,
              columns.get(k).decomposition(),
              rows[k],
              scanned,
              elapsedMs,
              scan));
    }
    return out;
  }

  /** The grand total row over no rows: counts are 0, every other aggregate is null. */
  private List<Object> emptyTotal(List<ColumnInfo> resultColumns) {
    List<Object> row = new ArrayList<>(resultColumns.size());
    for (ColumnInfo column : resultColumns) {
      String name = column.name();
      row.add(name.equals(ROWS) || countAliases.contains(name) ? Long.valueOf(0L) : null);
    }
    return row;
  }

  private boolean hasDimension(PlannedKpi kpi, int dimension) {
    String name = dimensions.get(dimension);
    return kpi.dimensions().stream().anyMatch(d -> d.equalsIgnoreCase(name));
  }

  /** The dimension whose grouping set produced a row with the given grouping bitmask. */
  private int dimensionOf(int grouping) {
    int k = dimensions.size();
    for (int i = 0; i < k; i++) {
      if (grouping == (allGrouped() & ~(1 << (k - 1 - i)))) {
        return i;
      }
    }
    throw new IllegalStateException("unexpected grouping " + grouping);
  }

  private static Comparator<LocalDate> nullsFirst() {
    return Comparator.nullsFirst(Comparator.naturalOrder());
  }

  private static Cell cell(List<Object> row, Map<String, Integer> index, Columns columns) {
    Double numerator = columns.numerator() == null ? null : value(row, index, columns.numerator());
    Double denominator =
        columns.denominator() == null ? null : value(row, index, columns.denominator());
    Double value;
    if (columns.value() != null) {
      value = value(row, index, columns.value());
    } else {
      value =
          numerator == null || denominator == null || denominator == 0.0
              ? null
              : numerator / denominator;
    }
    long rows = number(row.get(index.get(columns.rows()))).longValue();
    return new Cell(value, numerator, denominator, rows);
  }

  private static Double value(List<Object> row, Map<String, Integer> index, String alias) {
    Object raw = row.get(Objects.requireNonNull(index.get(alias), alias));
    if (raw == null) {
      return null;
    }
    double value = number(raw).doubleValue();
    return Double.isFinite(value) ? value : null;
  }

  private static Number number(Object raw) {
    if (raw instanceof Number number) {
      return number;
    }
    throw new IllegalStateException("expected a number, got " + raw.getClass().getSimpleName());
  }

  static LocalDate date(Object raw) {
    if (raw == null) {
      return null;
    }
    String text = raw.toString();
    return LocalDate.parse(text.length() > 10 ? text.substring(0, 10) : text);
  }

  @Override
  public String toString() {
    return "ScanQuery[" + table.toLowerCase(Locale.ROOT) + ", " + kpis.size() + " KPIs]";
  }

  /**
   * Where a KPI's numbers are in the result.
   *
   * @param value the value's alias, or {@code null} when it is numerator / denominator
   * @param numerator the additive numerator's alias, or {@code null}
   * @param denominator the additive denominator's alias, or {@code null}
   * @param rows the alias of its row count (after its filter)
   * @param decomposition how its change splits
   */
  private record Columns(
      String value,
      String numerator,
      String denominator,
      String rows,
      Decomposition decomposition) {}
}
