package io.udb.security.pii;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The classification of a table's columns, as the core stores it per table.
 *
 * @param table the table name
 * @param columns column name to classification, in column order
 */
public record TableClassification(String table, Map<String, ColumnClassification> columns) {

  /** Copies the columns, keeping their order. */
  public TableClassification {
    Objects.requireNonNull(table, "table");
    Map<String, ColumnClassification> copy = new LinkedHashMap<>();
    for (Map.Entry<String, ColumnClassification> entry : columns.entrySet()) {
      copy.put(Objects.requireNonNull(entry.getKey()), Objects.requireNonNull(entry.getValue()));
    }
    columns = Collections.unmodifiableMap(copy);
  }

  /**
   * A column's classification, matching the name exactly or else ignoring case (SQL identifiers are
   * case-insensitive).
   *
   * @param column the column name
   * @return the classification, if the column is known
   */
  public Optional<ColumnClassification> column(String column) {
    ColumnClassification exact = columns.get(column);
    if (exact != null) {
      return Optional.of(exact);
    }
    String lower = column.toLowerCase(Locale.ROOT);
    return columns.entrySet().stream()
        .filter(e -> e.getKey().toLowerCase(Locale.ROOT).equals(lower))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  /** True when at least one column carries a PII tag. */
  public boolean hasSensitiveColumns() {
    return columns.values().stream().anyMatch(ColumnClassification::isSensitive);
  }
}
