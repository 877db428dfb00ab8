/**
 * KPIs: definitions (Java builder, JSON and YAML), their computation over a tenant's tables with
 * shared scans and caching, results with period comparisons, breakdowns and time series, and the
 * {@code kpi} job. Entry point: {@link io.udb.kpi.service.KpiService}.
 */
package io.udb.kpi;
