/**
 * Files as a source: {@link io.udb.ingest.file.FileIngestService} for uploads and host files (as
 * {@code ingest} jobs), and the {@code csv}, {@code json} and {@code parquet} connectors, which
 * read only inside the folder the deployment allows ({@code connector.<name>.allowed-base}).
 */
package io.udb.ingest.file;
