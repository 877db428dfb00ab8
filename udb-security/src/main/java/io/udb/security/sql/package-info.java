/**
 * The guard for untrusted SQL: DuckDB's own parser, then a walk of the parse tree against
 * allow-lists.
 */
package io.udb.security.sql;
