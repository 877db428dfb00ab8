package io.udb.security.pii;

/**
 * Recognizes payment card numbers: 13 to 19 digits, the first not {@code 0}, either unbroken or in
 * groups of 3-6 digits separated by single spaces or single hyphens (one kind per number), that
 * pass the Luhn check. Scanned without regular expressions.
 */
public final class CreditCardDetector implements PiiDetector {

  /** Creates the detector. */
  public CreditCardDetector() {}

  @Override
  public PiiTag tag() {
    return PiiTag.CREDIT_CARD;
  }

  @Override
  public boolean matches(CharSequence value) {
    String s = value.toString().strip();
    if (s.length() < 13 || s.length() > 23) {
      return false;
    }
    StringBuilder digits = new StringBuilder(19);
    char separator = 0;
    int groupLength = 0;
    int groups = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
        groupLength++;
      } else if (c == ' ' || c == '-') {
        if ((separator != 0 && c != separator) || !validGroup(groupLength)) {
          return false;
        }
        separator = c;
        groupLength = 0;
        groups++;
      } else {
        return false;
      }
    }
    if (groups > 0 && !validGroup(groupLength)) {
      return false;
    }
    int n = digits.length();
    return n >= 13 && n <= 19 && digits.charAt(0) != '0' && luhn(digits);
  }

  private static boolean validGroup(int length) {
    return length >= 3 && length <= 6;
  }

  /**
   * The Luhn (mod 10) check used by card numbers.
   *
   * @param digits ASCII digits only
   * @return true when the check digit is right
   */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubleIt = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubleIt) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubleIt = !doubleIt;
    }
    return sum % 10 == 0;
  }

  @Override
  public String toString() {
    return "CreditCardDetector";
  }
}
