package io.udb.ingest.load;

import io.udb.api.connector.LoadResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Everything one load did: its accounting ({@code rowsRead = rowsLoaded + rowsRejected}), the
 * schema changes an append or upsert made, the lines skipped before a CSV header and where the
 * rejected rows went.
 *
 * @param result the accounting and the table's columns after the load
 * @param format the input format: {@code csv}, {@code json}, {@code ndjson}, {@code parquet} or
 *     {@code rows}
 * @param mode the mode the load ran in
 * @param schemaChanges the columns added or widened, in column order
 * @param skippedLines the text of lines skipped before the header (e.g. a metadata line)
 * @param rejectsTable the table holding this load's rejected rows, {@code null} when none were
 *     rejected
 */
public record LoadReport(
    LoadResult result,
    String format,
    LoadMode mode,
    List<SchemaChange> schemaChanges,
    List<String> skippedLines,
    String rejectsTable) {

  /** Validates and copies. */
  public LoadReport {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(mode, "mode");
    schemaChanges = List.copyOf(schemaChanges);
    skippedLines = List.copyOf(skippedLines);
  }

  /** The table loaded. */
  public String table() {
    return result.table();
  }

  /**
   * The job result of an ingest: {@code table, rowsRead, rowsLoaded, rowsRejected, columns:[{name,
   * type}]} as the HTTP contract gives it, plus {@code format}, {@code mode}, {@code schemaChanges}
   * and, when there are any, {@code rejectsTable} and {@code skippedLines}.
   *
   * @return a JSON-compatible map
   */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("table", result.table());
    map.put("rowsRead", result.rowsRead());
    map.put("rowsLoaded", result.rowsLoaded());
    map.put("rowsRejected", result.rowsRejected());
    map.put(
        "columns",
        result.columns().stream()
            .map(c -> Map.<String, Object>of("name", c.name(), "type", c.type()))
            .toList());
    map.put("format", format);
    map.put("mode", mode.label());
    map.put("schemaChanges", schemaChanges.stream().map(SchemaChange::toMap).toList());
    if (rejectsTable != null) {
      map.put("rejectsTable", rejectsTable);
    }
    if (!skippedLines.isEmpty()) {
      map.put("skippedLines", skippedLines);
    }
    return map;
  }
}
