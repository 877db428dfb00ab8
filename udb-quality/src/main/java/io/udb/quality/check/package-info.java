/**
 * Data-quality checks in the style of Deequ, Soda and Great Expectations: a check DSL in Java
 * ({@link io.udb.quality.check.Checks}) and JSON ({@link io.udb.quality.check.CheckJson}),
 * execution compiled into fused aggregate queries inside the engine, failing-row samples and
 * quarantine, constraint suggestion from column statistics, and metric history with anomaly
 * detection. The entry point is {@link io.udb.quality.check.QualityService}.
 */
package io.udb.quality.check;
