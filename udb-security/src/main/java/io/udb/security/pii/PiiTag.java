package io.udb.security.pii;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A sensitivity tag of a column. The {@link #id()} strings are stable: they are stored with table
 * classifications and appear in profiles, results and events.
 *
 * @param id {@code pii.email}, {@code pii.phone}, {@code pii.credit_card}, {@code pii.iban}, {@code
 *     pii.ssn}, {@code pii.ip}, {@code pii.custom.<name>} or {@code none}
 */
public record PiiTag(String id) implements Comparable<PiiTag> {
  // Declared before the constants below: static fields initialize in order.
  private static final String CUSTOM_PREFIX = "pii.custom.";
  private static final Pattern CUSTOM_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
  private static final Pattern ID =
      Pattern.compile(
          "none|pii\\.(?:email|phone|credit_card|iban|ssn|ip)|pii\\.custom\\.[a-z0-9][a-z0-9_-]{0,63}");

  /** An email address. */
  public static final PiiTag EMAIL = new PiiTag("pii.email");

  /** A phone number. */
  public static final PiiTag PHONE = new PiiTag("pii.phone");

  /** A payment card number. */
  public static final PiiTag CREDIT_CARD = new PiiTag("pii.credit_card");

  /** An international bank account number. */
  public static final PiiTag IBAN = new PiiTag("pii.iban");

  /** A US social security number. */
  public static final PiiTag SSN = new PiiTag("pii.ssn");

  /** An IPv4 or IPv6 address. */
  public static final PiiTag IP = new PiiTag("pii.ip");

  /** Not sensitive. */
  public static final PiiTag NONE = new PiiTag("none");

  /**
   * Validates the id.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown id
   */
  public PiiTag {
    Objects.requireNonNull(id, "id");
    if (!ID.matcher(id).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Unknown PII tag '"
              + (id.length() > 80 ? id.substring(0, 80) + "..." : id)
              + "'; expected none, pii.email, pii.phone, pii.credit_card, pii.iban, pii.ssn,"
              + " pii.ip or pii.custom.<name>");
    }
  }

  /**
   * Parses a tag from its id.
   *
   * @param id the stable id
   * @return the tag
   */
  public static PiiTag of(String id) {
    return new PiiTag(id);
  }

  /**
   * The tag of a user-defined pattern.
   *
   * @param name 1-64 characters of {@code a-z}, {@code 0-9}, {@code _} or {@code -}, starting with
   *     a letter or digit
   * @return {@code pii.custom.<name>}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an invalid name
   */
  public static PiiTag custom(String name) {
    if (name == null || !CUSTOM_NAME.matcher(name).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "A custom PII pattern name must be 1-64 characters of a-z, 0-9, '_' or '-', starting with"
              + " a letter or digit");
    }
    return new PiiTag(CUSTOM_PREFIX + name);
  }

  /**
   * Tells whether a custom pattern name is valid.
   *
   * @param name the candidate
   * @return true when {@link #custom(String)} accepts it
   */
  public static boolean isValidCustomName(String name) {
    return name != null && CUSTOM_NAME.matcher(name).matches();
  }

  /** True for {@code pii.custom.*} tags. */
  public boolean isCustom() {
    return id.startsWith(CUSTOM_PREFIX);
  }

  /** True for every tag except {@link #NONE}. */
  public boolean isSensitive() {
    return !equals(NONE);
  }

  @Override
  public int compareTo(PiiTag other) {
    return id.compareTo(other.id);
  }

  @Override
  public String toString() {
    return id;
  }
}
