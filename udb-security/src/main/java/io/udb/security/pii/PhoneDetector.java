package io.udb.security.pii;

import java.util.ArrayList;
import java.util.List;

/**
 * Recognizes phone numbers written in E.164 or a common national form, without regular expressions
 * (a single left-to-right scan).
 *
 * <p>Accepted: an optional leading {@code +}, then groups of digits separated by one space, hyphen
 * or dot; one group may be wrapped in parentheses ({@code (555)}, {@code (0)}). The number has 7 to
 * 15 digits. After a {@code +} the first digit (the country code) is not {@code 0}.
 *
 * <p>Refused, so that plain numbers and dates are not taken for phones: a value without {@code +}
 * that has no separator or parentheses ({@code 5551234567}); dates ({@code 2024-01-15}, {@code
 * 15.01.2024}); the SSN shape 3-2-4; dotted quads ({@code 192.168.1.1}); decimals ({@code
 * 1234.5678}); and integers grouped by thousands with spaces or dots ({@code 1 234 567}: every
 * group after a first group of 1-3 digits has exactly three digits and the first does not start
 * with {@code 0}). Slashes, letters and extensions are not accepted.
 */
public final class PhoneDetector implements PiiDetector {
  private static final int MIN_DIGITS = 7;
  private static final int MAX_DIGITS = 15;

  /** Creates the detector. */
  public PhoneDetector() {}

  @Override
  public PiiTag tag() {
    return PiiTag.PHONE;
  }

  @Override
  public boolean matches(CharSequence value) {
    String s = value.toString().strip();
    if (s.length() < MIN_DIGITS || s.length() > 32) {
      return false;
    }
    Shape shape = Shape.scan(s);
    if (shape == null || shape.digits < MIN_DIGITS || shape.digits > MAX_DIGITS) {
      return false;
    }
    if (shape.plus) {
      return s.charAt(1) != '0' && !(s.charAt(1) == '(' && s.charAt(2) == '0');
    }
    return shape.groups.size() >= 2
        && !shape.looksLikeDate()
        && !shape.looksLikeSsn()
        && !shape.looksLikeDottedQuad()
        && !shape.looksLikeDecimal()
        && !shape.looksLikeGroupedInteger();
  }

  @Override
  public String toString() {
    return "PhoneDetector";
  }

  /** The digit groups and separators of a candidate. */
  private static final class Shape {
    final boolean plus;
    final List<String> groups = new ArrayList<>();
    final StringBuilder separators = new StringBuilder();
    boolean parentheses;
    int digits;

    private Shape(boolean plus) {
      this.plus = plus;
    }

    /** Scans the value; null when it is not a sequence of separated digit groups. */
    static Shape scan(String s) {
      Shape shape = new Shape(s.charAt(0) == '+');
      int i = shape.plus ? 1 : 0;
      boolean expectGroup = true;
      boolean afterParenthesis = false;
      while (i < s.length()) {
        char c = s.charAt(i);
        if (c == '(') {
          if (!expectGroup || shape.parentheses) {
            return null;
          }
          int end = i + 1;
          while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
          }
          if (end == i + 1 || end - i - 1 > 5 || end >= s.length() || s.charAt(end) != ')') {
            return null;
          }
          shape.addGroup(s.substring(i + 1, end));
          shape.parentheses = true;
          i = end + 1;
          expectGroup = false;
          afterParenthesis = true;
        } else if (isDigit(c)) {
          if (!expectGroup && !afterParenthesis) {
            return null;
          }
          int end = i;
          while (end < s.length() && isDigit(s.charAt(end))) {
            end++;
          }
          shape.addGroup(s.substring(i, end));
          i = end;
          expectGroup = false;
          afterParenthesis = false;
        } else if (c == ' ' || c == '-' || c == '.') {
          if (expectGroup) {
            return null;
          }
          shape.separators.append(c);
          i++;
          expectGroup = true;
          afterParenthesis = false;
        } else {
          return null;
        }
      }
      return expectGroup ? null : shape;
    }

    private void addGroup(String group) {
      groups.add(group);
      digits += group.length();
    }

    private boolean onlySeparator(char c) {
      return separators.length() > 0 && separators.chars().allMatch(x -> x == c);
    }

    private boolean singleSeparatorKind() {
      return separators.length() > 0 && separators.chars().allMatch(x -> x == separators.charAt(0));
    }

    boolean looksLikeDate() {
      if (groups.size() != 3 || parentheses || !singleSeparatorKind()) {
        return false;
      }
      String a = groups.get(0);
      String b = groups.get(1);
      String c = groups.get(2);
      if (a.length() == 4 && b.length() <= 2 && c.length() <= 2) {
        return isYear(a) && isDayMonth(b, c);
      }
      if (c.length() == 4 && a.length() <= 2 && b.length() <= 2) {
        return isYear(c) && isDayMonth(a, b);
      }
      return false;
    }

    boolean looksLikeSsn() {
      return groups.size() == 3
          && !parentheses
          && groups.get(0).length() == 3
          && groups.get(1).length() == 2
          && groups.get(2).length() == 4;
    }

    boolean looksLikeDottedQuad() {
      return groups.size() == 4
          && !parentheses
          && onlySeparator('.')
          && groups.stream().allMatch(g -> g.length() <= 3);
    }

    boolean looksLikeDecimal() {
      return groups.size() == 2 && !parentheses && onlySeparator('.');
    }

    boolean looksLikeGroupedInteger() {
      if (parentheses || !(onlySeparator(' ') || onlySeparator('.'))) {
        return false;
      }
      String first = groups.get(0);
      if (first.length() > 3 || first.charAt(0) == '0') {
        return false;
      }
      return groups.stream().skip(1).allMatch(g -> g.length() == 3);
    }

    private static boolean isYear(String digits) {
      int year = Integer.parseInt(digits);
      return year >= 1000 && year <= 2999;
    }

    private static boolean isDayMonth(String x, String y) {
      int a = Integer.parseInt(x);
      int b = Integer.parseInt(y);
      return a >= 1 && b >= 1 && ((a <= 12 && b <= 31) || (a <= 31 && b <= 12));
    }

    private static boolean isDigit(char c) {
      return c >= '0' && c <= '9';
    }
  }
}
