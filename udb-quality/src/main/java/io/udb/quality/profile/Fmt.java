package io.udb.quality.profile;

import java.math.BigDecimal;
import java.util.Locale;

/** Number and value formatting for the HTML report. Locale-independent. */
final class Fmt {
  private Fmt() {}

  /** A count or statistic for people: grouped thousands, up to 4 decimals, "–" for null. */
  static String number(Number v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return String.format(Locale.ROOT, "%,d", v.longValue());
    }
    if (v instanceof BigDecimal decimal) {
      return decimal.stripTrailingZeros().toPlainString();
    }
    double d = v.doubleValue();
    if (!Double.isFinite(d)) {
      return String.valueOf(d);
    }
    double abs = Math.abs(d);
    if (abs != 0 && (abs >= 1e15 || abs < 1e-4)) {
      return String.format(Locale.ROOT, "%.4g", d);
    }
    if (abs >= 1000) {
      return strip(String.format(Locale.ROOT, "%,.2f", d));
    }
    return strip(String.format(Locale.ROOT, "%.4f", d));
  }

  /** A share as a percentage with one decimal. */
  static String percent(Double share) {
    return share == null ? "–" : String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  /** A plain decimal for SVG coordinates. */
  static String plain(double v) {
    return strip(String.format(Locale.ROOT, "%.2f", v));
  }

  /** A data value: numbers formatted, everything else as text. */
  static String value(Object v) {
    if (v == null) {
      return "–";
    }
    if (v instanceof Double || v instanceof Float) {
      return number((Number) v);
    }
    return String.valueOf(v);
  }

  static String millis(long ms) {
    return ms < 1000 ? ms + " ms" : String.format(Locale.ROOT, "%.2f s", ms / 1000.0);
  }

  static String bytes(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int unit = -1;
    while (v >= 1024 && unit < units.length - 1) {
      v /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", v, units[unit]);
  }

  static String duration(Double seconds) {
    if (seconds == null) {
      return "–";
    }
    double days = seconds / 86_400;
    if (days >= 1) {
      return strip(String.format(Locale.ROOT, "%.2f", days)) + " days";
    }
    return strip(String.format(Locale.ROOT, "%.1f", seconds)) + " s";
  }

  private static String strip(String s) {
    if (!s.contains(".")) {
      return s;
    }
    String t = s.replaceAll("0+$", "");
    return t.endsWith(".") ? t.substring(0, t.length() - 1) : t;
  }
}
