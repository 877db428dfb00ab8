package io.udb.ingest.http;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import tools.jackson.core.JsonPointer;
import tools.jackson.databind.JsonNode;

/**
 * A location in a JSON response: a JSON pointer ({@code /data/items}) or a dotted path ({@code
 * data.items}), where numeric segments index arrays. An empty path is the document itself.
 */
final class JsonPath {
  private final String text;
  private final JsonPointer pointer;

  private JsonPath(String text, JsonPointer pointer) {
    this.text = text;
    this.pointer = pointer;
  }

  static JsonPath of(String path) {
    if (path == null || path.isBlank()) {
      return new JsonPath("", JsonPointer.empty());
    }
    String trimmed = path.trim();
    try {
      if (trimmed.startsWith("/")) {
        return new JsonPath(trimmed, JsonPointer.compile(trimmed));
      }
      StringBuilder pointer = new StringBuilder();
      for (String segment : trimmed.split("\\.", -1)) {
        if (segment.isEmpty()) {
          throw new IllegalArgumentException("empty segment");
        }
        pointer.append('/').append(segment.replace("~", "~0").replace("/", "~1"));
      }
      return new JsonPath(trimmed, JsonPointer.compile(pointer.toString()));
    } catch (IllegalArgumentException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "'" + trimmed + "' is not a JSON pointer (/a/b) or a dotted path (a.b)");
    }
  }

  /** The node at this path, a missing node when absent. */
  JsonNode find(JsonNode document) {
    return document.at(pointer);
  }

  boolean isRoot() {
    return text.isEmpty();
  }

  @Override
  public String toString() {
    return text.isEmpty() ? "(the document)" : text;
  }
}
