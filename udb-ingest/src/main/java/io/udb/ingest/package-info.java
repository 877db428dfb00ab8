/**
 * Bringing data into tenant databases. {@link io.udb.ingest.CsvFileIngest} is the quick start's
 * entry point; {@code io.udb.ingest.load} holds the atomic, rejects-accounting loader and {@code
 * io.udb.ingest.file} the file ingest service and file connectors.
 */
package io.udb.ingest;
