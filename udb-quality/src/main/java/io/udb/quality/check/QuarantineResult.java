package io.udb.quality.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a run put the rows that violate its failed row-level checks.
 *
 * @param table the quarantine table, {@code <table>__quarantine}
 * @param rows how many rows it holds (a row violating two checks is there twice)
 */
public record QuarantineResult(String table, long rows) {
  /** Validates the arguments. */
  public QuarantineResult {
    Objects.requireNonNull(table, "table");
  }

  /** The JSON form: {@code {"table", "rows"}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("table", table);
    json.put("rows", rows);
    return json;
  }
}
