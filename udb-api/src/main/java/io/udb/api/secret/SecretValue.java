package io.udb.api.secret;

import java.util.Arrays;
import java.util.Objects;

/**
 * A secret's value. Its {@link #toString()} never prints the value, so a secret logged by mistake
 * shows as {@code SecretValue[***]}.
 */
public final class SecretValue {
  private final char[] value;

  private SecretValue(char[] value) {
    this.value = value.clone();
  }

  /**
   * Wraps a value.
   *
   * @param value the secret text
   * @return the secret
   */
  public static SecretValue of(String value) {
    Objects.requireNonNull(value, "value");
    return new SecretValue(value.toCharArray());
  }

  /** The secret text; callers should not keep it longer than needed. */
  public String reveal() {
    return new String(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SecretValue that && Arrays.equals(value, that.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "SecretValue[***]";
  }
}
