/**
 * The built-in {@link io.udb.api.job.JobStore}s: {@link io.udb.core.job.store.InMemoryJobStore} for
 * a single process, and {@link io.udb.core.job.store.JdbcJobStore} for a store shared by several
 * nodes (PostgreSQL first; any database speaking standard SQL, DuckDB included), with their
 * ServiceLoader factories {@code memory} and {@code jdbc}.
 */
package io.udb.core.job.store;
