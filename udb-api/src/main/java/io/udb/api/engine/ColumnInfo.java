package io.udb.api.engine;

import java.util.Objects;

/**
 * A column's name and its engine type name (e.g. {@code BIGINT}, {@code VARCHAR}).
 *
 * @param name the column name
 * @param type the engine's type name
 */
public record ColumnInfo(String name, String type) {
  /** Validates the arguments. */
  public ColumnInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
