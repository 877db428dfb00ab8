package io.udb.quality.check;

/**
 * The regular expressions behind {@link CheckType#EMAIL}, {@link CheckType#URL} and {@link
 * CheckType#CREDIT_CARD}. They are written in the RE2 syntax the engine uses (no back-references,
 * no look-around) and must match a whole value.
 */
public final class BuiltInPatterns {
  private static final String LABEL = "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?";

  /**
   * An email address: the HTML5 definition of a valid address, with at least one dot in the domain
   * so that {@code user@localhost} is refused.
   */
  public static final String EMAIL =
      "[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@" + LABEL + "(?:\\." + LABEL + ")+";

  /**
   * An absolute {@code http}, {@code https} or {@code ftp} URL with a host name, IPv4 address or
   * {@code localhost}, optional user info, port, path, query and fragment, and no white space.
   */
  public static final String URL =
      "(?i)(?:https?|ftp)://(?:[^\\s:@/]+(?::[^\\s@/]*)?@)?"
          + LABEL
          + "(?:\\."
          + LABEL
          + ")*(?::[0-9]{1,5})?(?:[/?#]\\S*)?";

  /**
   * A payment card number by issuer prefix and length (Visa 13/16, Mastercard, Discover, American
   * Express, Diners Club), 16-digit numbers optionally grouped by 4 with spaces or dashes. The Luhn
   * checksum is not verified.
   */
  public static final String CREDIT_CARD =
      "(?:(?:4[0-9]{3}|5[1-5][0-9]{2}|2[2-7][0-9]{2}|6011|65[0-9]{2})(?:[ -]?[0-9]{4}){3}"
          + "|4[0-9]{12}"
          + "|3[47][0-9]{2}[ -]?[0-9]{6}[ -]?[0-9]{5}"
          + "|3(?:0[0-5]|[68][0-9])[0-9]{11})";

  private BuiltInPatterns() {}

  /**
   * The expression of a built-in pattern check.
   *
   * @param type {@link CheckType#EMAIL}, {@link CheckType#URL} or {@link CheckType#CREDIT_CARD}
   * @return its regular expression
   * @throws IllegalArgumentException for any other type
   */
  public static String of(CheckType type) {
    return switch (type) {
      case EMAIL -> EMAIL;
      case URL -> URL;
      case CREDIT_CARD -> CREDIT_CARD;
      default -> throw new IllegalArgumentException(type + " has no built-in pattern");
    };
  }
}
