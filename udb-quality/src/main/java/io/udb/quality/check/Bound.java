package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The range a check's metric must fall into, e.g. {@code ge(0.95)} or {@code between(1, 10)}.
 * Either end may be open (null); each closed end is inclusive or exclusive.
 *
 * <p>Use the static factories, typically statically imported: {@link #ge}, {@link #gt}, {@link
 * #le}, {@link #lt}, {@link #between}, {@link #eq}.
 *
 * @param min the lower end, or null for none
 * @param minInclusive whether the metric may equal {@code min}
 * @param max the upper end, or null for none
 * @param maxInclusive whether the metric may equal {@code max}
 */
public record Bound(Double min, boolean minInclusive, Double max, boolean maxInclusive) {

  /**
   * Validates the range.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when both ends are open, an end is
   *     not finite, or the range is empty
   */
  public Bound {
    if (min == null && max == null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "A bound needs a minimum or a maximum");
    }
    if ((min != null && !Double.isFinite(min)) || (max != null && !Double.isFinite(max))) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Bound ends must be finite numbers");
    }
    if (min != null && max != null) {
      boolean empty = min > max || (min.equals(max) && !(minInclusive && maxInclusive));
      if (empty) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "The bound is empty: minimum " + format(min) + " is above maximum " + format(max));
      }
    }
  }

  /**
   * At least {@code value}.
   *
   * @param value the inclusive minimum
   * @return the bound
   */
  public static Bound ge(double value) {
    return new Bound(value, true, null, false);
  }

  /**
   * Above {@code value}.
   *
   * @param value the exclusive minimum
   * @return the bound
   */
  public static Bound gt(double value) {
    return new Bound(value, false, null, false);
  }

  /**
   * At most {@code value}.
   *
   * @param value the inclusive maximum
   * @return the bound
   */
  public static Bound le(double value) {
    return new Bound(null, false, value, true);
  }

  /**
   * Below {@code value}.
   *
   * @param value the exclusive maximum
   * @return the bound
   */
  public static Bound lt(double value) {
    return new Bound(null, false, value, false);
  }

  /**
   * Between two values, both inclusive.
   *
   * @param min the inclusive minimum
   * @param max the inclusive maximum
   * @return the bound
   */
  public static Bound between(double min, double max) {
    return new Bound(min, true, max, true);
  }

  /**
   * Exactly {@code value}.
   *
   * @param value the only accepted value
   * @return the bound
   */
  public static Bound eq(double value) {
    return new Bound(value, true, value, true);
  }

  /**
   * Tells whether a metric lies within the bound.
   *
   * @param value the metric
   * @return true when inside; false for NaN
   */
  public boolean test(double value) {
    if (Double.isNaN(value)) {
      return false;
    }
    if (min != null && (minInclusive ? value < min : value <= min)) {
      return false;
    }
    return max == null || (maxInclusive ? value <= max : value < max);
  }

  /** A short human form, e.g. {@code >= 0.95}, {@code between 1 and 10}, {@code == 1}. */
  public String describe() {
    if (min != null && max != null) {
      if (min.equals(max)) {
        return "== " + format(min);
      }
      if (minInclusive && maxInclusive) {
        return "between " + format(min) + " and " + format(max);
      }
      return (minInclusive ? ">= " : "> ")
          + format(min)
          + " and "
          + (maxInclusive ? "<= " : "< ")
          + format(max);
    }
    if (min != null) {
      return (minInclusive ? ">= " : "> ") + format(min);
    }
    return (maxInclusive ? "<= " : "< ") + format(max);
  }

  /**
   * The JSON fields of the bound: {@code min}/{@code max} for inclusive ends, {@code
   * exclusiveMin}/{@code exclusiveMax} for exclusive ones.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    if (min != null) {
      json.put(minInclusive ? "min" : "exclusiveMin", min);
    }
    if (max != null) {
      json.put(maxInclusive ? "max" : "exclusiveMax", max);
    }
    return json;
  }

  /**
   * Formats a number without a trailing {@code .0} and without exponent for ordinary magnitudes.
   *
   * @param value the number
   * @return its text
   */
  static String format(double value) {
    if (!Double.isFinite(value)) {
      return Double.toString(value);
    }
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return Long.toString((long) value);
    }
    return new BigDecimal(Double.toString(value)).stripTrailingZeros().toPlainString();
  }

  @Override
  public String toString() {
    return describe();
  }
}
