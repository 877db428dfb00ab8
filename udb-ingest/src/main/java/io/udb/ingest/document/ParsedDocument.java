package io.udb.ingest.document;

import java.util.Map;
import java.util.Objects;

/**
 * One document's extracted text and metadata.
 *
 * @param documentId the SHA-256 of the document's bytes, in hex: the same file always has the same
 *     id
 * @param source the document's name (the client's file name, or the file's path inside the allowed
 *     folder)
 * @param contentType the media type Tika detected, without parameters
 * @param text the whole extracted text
 * @param metadata {@code title}, {@code author}, {@code contentType} and what else the document
 *     says ({@code created}, {@code modified}, {@code language}, {@code pages}, {@code subject}),
 *     plus {@code characters} and {@code bytes}; absent values are left out
 */
public record ParsedDocument(
    String documentId,
    String source,
    String contentType,
    String text,
    Map<String, Object> metadata) {
  /** Validates and copies. */
  public ParsedDocument {
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(text, "text");
    metadata = Map.copyOf(metadata);
  }
}
