package io.udb.quality.drift;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The drift of a current table against a reference: per column and for the dataset, as Evidently's
 * {@code DataDriftPreset} decides it (the dataset drifts when the share of drifted columns reaches
 * {@code driftShareThreshold}).
 *
 * @param reference what the current table was compared with: a table name or {@code
 *     baseline:<dataset>@<version>}
 * @param current the current table
 * @param datasetDrift whether the dataset drifted
 * @param driftShare the share of compared columns that drifted (0 when none was compared)
 * @param numberOfColumns columns compared
 * @param numberOfDriftedColumns columns that drifted
 * @param driftShareThreshold the share from which the dataset counts as drifted
 * @param columns the compared columns
 * @param schemaChanges columns added, dropped or retyped
 * @param skippedColumns columns that could not be compared, with the reason
 * @param baseline the baseline used, or null for a table comparison
 */
public record DriftResult(
    String reference,
    String current,
    boolean datasetDrift,
    double driftShare,
    int numberOfColumns,
    int numberOfDriftedColumns,
    double driftShareThreshold,
    List<ColumnDrift> columns,
    List<SchemaChange> schemaChanges,
    List<SkippedColumn> skippedColumns,
    BaselineUse baseline) {

  /** Copies the lists. */
  public DriftResult {
    columns = List.copyOf(columns);
    schemaChanges = List.copyOf(schemaChanges);
    skippedColumns = List.copyOf(skippedColumns);
  }

  /**
   * The column of a name.
   *
   * @param name the column
   * @return its drift
   * @throws IllegalArgumentException when it was not compared
   */
  public ColumnDrift column(String name) {
    return columns.stream()
        .filter(c -> c.column().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("column " + name + " was not compared"));
  }

  /**
   * The result as in {@code POST /udb/drift}: {@code datasetDrift, driftShare,
   * numberOfDriftedColumns, columns}, followed by {@code numberOfColumns, driftShareThreshold,
   * reference, current, schemaChanges, skippedColumns, baseline}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("datasetDrift", datasetDrift);
    json.put("driftShare", driftShare);
    json.put("numberOfDriftedColumns", numberOfDriftedColumns);
    json.put("columns", columns.stream().map(ColumnDrift::toJson).toList());
    json.put("numberOfColumns", numberOfColumns);
    json.put("driftShareThreshold", driftShareThreshold);
    json.put("reference", reference);
    json.put("current", current);
    json.put("schemaChanges", schemaChanges.stream().map(SchemaChange::toJson).toList());
    json.put("skippedColumns", skippedColumns.stream().map(SkippedColumn::toJson).toList());
    json.put("baseline", baseline == null ? null : baseline.toJson());
    return json;
  }
}
