package io.udb.bench;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;

/** Reads a benchmark's generated row count from a system property. */
final class RowCountProperty {
  private RowCountProperty() {}

  /**
   * The whole number in a system property ({@code _} allowed between digits), else a default.
   *
   * @param property the property's name
   * @param defaultRows the count when the property is unset or blank
   * @return the row count
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a malformed property
   */
  static long read(String property, long defaultRows) {
    String value = System.getProperty(property);
    if (value == null || value.isBlank()) {
      return defaultRows;
    }
    try {
      return Long.parseLong(value.strip().replace("_", ""));
    } catch (NumberFormatException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, property + " must be a whole number, got '" + value + "'");
    }
  }
}
