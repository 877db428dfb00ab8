/**
 * Data profiling: per-column statistics, correlations and alerts of a tenant table, computed inside
 * the engine with a few fused scans and published as a JSON document ({@code profile.schema.json})
 * and a self-contained HTML report. Entry point: {@link io.udb.quality.profile.Profiler}.
 */
package io.udb.quality.profile;
