package io.udb.kpi.narrative;

import io.udb.kpi.KpiFormat;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;
import java.util.Objects;

/**
 * Writes KPI numbers for people: rounded to a number of significant digits (but never rounding away
 * whole-number digits: 1,234,567 stays whole, 18.4123 becomes 18.4 and 0.012345 becomes 0.0123 with
 * three digits), trailing zeros dropped, in the locale's digits, grouping and decimal separator,
 * with the KPI's unit. Rounding is half-up on the decimal value. Immutable and thread-safe ({@link
 * NumberFormat} instances are made per call).
 */
public final class NumberWriter {
  private final Locale locale;
  private final int significantDigits;

  /**
   * Creates a writer.
   *
   * @param locale the locale of digits and separators
   * @param significantDigits the significant digits kept, 1 to 15
   */
  public NumberWriter(Locale locale, int significantDigits) {
    this.locale = Objects.requireNonNull(locale, "locale");
    if (significantDigits < 1 || significantDigits > 15) {
      throw new IllegalArgumentException("significantDigits must be 1-15");
    }
    this.significantDigits = significantDigits;
  }

  /**
   * A plain number.
   *
   * @param value the number
   * @param decimals fixed fraction digits, or {@code null} for significant digits
   * @return e.g. {@code 1,234.5}
   */
  public String number(double value, Integer decimals) {
    BigDecimal rounded = round(value, decimals);
    NumberFormat format = NumberFormat.getNumberInstance(locale);
    format.setRoundingMode(RoundingMode.HALF_UP);
    format.setMinimumFractionDigits(Math.max(0, rounded.scale()));
    format.setMaximumFractionDigits(Math.max(0, rounded.scale()));
    return format.format(rounded);
  }

  /**
   * A KPI value with its unit.
   *
   * @param value the value
   * @param format the KPI's format
   * @return e.g. {@code 18.4 °C}, {@code 45.2%}, {@code $1,234.50}, {@code 3 days}
   */
  public String value(double value, KpiFormat format) {
    return switch (format.style()) {
      case PERCENT -> number(value * 100.0, format.decimals()) + percentSuffix();
      case CURRENCY -> currency(value, format);
      case NUMBER -> withUnit(value, format);
    };
  }

  /**
   * The size of a change, without sign, with its unit; a change of a percentage is written in
   * percentage points.
   *
   * @param change the change (its sign is dropped)
   * @param format the KPI's format
   * @return e.g. {@code 2.1 °C}, {@code 3.2 percentage points}
   */
  public String magnitude(double change, KpiFormat format) {
    double size = Math.abs(change);
    if (format.style() == KpiFormat.Style.PERCENT) {
      BigDecimal points = round(size * 100.0, format.decimals());
      return number(size * 100.0, format.decimals())
          + (isOne(points) ? " percentage point" : " percentage points");
    }
    return value(size, format);
  }

  /**
   * A change with an explicit sign and its unit.
   *
   * @param change the change
   * @param format the KPI's format
   * @return e.g. {@code +1.4 °C}, {@code -0.3 °C}
   */
  public String signed(double change, KpiFormat format) {
    String size = magnitude(change, format);
    if (change == 0.0) {
      return size;
    }
    return (change > 0 ? "+" : minusSign()) + size;
  }

  /**
   * A relative change in percent, with an explicit sign.
   *
   * @param percent the change in percent (12.9 for +12.9%)
   * @return e.g. {@code +12.9%}
   */
  public String percent(double percent) {
    String size = number(Math.abs(percent), null) + percentSuffix();
    if (percent == 0.0) {
      return size;
    }
    return (percent > 0 ? "+" : minusSign()) + size;
  }

  /**
   * Whether a value, as written, is exactly one (for the singular of a unit).
   *
   * @param value the value
   * @param decimals fixed fraction digits, or {@code null}
   * @return true for values written as {@code 1}
   */
  public boolean isOne(double value, Integer decimals) {
    return isOne(round(Math.abs(value), decimals));
  }

  private String withUnit(double value, KpiFormat format) {
    String number = number(value, format.decimals());
    String unit = format.unitFor(isOne(value, format.decimals()));
    if (unit == null) {
      return number;
    }
    if (unit.equals("%")) {
      return number + percentSuffix();
    }
    return number + " " + unit;
  }

  private String currency(double value, KpiFormat format) {
    Currency currency = Currency.getInstance(format.unit());
    NumberFormat money = NumberFormat.getCurrencyInstance(locale);
    money.setCurrency(currency);
    int digits =
        format.decimals() != null
            ? format.decimals()
            : Math.max(0, currency.getDefaultFractionDigits());
    money.setMinimumFractionDigits(digits);
    money.setMaximumFractionDigits(digits);
    money.setRoundingMode(RoundingMode.HALF_UP);
    return money.format(BigDecimal.valueOf(value));
  }

  /** The value rounded as it will be written. */
  BigDecimal round(double value, Integer decimals) {
    BigDecimal exact = BigDecimal.valueOf(value);
    if (decimals != null) {
      return exact.setScale(decimals, RoundingMode.HALF_UP);
    }
    if (exact.signum() == 0) {
      return BigDecimal.ZERO;
    }
    // the position of the leading digit: 1 for 18.4, -1 for 0.0123
    int magnitude = exact.precision() - exact.scale() - 1;
    int fractionDigits = Math.max(0, significantDigits - 1 - magnitude);
    BigDecimal rounded = exact.setScale(fractionDigits, RoundingMode.HALF_UP).stripTrailingZeros();
    return rounded.scale() < 0 ? rounded.setScale(0) : rounded;
  }

  private static boolean isOne(BigDecimal rounded) {
    return rounded.abs().compareTo(BigDecimal.ONE) == 0;
  }

  private String percentSuffix() {
    NumberFormat percent = NumberFormat.getPercentInstance(locale);
    return percent instanceof DecimalFormat decimal ? decimal.getPositiveSuffix() : "%";
  }

  private String minusSign() {
    NumberFormat plain = NumberFormat.getNumberInstance(locale);
    return plain instanceof DecimalFormat decimal
        ? String.valueOf(decimal.getDecimalFormatSymbols().getMinusSign())
        : "-";
  }
}
