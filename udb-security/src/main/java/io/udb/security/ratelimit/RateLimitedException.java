package io.udb.security.ratelimit;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import java.util.Objects;

/**
 * The caller's token bucket for an operation class is empty. Always {@link ErrorCode#RATE_LIMITED};
 * {@link #retryAfter()} says when to try again.
 */
public final class RateLimitedException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** The operation class whose bucket is empty. */
  private final String operationClass;

  /** How long until enough tokens are back. */
  private final Duration retryAfter;

  /**
   * Creates the exception.
   *
   * @param operationClass the operation class whose bucket is empty
   * @param retryAfter how long until enough tokens are back
   */
  public RateLimitedException(String operationClass, Duration retryAfter) {
    super(
        ErrorCode.RATE_LIMITED,
        "Rate limit for '"
            + operationClass
            + "' exceeded; retry after "
            + Math.max(1, retryAfter.toMillis())
            + " ms");
    this.operationClass = Objects.requireNonNull(operationClass, "operationClass");
    this.retryAfter = retryAfter;
  }

  /** The operation class whose bucket is empty; the stable reason token. */
  public String operationClass() {
    return operationClass;
  }

  /** How long until enough tokens are back; use it for {@code Retry-After}. */
  public Duration retryAfter() {
    return retryAfter;
  }
}
