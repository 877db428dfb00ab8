package io.udb.api.connector;

import io.udb.api.engine.ColumnInfo;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A stream (table, view, query, endpoint, file) a connector can read.
 *
 * @param name the stream's name, which is also the default target table
 * @param columns the inferred schema
 * @param modes the sync modes it supports
 * @param cursorField the column that orders incremental reads, or {@code null}
 */
public record StreamInfo(
    String name, List<ColumnInfo> columns, Set<SyncMode> modes, String cursorField) {
  /** Validates and copies. */
  public StreamInfo {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    modes = Set.copyOf(modes);
  }
}
