package io.udb.security.ratelimit;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The backend-independent part of a {@link RateLimiter}: limit lookup, argument checks, auditing
 * and counting of refusals. Subclasses only take tokens from a Bucket4j bucket.
 */
public abstract class AbstractRateLimiter implements RateLimiter {

  private final RateLimitSettings settings;
  private final SecurityAudit audit;
  private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

  /**
   * Creates the shared part.
   *
   * @param settings the limits per operation class
   * @param audit receives every refusal of {@link #tryConsume(RateLimitKey, long)}
   */
  protected AbstractRateLimiter(RateLimitSettings settings, SecurityAudit audit) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  @Override
  public final RateLimitDecision tryConsume(RateLimitKey key, long tokens) {
    RateLimitDecision decision =
        consumeWithin(key, tokens, settings.limitFor(key.operationClass()));
    if (!decision.allowed()) {
      rejections.computeIfAbsent(key.operationClass(), c -> new LongAdder()).increment();
      audit.denied(
          new Denial(
              CONTROL,
              key.operationClass(),
              ErrorCode.RATE_LIMITED,
              key.tenant(),
              RateLimitKey.TENANT_WIDE.equals(key.principal()) ? null : key.principal(),
              key.operationClass()));
    }
    return decision;
  }

  @Override
  public final RateLimitDecision consumeWithin(RateLimitKey key, long tokens, RateLimit limit) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(limit, "limit");
    if (tokens < 1 || tokens > limit.capacity()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Cannot take "
              + tokens
              + " tokens for '"
              + key.operationClass()
              + "': the bucket holds at most "
              + limit.capacity()
              + "; ask for 1 to "
              + limit.capacity());
    }
    return consume(key, tokens, limit);
  }

  /**
   * Takes tokens from the bucket of {@code key}, creating it with {@code limit} if absent.
   *
   * @param key whose bucket
   * @param tokens how many, already checked to be within 1 and the capacity
   * @param limit the bucket's limit
   * @return the decision
   */
  protected abstract RateLimitDecision consume(RateLimitKey key, long tokens, RateLimit limit);

  @Override
  public RateLimitSettings settings() {
    return settings;
  }

  @Override
  public Map<String, Long> rejections() {
    Map<String, Long> snapshot = new HashMap<>();
    rejections.forEach((operationClass, count) -> snapshot.put(operationClass, count.sum()));
    return Map.copyOf(snapshot);
  }

  /**
   * Turns a Bucket4j probe's outcome into a decision.
   *
   * @param consumed whether the tokens were taken
   * @param remaining tokens left
   * @param nanosToWait nanoseconds until enough tokens are back
   * @return the decision
   */
  protected static RateLimitDecision decision(boolean consumed, long remaining, long nanosToWait) {
    return new RateLimitDecision(
        consumed, remaining, consumed ? Duration.ZERO : Duration.ofNanos(Math.max(1, nanosToWait)));
  }
}
