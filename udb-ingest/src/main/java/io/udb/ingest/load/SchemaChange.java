package io.udb.ingest.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A change an append or upsert made to the target table's schema so that the new rows fit.
 *
 * @param column the column
 * @param kind what happened to it
 * @param fromType its type before, {@code null} for an added column
 * @param toType its type after
 */
public record SchemaChange(String column, Kind kind, String fromType, String toType) {

  /** The kinds of change; only compatible ones are ever made. */
  public enum Kind {
    /** A column of the new data that the table did not have. */
    ADDED,
    /** A column widened to hold both old and new values (e.g. INTEGER to BIGINT, to VARCHAR). */
    WIDENED
  }

  /** Validates the arguments. */
  public SchemaChange {
    Objects.requireNonNull(column, "column");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(toType, "toType");
  }

  /** The change as a JSON-compatible map: {@code column, change, from, to}. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("column", column);
    map.put("change", kind.name().toLowerCase(java.util.Locale.ROOT));
    map.put("from", fromType);
    map.put("to", toType);
    return map;
  }
}
