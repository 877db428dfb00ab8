package io.udb.quality.drift;

import java.util.Map;

/**
 * A column that was not compared, and why (no values on a side, a type drift cannot compare, a kind
 * that changed between baseline and table).
 *
 * @param column the column
 * @param reason why it was skipped
 */
public record SkippedColumn(String column, String reason) {
  /** As JSON. */
  public Map<String, Object> toJson() {
    return Map.of("column", column, "reason", reason);
  }
}
