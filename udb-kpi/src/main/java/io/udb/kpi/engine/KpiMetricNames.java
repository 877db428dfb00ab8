package io.udb.kpi.engine;

/** The names of the KPI meters, beside the core's {@code io.udb.core.observe.MetricNames}. */
public final class KpiMetricNames {
  /** Distribution of rows aggregated per computed KPI; tag tenant. */
  public static final String ROWS = "udb.kpi.rows";

  /** Counter of result cache lookups; tags result ({@code hit} or {@code miss}), tenant. */
  public static final String CACHE = "udb.kpi.cache";

  /** Timer of KPI scan queries; tags tenant, outcome. */
  public static final String SCANS = "udb.kpi.scans";

  private KpiMetricNames() {}
}
