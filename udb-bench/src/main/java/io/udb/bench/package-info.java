/**
 * Benchmarks that time UDB operations against DuckDB doing the same work directly, in one process,
 * and report throughput ratios. Entry point: {@link io.udb.bench.BenchMain}.
 */
package io.udb.bench;
