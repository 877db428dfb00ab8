package io.udb.api;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The identifier of a tenant: the unit of isolation. Every table, job, artifact, event, metric tag
 * and log line belongs to exactly one tenant.
 *
 * <p>Valid ids are 1 to 63 characters of lower-case ASCII letters, digits, {@code _} and {@code -},
 * starting with a letter or digit. The restriction makes an id safe to use as a file name, a metric
 * tag and a cache key without escaping.
 *
 * @param value the validated id
 */
public record TenantId(String value) {
  private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /**
   * Validates the id.
   *
   * @throws UdbException with {@link ErrorCode#TENANT_INVALID} when the id is not valid
   */
  public TenantId {
    Objects.requireNonNull(value, "tenant id");
    if (!VALID.matcher(value).matches()) {
      throw new UdbException(
          ErrorCode.TENANT_INVALID,
          "Tenant id must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or"
              + " digit; got '"
              + printable(value)
              + "'");
    }
  }

  /**
   * Parses a tenant id.
   *
   * @param value the raw id
   * @return the tenant id
   * @throws UdbException with {@link ErrorCode#TENANT_INVALID} when the id is not valid
   */
  public static TenantId of(String value) {
    return new TenantId(value);
  }

  private static String printable(String raw) {
    String cut = raw.length() > 70 ? raw.substring(0, 70) + "..." : raw;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }

  @Override
  public String toString() {
    return value;
  }
}
