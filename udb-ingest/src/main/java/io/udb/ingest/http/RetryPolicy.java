package io.udb.ingest.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

/**
 * How {@link ResilientHttpClient} retries: which statuses are transient, how often, and how long it
 * waits. A {@code Retry-After} header (seconds or an HTTP date) replaces the exponential back-off.
 *
 * @param maxRetries retries after the first attempt
 * @param initialBackoff the first wait without {@code Retry-After}; doubled per retry
 * @param maxBackoff the longest wait without {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one fails at once
 * @param retryStatuses the transient statuses, e.g. 429 and 503
 */
public record RetryPolicy(
    int maxRetries,
    Duration initialBackoff,
    Duration maxBackoff,
    Duration maxRetryAfter,
    Set<Integer> retryStatuses) {

  /** Validates and copies. */
  public RetryPolicy {
    if (maxRetries < 0) {
      throw new IllegalArgumentException("maxRetries must not be negative");
    }
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    retryStatuses = Set.copyOf(retryStatuses);
  }

  /**
   * The wait before retry number {@code retry} (0-based) without a {@code Retry-After}: doubling
   * from the initial back-off up to the maximum.
   *
   * @param retry the retry's number
   * @return the wait
   */
  public Duration backoff(int retry) {
    Duration wait = initialBackoff;
    for (int i = 0; i < retry && wait.compareTo(maxBackoff) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(maxBackoff) > 0 ? maxBackoff : wait;
  }
}
