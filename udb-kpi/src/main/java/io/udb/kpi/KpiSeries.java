package io.udb.kpi;

import java.util.List;

/**
 * The time series of a KPI, for charts: the KPI per period, and, when asked for, per value of each
 * dimension. Empty for a KPI without periods.
 *
 * @param points the KPI per period, in time order
 * @param dimensions the series per dimension value (largest in the latest period first), empty
 *     unless {@link KpiOptions#dimensionSeries()} was set
 */
public record KpiSeries(List<SeriesPoint> points, List<DimensionSeries> dimensions) {
  /** A KPI without periods. */
  public static final KpiSeries EMPTY = new KpiSeries(List.of(), List.of());

  /** Copies. */
  public KpiSeries {
    points = List.copyOf(points);
    dimensions = List.copyOf(dimensions);
  }
}
