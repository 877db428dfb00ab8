package io.udb.kpi.chart;

import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import java.util.function.Function;

/**
 * Formats the numbers of an axis, a label or a cell: the spec's pattern if it has one, else
 * thousands separators and as many decimals as the range of the data calls for (three significant
 * digits of the range: {@code 0.125} for a range of 0.5, {@code 7.5} for 30, {@code 1,250} for
 * 5,000).
 *
 * <p>{@link DecimalFormat} is not thread-safe: each render makes its own instances.
 */
final class ValueFormat implements Function<Double, String> {
  private static final int MAX_DECIMALS = 6;

  private final DecimalFormat format;

  private ValueFormat(DecimalFormat format) {
    this.format = format;
  }

  /**
   * A format for values between {@code min} and {@code max}.
   *
   * @param pattern the spec's pattern, or {@code null}
   * @param locale the locale of separators
   * @param min the smallest value shown
   * @param max the largest value shown
   */
  static ValueFormat forRange(String pattern, Locale locale, double min, double max) {
    DecimalFormatSymbols symbols = DecimalFormatSymbols.getInstance(locale);
    if (pattern != null) {
      return new ValueFormat(new DecimalFormat(pattern, symbols));
    }
    DecimalFormat format = new DecimalFormat("#,##0", symbols);
    format.setMaximumFractionDigits(decimals(min, max));
    return new ValueFormat(format);
  }

  /** A format of whole numbers with thousands separators, for counts. */
  static ValueFormat counts(Locale locale) {
    return new ValueFormat(new DecimalFormat("#,##0", DecimalFormatSymbols.getInstance(locale)));
  }

  static int decimals(double min, double max) {
    double span = Math.abs(max - min);
    if (!(span > 0) || !Double.isFinite(span)) {
      span = Math.max(Math.abs(min), Math.abs(max));
    }
    if (!(span > 0) || !Double.isFinite(span)) {
      return 0;
    }
    int digits = 2 - (int) Math.floor(Math.log10(span));
    return Math.max(0, Math.min(MAX_DECIMALS, digits));
  }

  /** The {@link DecimalFormat} pattern, for XChart parts that take a pattern only. */
  String pattern() {
    return format.toPattern();
  }

  String format(double value) {
    String text = format.format(value);
    // a tiny negative rounded to "-0" reads as a sign error
    return isZero(text) ? format.format(0.0) : text;
  }

  @Override
  public String apply(Double value) {
    return format(value);
  }

  private static boolean isZero(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isDigit(c) && c != '0') {
        return false;
      }
    }
    return true;
  }
}
