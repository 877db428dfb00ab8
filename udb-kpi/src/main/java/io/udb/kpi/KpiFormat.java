package io.udb.kpi;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Currency;
import java.util.Objects;

/**
 * How a KPI's numbers are written in narratives.
 *
 * @param style plain number, percentage of a fraction, or money
 * @param unit for {@link Style#NUMBER} a unit written after the number ({@code °C}, {@code km},
 *     {@code day}; {@code %} is attached like a percent sign); for {@link Style#CURRENCY} the ISO
 *     4217 code ({@code EUR}); else {@code null}
 * @param unitPlural the unit's plural ({@code days}) used for any value but exactly 1; {@code null}
 *     when the unit has no plural form
 * @param decimals fixed number of fraction digits, or {@code null} to round to the narrative's
 *     significant digits
 */
public record KpiFormat(Style style, String unit, String unitPlural, Integer decimals) {

  /** How a number is presented. */
  public enum Style {
    /** A plain number, with an optional unit. */
    NUMBER,
    /** A fraction shown as a percentage ({@code 0.25} is {@code 25%}). */
    PERCENT,
    /** An amount of money in the currency named by the unit. */
    CURRENCY
  }

  /** Plain numbers without a unit. */
  public static final KpiFormat PLAIN = new KpiFormat(Style.NUMBER, null, null, null);

  /**
   * Validates the combination.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for a currency style without a
   *     valid ISO code, a percent style with a unit, or decimals outside 0 to 10
   */
  public KpiFormat {
    Objects.requireNonNull(style, "style");
    unit = Measure.blankToNull(unit);
    unitPlural = Measure.blankToNull(unitPlural);
    if (style == Style.CURRENCY && !isCurrencyCode(unit)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "A currency format needs an ISO 4217 currency code as its unit, e.g. EUR; got '"
              + unit
              + "'");
    }
    if (style != Style.NUMBER && unitPlural != null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Only the number format takes a plural unit");
    }
    if (style == Style.PERCENT && unit != null) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The percent format takes no unit; it writes '%' itself");
    }
    if (unit != null && (unit.length() > 40 || unit.chars().anyMatch(Character::isISOControl))) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A unit must be at most 40 printable characters");
    }
    if (unitPlural != null
        && (unitPlural.length() > 40 || unitPlural.chars().anyMatch(Character::isISOControl))) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A plural unit must be at most 40 printable characters");
    }
    if (decimals != null && (decimals < 0 || decimals > 10)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "decimals must be between 0 and 10, got " + decimals);
    }
  }

  /**
   * Plain numbers with a unit.
   *
   * @param unit e.g. {@code °C}
   * @return the format
   */
  public static KpiFormat unit(String unit) {
    return new KpiFormat(Style.NUMBER, unit, null, null);
  }

  /**
   * The unit for a value: the plural for anything but exactly one, when a plural is known.
   *
   * @param exactlyOne whether the value as written is 1
   * @return the unit, or {@code null}
   */
  public String unitFor(boolean exactlyOne) {
    return exactlyOne || unitPlural == null ? unit : unitPlural;
  }

  private static boolean isCurrencyCode(String code) {
    if (code == null || !code.matches("[A-Z]{3}")) {
      return false;
    }
    try {
      Currency.getInstance(code);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
