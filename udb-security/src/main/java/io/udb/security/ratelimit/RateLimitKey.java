package io.udb.security.ratelimit;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a token bucket is kept for: one tenant, one principal and one operation class. Keys that
 * differ in any part never share tokens.
 *
 * @param tenant the tenant
 * @param principal the principal's subject, or {@link #TENANT_WIDE} for a bucket the whole tenant
 *     shares
 * @param operationClass the operation class, e.g. {@code query}: 1 to 63 characters of {@code a-z},
 *     {@code 0-9}, {@code _} and {@code -}
 */
public record RateLimitKey(TenantId tenant, String principal, String operationClass) {

  /** The principal of a bucket shared by every principal of the tenant. */
  public static final String TENANT_WIDE = "*";

  private static final Pattern CLASS = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");

  /** Validates the key. */
  public RateLimitKey {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(operationClass, "operationClass");
    if (principal.isBlank()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "A rate-limit key needs a principal; got a blank one");
    }
    requireValidClass(operationClass);
  }

  /**
   * A bucket shared by all principals of a tenant.
   *
   * @param tenant the tenant
   * @param operationClass the operation class
   * @return the key
   */
  public static RateLimitKey tenantWide(TenantId tenant, String operationClass) {
    return new RateLimitKey(tenant, TENANT_WIDE, operationClass);
  }

  static void requireValidClass(String operationClass) {
    if (!CLASS.matcher(operationClass).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Rate-limit operation class must be 1-63 characters of a-z, 0-9, '_' or '-'; got '"
              + operationClass
              + "'");
    }
  }
}
