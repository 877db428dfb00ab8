package io.udb.quality.check;

import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.TableInfo;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A table's columns, looked up as the engine resolves identifiers: the exact name first, then
 * ignoring case.
 */
final class TableSchema {
  private final TableInfo info;

  TableSchema(TableInfo info) {
    this.info = info;
  }

  String name() {
    return info.name();
  }

  List<ColumnInfo> columns() {
    return info.columns();
  }

  Optional<ColumnInfo> find(String column) {
    for (ColumnInfo c : info.columns()) {
      if (c.name().equals(column)) {
        return Optional.of(c);
      }
    }
    String lower = column.toLowerCase(Locale.ROOT);
    return info.columns().stream()
        .filter(c -> c.name().toLowerCase(Locale.ROOT).equals(lower))
        .findFirst();
  }
}
