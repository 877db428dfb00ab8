package io.udb.spark;

import java.sql.Timestamp;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;

/**
 * Converts bound parameter values into the Java types Spark accepts as literals, and the {@code ?}
 * markers of UDB's statements into named ones.
 */
final class SparkParameters {
  private SparkParameters() {}

  /** The name of the marker of the parameter at an index (0-based). */
  static String name(int index) {
    return "udb_p" + (index + 1);
  }

  /**
   * Replaces every {@code ?} marker, in text order, by {@code :udb_p1}, {@code :udb_p2}, ...;
   * question marks inside string literals (with {@code ''} and backslash escapes, raw {@code
   * r'...'} literals without), back-quoted identifiers and comments stay as they are.
   *
   * @param sql a statement with positional markers
   * @return the statement with named markers
   */
  static String named(String sql) {
    StringBuilder out = new StringBuilder(sql.length() + 16);
    int markers = 0;
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      char next = i + 1 < sql.length() ? sql.charAt(i + 1) : 0;
      int end;
      if (c == '\'' || c == '"') {
        boolean raw =
            i > 0
                && (sql.charAt(i - 1) == 'r' || sql.charAt(i - 1) == 'R')
                && (i < 2
                    || !Character.isLetterOrDigit(sql.charAt(i - 2)) && sql.charAt(i - 2) != '_');
        end = quoted(sql, i, c, !raw);
      } else if (c == '`') {
        end = quoted(sql, i, '`', false);
      } else if (c == '-' && next == '-') {
        int newline = sql.indexOf('\n', i);
        end = newline < 0 ? sql.length() : newline;
      } else if (c == '/' && next == '*') {
        int close = sql.indexOf("*/", i + 2);
        end = close < 0 ? sql.length() : close + 2;
      } else if (c == '?') {
        out.append(':').append(name(markers++));
        i++;
        continue;
      } else {
        end = i + 1;
      }
      out.append(sql, i, end);
      i = end;
    }
    return out.toString();
  }

  /** The index just after the quoted text that starts at {@code start}. */
  private static int quoted(String sql, int start, char quote, boolean backslashEscapes) {
    int i = start + 1;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (backslashEscapes && c == '\\') {
        i += 2;
      } else if (c == quote) {
        if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
          i += 2;
        } else {
          return i + 1;
        }
      } else {
        i++;
      }
    }
    return sql.length();
  }

  static Object bindable(Object value) {
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof ZonedDateTime zoned) {
      return zoned.toInstant();
    }
    if (value instanceof java.sql.Date date) {
      return date.toLocalDate();
    }
    return value;
  }
}
