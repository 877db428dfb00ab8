package io.udb.security.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes a US social security number written {@code AAA-GG-SSSS} (or with single spaces).
 * Numbers the SSA never issues are refused: area {@code 000}, {@code 666} or {@code 900-999}, group
 * {@code 00}, serial {@code 0000}. Nine digits without separators are not taken for an SSN, since
 * they are indistinguishable from any other integer.
 */
public final class SsnDetector implements PiiDetector {
  private static final Pattern SHAPE = Pattern.compile("(\\d{3})([- ])(\\d{2})\\2(\\d{4})");

  /** Creates the detector. */
  public SsnDetector() {}

  @Override
  public PiiTag tag() {
    return PiiTag.SSN;
  }

  @Override
  public boolean matches(CharSequence value) {
    String s = value.toString().strip();
    if (s.length() != 11) {
      return false;
    }
    Matcher m = SHAPE.matcher(s);
    if (!m.matches()) {
      return false;
    }
    int area = Integer.parseInt(m.group(1));
    return area != 0
        && area != 666
        && area < 900
        && Integer.parseInt(m.group(3)) != 0
        && Integer.parseInt(m.group(4)) != 0;
  }

  @Override
  public String toString() {
    return "SsnDetector";
  }
}
