/**
 * The analytics engine on Apache Spark: {@link io.udb.spark.SparkEngine} (tenant namespaces,
 * dataset registration, sessions for generated SQL), {@link io.udb.spark.SparkDialect} (Spark SQL's
 * spelling of UDB's generated SQL) and the {@code spark} engine plugin.
 */
package io.udb.spark;
