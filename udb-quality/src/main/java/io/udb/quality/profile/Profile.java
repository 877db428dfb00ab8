package io.udb.quality.profile;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The profile of a table: dataset statistics, one {@link ColumnProfile} per column, correlations,
 * alerts and a sample. Its JSON form ({@link ProfileJson}) is described by the JSON Schema {@code
 * io/udb/quality/profile/profile.schema.json}.
 *
 * @param table the table name
 * @param rowCount the number of rows
 * @param columnCount the number of columns
 * @param duplicateRows rows that repeat an earlier row in every column (missing values compare
 *     equal), or {@code null} in minimal mode
 * @param duplicateShare {@code duplicateRows} divided by the row count, or {@code null}
 * @param missingCells missing values over all columns
 * @param missingCellsShare {@code missingCells} divided by rows times columns
 * @param estimatedBytes a rough uncompressed size: fixed-width values at their width, strings at
 *     their UTF-8 length
 * @param kinds the number of columns of each kind, keyed by {@link ColumnKind#id()}
 * @param columns the columns, in table order
 * @param correlations the correlation matrices, or {@code null} in minimal mode
 * @param alerts the alerts: table alerts first, then by column
 * @param sample the first rows
 * @param run how the profile was computed
 */
public record Profile(
    String table,
    long rowCount,
    int columnCount,
    Long duplicateRows,
    Double duplicateShare,
    long missingCells,
    double missingCellsShare,
    long estimatedBytes,
    Map<String, Integer> kinds,
    List<ColumnProfile> columns,
    Correlations correlations,
    List<Alert> alerts,
    SampleRows sample,
    RunInfo run) {

  /** Validates and copies. */
  public Profile {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(sample, "sample");
    Objects.requireNonNull(run, "run");
    kinds = Collections.unmodifiableMap(new LinkedHashMap<>(kinds));
    columns = List.copyOf(columns);
    alerts = List.copyOf(alerts);
  }

  /**
   * A column's profile.
   *
   * @param name the column name, exactly as stored
   * @return the profile, or empty
   */
  public Optional<ColumnProfile> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  /**
   * The alerts of one type.
   *
   * @param type the type
   * @return the alerts, in profile order
   */
  public List<Alert> alerts(AlertType type) {
    return alerts.stream().filter(a -> a.type() == type).toList();
  }
}
