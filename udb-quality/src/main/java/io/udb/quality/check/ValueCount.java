package io.udb.quality.check;

import java.util.Objects;

/**
 * A value of a column and how many rows hold it.
 *
 * @param value the value (JSON-compatible, not null)
 * @param count the number of rows
 */
public record ValueCount(Object value, long count) {
  /** Validates the arguments. */
  public ValueCount {
    Objects.requireNonNull(value, "value");
  }
}
