/**
 * The {@code jdbc} connector: tables, views and queries of any database with a JDBC driver, read in
 * full or incrementally by a cursor column.
 */
package io.udb.ingest.jdbc;
