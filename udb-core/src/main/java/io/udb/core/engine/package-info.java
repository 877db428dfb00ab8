/**
 * The embedded DuckDB engine: per-tenant databases, the guarded query path and internal sessions.
 */
package io.udb.core.engine;
