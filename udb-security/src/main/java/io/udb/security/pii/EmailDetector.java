package io.udb.security.pii;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recognizes an ASCII email address: a local part of 1-64 characters of letters, digits and {@code
 * . _ % + ' -} (no leading, trailing or doubled dot), {@code @}, and a domain of at least two
 * labels (each 1-63 letters, digits or hyphens, not starting or ending with a hyphen) ending in an
 * alphabetic top-level label of at least two letters, at most 253 characters.
 *
 * <p>The regular expression uses only possessive quantifiers over disjoint classes and {@link
 * Matcher#matches()}, so it cannot backtrack; the label rules are checked in code.
 */
public final class EmailDetector implements PiiDetector {
  private static final Pattern SHAPE =
      Pattern.compile("([A-Za-z0-9._%+'-]{1,64}+)@([A-Za-z0-9.-]{1,253}+)");

  /** Creates the detector. */
  public EmailDetector() {}

  @Override
  public PiiTag tag() {
    return PiiTag.EMAIL;
  }

  @Override
  public boolean matches(CharSequence value) {
    String s = value.toString().strip();
    if (s.length() < 6 || s.length() > 320 || s.indexOf('@') < 0) {
      return false;
    }
    Matcher m = SHAPE.matcher(s);
    return m.matches() && validLocal(m.group(1)) && validDomain(m.group(2));
  }

  private static boolean validLocal(String local) {
    return local.charAt(0) != '.'
        && local.charAt(local.length() - 1) != '.'
        && !local.contains("..");
  }

  private static boolean validDomain(String domain) {
    String[] labels = domain.split("\\.", -1);
    if (labels.length < 2) {
      return false;
    }
    for (String label : labels) {
      if (label.isEmpty()
          || label.length() > 63
          || label.charAt(0) == '-'
          || label.charAt(label.length() - 1) == '-') {
        return false;
      }
    }
    String top = labels[labels.length - 1];
    if (top.length() < 2) {
      return false;
    }
    for (int i = 0; i < top.length(); i++) {
      if (!isAsciiLetter(top.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  @Override
  public String toString() {
    return "EmailDetector";
  }
}
