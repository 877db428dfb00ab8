package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A logical type that a column's values conform to, for {@link Check.HasDataType}. Values of a
 * typed column conform when its engine type belongs to the family (or, for {@link #INTEGRAL} on a
 * floating-point column, when the value is whole); text values conform when they can be read as the
 * type.
 */
public enum DataType {
  /** Any number: integer, decimal or floating point. */
  NUMERIC,
  /** A whole number. */
  INTEGRAL,
  /** A boolean, or text the engine reads as one ({@code true}, {@code f}, {@code yes}, ...). */
  BOOLEAN,
  /** A calendar date. */
  DATE,
  /** A date with a time of day. */
  TIMESTAMP,
  /** Any value: every value can be read as text. */
  STRING;

  /** The JSON spelling, e.g. {@code numeric}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON spelling, ignoring case.
   *
   * @param text e.g. {@code numeric}
   * @return the type
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown name
   */
  public static DataType fromJson(String text) {
    for (DataType type : values()) {
      if (type.jsonName().equalsIgnoreCase(text)) {
        return type;
      }
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Unknown data type '"
            + text
            + "'; expected one of "
            + Arrays.stream(values()).map(DataType::jsonName).collect(Collectors.joining(", ")));
  }
}
