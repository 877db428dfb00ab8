package io.udb.kpi.chart;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;

/** Reads the JSON-compatible values of {@link ChartData} as numbers, dates or category text. */
final class ChartValues {
  private static final Pattern ISO_DATE_START = Pattern.compile("\\d{4}-\\d{2}-\\d{2}.*");
  private static final Pattern NUMERAL = Pattern.compile("-?\\d{1,30}(\\.\\d{1,30})?");

  /** What a column holds, judged from its non-null values. */
  enum Kind {
    /** Every value is a number. */
    NUMBER,
    /** Every value is a date or timestamp. */
    TIME,
    /** Anything else: values are shown by their text. */
    CATEGORY,
    /** The column has no values at all. */
    EMPTY
  }

  private ChartValues() {}

  static Kind kind(List<Object> values) {
    boolean any = false;
    boolean numbers = true;
    boolean dates = true;
    for (Object value : values) {
      if (value == null) {
        continue;
      }
      any = true;
      numbers &= number(value) != null;
      dates &= date(value) != null;
      if (!numbers && !dates) {
        return Kind.CATEGORY;
      }
    }
    if (!any) {
      return Kind.EMPTY;
    }
    return numbers ? Kind.NUMBER : dates ? Kind.TIME : Kind.CATEGORY;
  }

  /** The value as a finite double, or {@code null} when it is not a finite number. */
  static Double number(Object value) {
    if (value instanceof Number number) {
      double d = number.doubleValue();
      return Double.isFinite(d) ? d : null;
    }
    return null;
  }

  /** The value as a date (the date part of a timestamp), or {@code null} when it is not one. */
  static LocalDate date(Object value) {
    if (value instanceof LocalDate date) {
      return date;
    }
    if (value instanceof LocalDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    if (value instanceof OffsetDateTime dateTime) {
      return dateTime.toLocalDate();
    }
    if (!(value instanceof String text) || !ISO_DATE_START.matcher(text).matches()) {
      return null;
    }
    try {
      if (text.length() == 10) {
        return LocalDate.parse(text);
      }
      String iso = text.replace(' ', 'T');
      if (iso.endsWith("Z") || iso.lastIndexOf('+') > 10 || iso.lastIndexOf('-') > 10) {
        return OffsetDateTime.parse(iso).toLocalDate();
      }
      return LocalDateTime.parse(iso).toLocalDate();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /**
   * The order series are drawn and listed in: ascending when every name is a number or every name
   * is a date (years, months), else the order of first appearance, which a query's ORDER BY
   * decides.
   *
   * @param names the distinct series names, in order of first appearance
   * @return the names in display order
   */
  static List<String> seriesOrder(List<String> names) {
    if (names.stream().allMatch(ChartValues::isNumeral)) {
      return names.stream().sorted(Comparator.comparing(BigDecimal::new)).toList();
    }
    if (names.stream().allMatch(name -> date(name) != null)) {
      return names.stream().sorted(Comparator.comparing(ChartValues::date)).toList();
    }
    return names;
  }

  private static boolean isNumeral(String text) {
    return NUMERAL.matcher(text).matches();
  }

  /** The text a category value is shown by; {@code null} for a missing value. */
  static String text(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    if ((value instanceof Double || value instanceof Float)
        && Double.isFinite(((Number) value).doubleValue())) {
      // 2012.0 reads as a year only without its ".0"
      return BigDecimal.valueOf(((Number) value).doubleValue())
          .stripTrailingZeros()
          .toPlainString();
    }
    return value.toString();
  }
}
