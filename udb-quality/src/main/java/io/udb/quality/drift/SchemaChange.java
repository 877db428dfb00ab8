package io.udb.quality.drift;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A column that differs between reference (or baseline) and current: added, dropped or retyped.
 * Schema changes are reported, never fatal.
 *
 * @param column the column
 * @param change what changed
 * @param referenceType its type in the reference, or null when added
 * @param currentType its type in the current table, or null when dropped
 */
public record SchemaChange(String column, Change change, String referenceType, String currentType) {
  /** The kinds of change. */
  public enum Change {
    /** Only the current table has the column. */
    ADDED,
    /** Only the reference has the column. */
    DROPPED,
    /** Both have it, with different types. */
    RETYPED
  }

  /** As JSON: {@code {"column", "change": "added"|"dropped"|"retyped", "referenceType", ...}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("column", column);
    json.put("change", change.name().toLowerCase(Locale.ROOT));
    json.put("referenceType", referenceType);
    json.put("currentType", currentType);
    return json;
  }
}
