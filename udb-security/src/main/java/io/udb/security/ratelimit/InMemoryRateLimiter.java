package io.udb.security.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.udb.security.audit.SecurityAudit;
import java.util.Objects;

/**
 * Rate limits kept in this process: one Bucket4j local bucket per key, in a Caffeine cache. A
 * bucket is dropped once it has been idle for its refill period; by then it would be full again, so
 * dropping it loses nothing and memory stays proportional to recently active keys.
 *
 * <p>Budgets are per process: run several processes with {@link RedisRateLimiter} to share them.
 */
public final class InMemoryRateLimiter extends AbstractRateLimiter {

  private final TimeMeter timeMeter;
  private final Cache<RateLimitKey, TimedBucket> buckets;

  /**
   * A limiter with the given limits that audits nothing.
   *
   * @param settings the limits per operation class
   */
  public InMemoryRateLimiter(RateLimitSettings settings) {
    this(settings, SecurityAudit.none());
  }

  /**
   * A limiter on the system clock.
   *
   * @param settings the limits per operation class
   * @param audit receives every refusal
   */
  public InMemoryRateLimiter(RateLimitSettings settings, SecurityAudit audit) {
    this(settings, audit, TimeMeter.SYSTEM_NANOTIME);
  }

  /**
   * A limiter on a given time source, which both refills the buckets and expires idle ones (tests
   * pass a controllable one).
   *
   * @param settings the limits per operation class
   * @param audit receives every refusal
   * @param timeMeter the time source
   */
  public InMemoryRateLimiter(RateLimitSettings settings, SecurityAudit audit, TimeMeter timeMeter) {
    super(settings, audit);
    this.timeMeter = Objects.requireNonNull(timeMeter, "timeMeter");
    this.buckets =
        Caffeine.newBuilder()
            .ticker(timeMeter::currentTimeNanos)
            .executor(Runnable::run)
            .expireAfter(
                Expiry.accessing(
                    (RateLimitKey key, TimedBucket bucket) -> bucket.limit().refillPeriod()))
            .build();
  }

  @Override
  protected RateLimitDecision consume(RateLimitKey key, long tokens, RateLimit limit) {
    TimedBucket bucket = buckets.get(key, k -> new TimedBucket(newBucket(limit), limit));
    ConsumptionProbe probe = bucket.bucket().tryConsumeAndReturnRemaining(tokens);
    return decision(
        probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
  }

  /** How many buckets are held now, after dropping idle ones. */
  public long trackedKeys() {
    buckets.cleanUp();
    return buckets.estimatedSize();
  }

  /** Drops every bucket; the limiter holds no other resources. */
  @Override
  public void close() {
    buckets.invalidateAll();
  }

  private Bucket newBucket(RateLimit limit) {
    return Bucket.builder()
        .addLimit(
            b -> b.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.refillPeriod()))
        .withCustomTimePrecision(timeMeter)
        .build();
  }

  private record TimedBucket(Bucket bucket, RateLimit limit) {}
}
