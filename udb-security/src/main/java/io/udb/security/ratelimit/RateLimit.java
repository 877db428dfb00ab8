package io.udb.security.ratelimit;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import java.time.Duration;
import java.util.Objects;

/**
 * One token-bucket limit: a bucket holds at most {@code capacity} tokens and refills greedily at
 * {@code capacity} tokens per {@code refillPeriod} (so an empty bucket is full again after one
 * period). Requests may burst up to {@code capacity}.
 *
 * @param capacity the bucket size and the number of tokens added per period, at least 1
 * @param refillPeriod the time to refill an empty bucket, positive
 */
public record RateLimit(long capacity, Duration refillPeriod) {

  /** Validates the limit. */
  public RateLimit {
    Objects.requireNonNull(refillPeriod, "refillPeriod");
    if (capacity < 1) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "A rate limit capacity must be at least 1; got " + capacity);
    }
    if (refillPeriod.isZero() || refillPeriod.isNegative()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "A rate limit refill period must be positive; got " + refillPeriod);
    }
  }

  /**
   * A limit of {@code capacity} per period.
   *
   * @param capacity tokens per period
   * @param refillPeriod the period
   * @return the limit
   */
  public static RateLimit of(long capacity, Duration refillPeriod) {
    return new RateLimit(capacity, refillPeriod);
  }
}
