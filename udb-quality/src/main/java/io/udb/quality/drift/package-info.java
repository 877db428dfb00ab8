/**
 * Drift between a reference and a current table, or a table and a stored baseline, with Evidently's
 * test selection and scipy's numbers.
 *
 * <p>Entry points: {@link io.udb.quality.drift.DriftService} (runs drift as a job or synchronously)
 * and {@link io.udb.quality.drift.BaselineStore} (versioned baselines in the tenant database's
 * internal schema {@code udb_meta}). Sufficient statistics (distinct values with counts per side)
 * come from SQL; p-values come from Apache Commons Statistics.
 */
package io.udb.quality.drift;
