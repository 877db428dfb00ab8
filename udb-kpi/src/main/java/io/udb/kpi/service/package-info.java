/**
 * The entry point of KPIs: {@link io.udb.kpi.service.KpiService} computes batches and runs them as
 * {@code kpi} jobs, tying together the model ({@code io.udb.kpi}), the engine, the narrative and
 * the charts.
 */
package io.udb.kpi.service;
