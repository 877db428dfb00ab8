package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.math.BigDecimal;

/**
 * JSON spellings of numbers: JSON has no NaN or infinities, so those travel as the strings {@code
 * "NaN"}, {@code "Infinity"} and {@code "-Infinity"}.
 */
final class JsonNumbers {
  private JsonNumbers() {}

  /** The value itself when finite, else its string spelling. */
  static Object of(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return value;
  }

  /** Reads a number or one of the non-finite spellings. */
  static double toDouble(Object value) {
    if (value instanceof BigDecimal decimal) {
      // BigDecimal's decimal digits round to the nearest double, as the writer's digits did
      return Double.parseDouble(decimal.toString());
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    if (value instanceof String text) {
      switch (text) {
        case "NaN":
          return Double.NaN;
        case "Infinity":
          return Double.POSITIVE_INFINITY;
        case "-Infinity":
          return Double.NEGATIVE_INFINITY;
        default:
          break;
      }
    }
    throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Not a number: " + value);
  }

  /** Reads a whole number. */
  static long toLong(Object value) {
    if (value instanceof Number number) {
      return number.longValue();
    }
    throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Not a whole number: " + value);
  }
}
