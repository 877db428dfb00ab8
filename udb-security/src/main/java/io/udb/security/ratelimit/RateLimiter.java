package io.udb.security.ratelimit;

import java.util.Map;

/**
 * Token buckets per {@link RateLimitKey}, with the limit of each operation class taken from {@link
 * RateLimitSettings}. Every refusal by {@link #tryConsume(RateLimitKey, long)} is reported to the
 * security audit as control {@value #CONTROL} with the operation class as reason, and counted.
 *
 * <p>Implementations are thread-safe. A backend failure (e.g. Redis unreachable) is thrown as a
 * {@link io.udb.api.UdbException} with {@link io.udb.api.ErrorCode#UNAVAILABLE}: the limiter fails
 * closed rather than letting requests through unmetered.
 */
public interface RateLimiter extends AutoCloseable {

  /** The {@link io.udb.security.audit.Denial#control()} of rate-limit refusals. */
  String CONTROL = "rate_limit";

  /**
   * Takes tokens from the key's bucket if it holds enough; reports and counts a refusal.
   *
   * @param key whose bucket
   * @param tokens how many, at least 1 and at most the class's capacity
   * @return whether they were taken, what remains, and how long to wait when refused
   */
  RateLimitDecision tryConsume(RateLimitKey key, long tokens);

  /**
   * Takes tokens from the key's bucket against an explicit limit, without reporting or counting a
   * refusal: for controls that report their own refusals, such as tenant quotas. A bucket keeps the
   * limit it was created with until it is dropped as idle, so use one limit per key.
   *
   * @param key whose bucket
   * @param tokens how many, at least 1 and at most the limit's capacity
   * @param limit the limit of this bucket
   * @return whether they were taken, what remains, and how long to wait when refused
   */
  RateLimitDecision consumeWithin(RateLimitKey key, long tokens, RateLimit limit);

  /**
   * Takes one token or throws.
   *
   * @param key whose bucket
   * @return the decision, for {@code RateLimit-Remaining} style headers
   * @throws RateLimitedException when the bucket is empty, with the time to wait
   */
  default RateLimitDecision enforce(RateLimitKey key) {
    return enforce(key, 1);
  }

  /**
   * Takes tokens or throws.
   *
   * @param key whose bucket
   * @param tokens how many
   * @return the decision
   * @throws RateLimitedException when the bucket holds fewer tokens, with the time to wait
   */
  default RateLimitDecision enforce(RateLimitKey key, long tokens) {
    RateLimitDecision decision = tryConsume(key, tokens);
    if (!decision.allowed()) {
      throw new RateLimitedException(key.operationClass(), decision.retryAfter());
    }
    return decision;
  }

  /** The limits applied by {@link #tryConsume(RateLimitKey, long)}. */
  RateLimitSettings settings();

  /** Refusals so far by {@link #tryConsume(RateLimitKey, long)}, per operation class. */
  Map<String, Long> rejections();

  /** Releases the backend's resources that this limiter created. */
  @Override
  void close();
}
