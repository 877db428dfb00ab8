package io.udb.security.ratelimit;

import java.time.Duration;
import java.util.Objects;

/**
 * The outcome of asking a bucket for tokens.
 *
 * @param allowed whether the tokens were consumed
 * @param remaining tokens left in the bucket after this request
 * @param retryAfter when refused, how long until enough tokens are back (for {@code Retry-After});
 *     {@link Duration#ZERO} when allowed
 */
public record RateLimitDecision(boolean allowed, long remaining, Duration retryAfter) {

  /** Validates the fields. */
  public RateLimitDecision {
    Objects.requireNonNull(retryAfter, "retryAfter");
  }
}
