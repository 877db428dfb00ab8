package io.udb.security.authz;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A tenant quota would be exceeded. Always {@link ErrorCode#QUOTA_EXCEEDED}; {@link #quota()} names
 * which one (e.g. {@link TenantQuotas#STORAGE_BYTES}).
 */
public final class QuotaExceededException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** The quota's name, the stable reason token. */
  private final String quota;

  /** The limit that was reached. */
  private final long limit;

  /** For rate-like quotas, when the request may succeed; {@code null} otherwise. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param quota the quota's name
   * @param limit the limit that was reached
   * @param retryAfter when a retry may succeed, or {@code null} when only freeing resources helps
   * @param message the limit, the value and what to do
   */
  public QuotaExceededException(String quota, long limit, Duration retryAfter, String message) {
    super(ErrorCode.QUOTA_EXCEEDED, message);
    this.quota = Objects.requireNonNull(quota, "quota");
    this.limit = limit;
    this.retryAfter = retryAfter;
  }

  /**
   * The quota's name, usable as a metric tag: {@code storage_bytes}, {@code rows_per_table}, ...
   */
  public String quota() {
    return quota;
  }

  /** The limit that was reached. */
  public long limit() {
    return limit;
  }

  /** For {@code queries_per_minute}, how long until a query may run again. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
