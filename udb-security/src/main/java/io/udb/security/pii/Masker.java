package io.udb.security.pii;

import java.util.Objects;
import java.util.Set;

/**
 * Replaces PII with a masked form that keeps a recognizable shape. The formats are:
 *
 * <table>
 *   <caption>Masked forms</caption>
 *   <tr><th>tag</th><th>rule</th><th>example</th></tr>
 *   <tr><td>{@code pii.email}</td><td>first character of the local part, {@code ***}, then
 *       {@code @} and the domain as written</td>
 *       <td>{@code john.doe@example.com} → {@code j***@example.com}</td></tr>
 *   <tr><td>{@code pii.phone}</td><td>{@code +}, spaces, {@code -}, {@code .}, {@code (} and {@code )}
 *       stay, the last 2 other characters (digits, for a phone number) stay, every other
 *       character becomes {@code *}</td>
 *       <td>{@code +44 20 7946 0958} → {@code +** ** **** **58}</td></tr>
 *   <tr><td>{@code pii.credit_card}</td><td>as phone, keeping the last 4 digits</td>
 *       <td>{@code 4111 1111 1111 1111} → {@code **** **** **** 1111}</td></tr>
 *   <tr><td>{@code pii.iban}</td><td>the two-letter country code and the last 4 characters stay,
 *       spaces stay</td>
 *       <td>{@code DE89 3704 0044 0532 0130 00} → {@code DE** **** **** **** **30 00}</td></tr>
 *   <tr><td>{@code pii.ssn}</td><td>as phone, keeping the last 4 digits</td>
 *       <td>{@code 123-45-6789} → {@code ***-**-6789}</td></tr>
 *   <tr><td>{@code pii.ip}</td><td>IPv4: the first two octets; IPv6: the first group, then seven
 *       {@code *} groups</td>
 *       <td>{@code 192.168.1.20} → {@code 192.168.*.*}; {@code 2001:db8::1} → {@code
 *       2001:*:*:*:*:*:*:*}</td></tr>
 *   <tr><td>{@code pii.custom.*}</td><td>{@link #REDACTED}</td><td>{@code ***}</td></tr>
 * </table>
 *
 * <p>A value that does not have its tag's shape (too few characters to keep anything back, no
 * {@code @} for an email, not an address for an IP) becomes {@link #REDACTED}: masking never
 * reveals more than the rules above. Non-string values are masked as their {@link
 * String#valueOf(Object)} text, so the result is a string; {@code null} stays {@code null}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Masker {
  /** The fully redacted form. */
  public static final String REDACTED = "***";

  private static final String PHONE_KEEP = "+ -.()";
  private static final String CARD_KEEP = " -";
  private static final String IBAN_KEEP = " ";

  private final PiiDetectors detectors;

  /**
   * Creates a masker.
   *
   * @param detectors used to pick the right form when a column has several tags
   */
  public Masker(PiiDetectors detectors) {
    this.detectors = Objects.requireNonNull(detectors, "detectors");
  }

  /**
   * Masks a value of a column with the given tags. When several tags apply, the first (in {@link
   * PiiDetectors} order) whose detector recognizes the value decides the form, else the first tag.
   *
   * @param value the value, may be null
   * @param tags the column's tags
   * @return null for null, the value itself when no tag is sensitive, else the masked string
   */
  public Object mask(Object value, Set<PiiTag> tags) {
    if (value == null) {
      return null;
    }
    PiiTag chosen = null;
    for (PiiDetector detector : detectors.detectors()) {
      if (tags.contains(detector.tag()) && detectors.matches(detector.tag(), value)) {
        chosen = detector.tag();
        break;
      }
    }
    if (chosen == null) {
      chosen = tags.stream().filter(PiiTag::isSensitive).sorted().findFirst().orElse(null);
    }
    return chosen == null ? value : mask(String.valueOf(value), chosen);
  }

  /**
   * Masks a value in the form of one tag.
   *
   * @param value the value
   * @param tag the tag; {@link PiiTag#NONE} returns the value unchanged
   * @return the masked value
   */
  public String mask(String value, PiiTag tag) {
    Objects.requireNonNull(value, "value");
    if (tag.equals(PiiTag.NONE)) {
      return value;
    }
    String s = value.strip();
    if (tag.equals(PiiTag.EMAIL)) {
      return maskEmail(s);
    }
    if (tag.equals(PiiTag.PHONE)) {
      return keepEnds(s, 0, 2, PHONE_KEEP);
    }
    if (tag.equals(PiiTag.CREDIT_CARD) || tag.equals(PiiTag.SSN)) {
      return keepEnds(s, 0, 4, CARD_KEEP);
    }
    if (tag.equals(PiiTag.IBAN)) {
      return maskIban(s);
    }
    if (tag.equals(PiiTag.IP)) {
      return maskIp(s);
    }
    return REDACTED;
  }

  private static String maskEmail(String s) {
    int at = s.lastIndexOf('@');
    if (at < 1 || at == s.length() - 1) {
      return REDACTED;
    }
    return s.charAt(0) + REDACTED + s.substring(at);
  }

  private static String maskIban(String s) {
    boolean country = s.length() >= 2 && isAsciiLetter(s.charAt(0)) && isAsciiLetter(s.charAt(1));
    return country ? keepEnds(s, 2, 4, IBAN_KEEP) : REDACTED;
  }

  private static String maskIp(String s) {
    if (IpAddresses.isIpv4(s)) {
      int second = s.indexOf('.', s.indexOf('.') + 1);
      return s.substring(0, second) + ".*.*";
    }
    int first = IpAddresses.ipv6FirstGroup(s);
    return first < 0 ? REDACTED : Integer.toHexString(first) + ":*:*:*:*:*:*:*";
  }

  /**
   * Keeps the first {@code head} and last {@code tail} significant characters (those not in {@code
   * keep}) and the characters in {@code keep}; every other character becomes {@code *}. Values with
   * fewer than {@code head + tail + 4} significant characters are fully redacted, so that at least
   * four characters are always hidden.
   */
  private static String keepEnds(String s, int head, int tail, String keep) {
    int significant = 0;
    for (int i = 0; i < s.length(); i++) {
      if (keep.indexOf(s.charAt(i)) < 0) {
        significant++;
      }
    }
    if (significant < head + tail + 4) {
      return REDACTED;
    }
    StringBuilder out = new StringBuilder(s.length());
    int seen = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (keep.indexOf(c) >= 0) {
        out.append(c);
        continue;
      }
      out.append(seen < head || seen >= significant - tail ? c : '*');
      seen++;
    }
    return out.toString();
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  @Override
  public String toString() {
    return "Masker";
  }
}
