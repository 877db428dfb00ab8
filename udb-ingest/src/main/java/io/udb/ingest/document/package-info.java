/**
 * Document ingest: Apache Tika extracts text and metadata from PDF, Office/OpenDocument, HTML, RTF,
 * Markdown, plain text and e-mail within limits, {@link io.udb.ingest.document.Fragmenter} cuts the
 * text into overlapping fragments on sentence and paragraph boundaries, and {@link
 * io.udb.ingest.document.DocumentIngest} loads them atomically into a fragments table through the
 * tenant loader. The {@code documents} connector reads documents inside an allowed folder.
 */
package io.udb.ingest.document;
