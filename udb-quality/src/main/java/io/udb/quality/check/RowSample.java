package io.udb.quality.check;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A few rows of a table, e.g. those violating a check, already masked for the caller.
 *
 * @param columns the column names
 * @param rows the rows, each with one JSON-compatible value per column (may be null)
 */
public record RowSample(List<String> columns, List<List<Object>> rows) {
  /** Validates and copies; rows may hold nulls. */
  public RowSample {
    columns = List.copyOf(columns);
    List<List<Object>> copy = new ArrayList<>(rows.size());
    for (List<?> row : rows) {
      Objects.requireNonNull(row, "row");
      copy.add(Collections.unmodifiableList(new ArrayList<>(row)));
    }
    rows = Collections.unmodifiableList(copy);
  }

  /** The JSON form: {@code {"columns": [...], "rows": [[...], ...]}}. */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("columns", columns);
    json.put("rows", rows);
    return json;
  }
}
