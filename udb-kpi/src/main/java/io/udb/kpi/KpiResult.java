package io.udb.kpi;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The computed KPI: its value in the latest period present in the data, compared with the previous
 * period and with the same period a year earlier, its breakdowns and its time series.
 *
 * <p>A comparison is present only when the data holds the compared period; the previous period is
 * the calendar period just before the latest one, never an earlier one standing in for a gap.
 *
 * @param definition what was computed
 * @param period the latest period present in the data, or {@code null} for a KPI without periods or
 *     without rows
 * @param value the KPI in that period (or over all rows without periods), or {@code null}
 * @param previousPeriod the period before, when the data holds it, else {@code null}
 * @param previousValue the KPI in the previous period, or {@code null}
 * @param yearAgoPeriod the same period a year earlier, when the data holds it, else {@code null}
 * @param yearAgoValue the KPI then, or {@code null}
 * @param status against the thresholds, or {@code null} without thresholds or value
 * @param targetMet whether the target was reached, or {@code null} without target or value
 * @param rows how many rows the KPI aggregated (after its filter, over all periods)
 * @param rowsScanned how many rows the query computing it read (shared with the KPIs fused into it;
 *     rows without a time are skipped)
 * @param elapsedMs how long computing it took: the time of the scan it shared with the KPIs fused
 *     into the same query, or of the cache lookup
 * @param cached whether it was served from the result cache
 * @param scan the index of the query that computed it within its batch, {@code -1} when cached
 * @param breakdowns one per dimension, in the definition's order
 * @param series the time series for charts
 */
public record KpiResult(
    KpiDefinition definition,
    LocalDate period,
    Double value,
    LocalDate previousPeriod,
    Double previousValue,
    LocalDate yearAgoPeriod,
    Double yearAgoValue,
    KpiStatus status,
    Boolean targetMet,
    long rows,
    long rowsScanned,
    long elapsedMs,
    boolean cached,
    int scan,
    List<Breakdown> breakdowns,
    KpiSeries series) {

  /** Validates and copies. */
  public KpiResult {
    Objects.requireNonNull(definition, "definition");
    breakdowns = List.copyOf(breakdowns);
    Objects.requireNonNull(series, "series");
  }

  /** The KPI's name. */
  public String name() {
    return definition.name();
  }

  /** {@code value - previousValue}, or {@code null} unless both exist. */
  public Double change() {
    return difference(value, previousValue);
  }

  /** The change in percent of the previous value's magnitude, or {@code null} when undefined. */
  public Double changePct() {
    return percent(value, previousValue);
  }

  /** {@code value - yearAgoValue}, or {@code null} unless both exist. */
  public Double yearAgoChange() {
    return difference(value, yearAgoValue);
  }

  /** The year-on-year change in percent, or {@code null} when undefined. */
  public Double yearAgoChangePct() {
    return percent(value, yearAgoValue);
  }

  /**
   * The breakdown by a dimension.
   *
   * @param dimension the dimension column, as in the definition
   * @return the breakdown, or {@code null} when the KPI has no such dimension
   */
  public Breakdown breakdown(String dimension) {
    return breakdowns.stream()
        .filter(b -> b.dimension().equalsIgnoreCase(dimension))
        .findFirst()
        .orElse(null);
  }

  /**
   * The JSON form of {@code POST /udb/kpis}: {@code name}, {@code period}, {@code value}, {@code
   * previousPeriod}, {@code previousValue}, {@code change}, {@code changePct}, {@code elapsedMs},
   * and further fields (label, year-ago comparison, target, status, rows, breakdowns, series).
   *
   * @return JSON-compatible values; dates as ISO strings
   */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", name());
    out.put("label", definition.displayLabel());
    out.put("period", iso(period));
    out.put("value", number(value));
    out.put("previousPeriod", iso(previousPeriod));
    out.put("previousValue", number(previousValue));
    out.put("change", number(change()));
    out.put("changePct", number(changePct()));
    out.put("yearAgoPeriod", iso(yearAgoPeriod));
    out.put("yearAgoValue", number(yearAgoValue));
    out.put("yearAgoChange", number(yearAgoChange()));
    out.put("yearAgoChangePct", number(yearAgoChangePct()));
    out.put("grain", definition.grain() == null ? null : definition.grain().externalName());
    out.put("unit", definition.format().unit());
    out.put("target", number(definition.target()));
    out.put("targetMet", targetMet);
    out.put("status", status == null ? null : status.externalName());
    out.put("rows", rows);
    out.put("rowsScanned", rowsScanned);
    out.put("elapsedMs", elapsedMs);
    out.put("cached", cached);
    List<Object> parts = new ArrayList<>();
    for (Breakdown breakdown : breakdowns) {
      Map<String, Object> part = new LinkedHashMap<>();
      part.put("dimension", breakdown.dimension());
      part.put("decomposable", breakdown.decomposable());
      List<Object> values = new ArrayList<>();
      for (Contributor contributor : breakdown.contributors()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("value", contributor.value());
        item.put("current", number(contributor.current()));
        item.put("previous", number(contributor.previous()));
        item.put("delta", number(contributor.delta()));
        item.put("contribution", number(contributor.contribution()));
        values.add(item);
      }
      part.put("contributors", values);
      part.put("omitted", breakdown.omitted());
      parts.add(part);
    }
    out.put("breakdowns", parts);
    out.put("series", points(series.points()));
    if (!series.dimensions().isEmpty()) {
      List<Object> perValue = new ArrayList<>();
      for (DimensionSeries dimension : series.dimensions()) {
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("dimension", dimension.dimension());
        item.put("value", dimension.value());
        item.put("points", points(dimension.points()));
        perValue.add(item);
      }
      out.put("dimensionSeries", perValue);
    }
    return out;
  }

  private static List<Object> points(List<SeriesPoint> points) {
    List<Object> out = new ArrayList<>(points.size());
    for (SeriesPoint point : points) {
      Map<String, Object> item = new LinkedHashMap<>();
      item.put("period", point.period().toString());
      item.put("value", number(point.value()));
      out.add(item);
    }
    return out;
  }

  private static Double difference(Double a, Double b) {
    return a == null || b == null ? null : a - b;
  }

  private static Double percent(Double a, Double b) {
    if (a == null || b == null || b == 0.0) {
      return null;
    }
    return (a - b) / Math.abs(b) * 100.0;
  }

  private static String iso(LocalDate date) {
    return date == null ? null : date.toString();
  }

  /**
   * A JSON number: whole values as {@link Long} (so counts read {@code 12}, not {@code 12.0}),
   * others as {@link Double}; {@code null} for missing or non-finite values, which JSON cannot
   * hold.
   */
  static Object number(Double value) {
    if (value == null || !Double.isFinite(value)) {
      return null;
    }
    if (value == Math.rint(value) && Math.abs(value) < 9.0e15) {
      return value.longValue();
    }
    return value;
  }
}
