package io.udb.security.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.security.audit.SecurityAudit;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rate limits kept in Redis through Bucket4j's Lettuce proxy manager, so that every process
 * connected to the same Redis with the same key prefix shares one budget per key. Bucket state is
 * updated by compare-and-swap; a key expires once its bucket would be full again.
 *
 * <p>Redis keys are {@code <prefix><tenant>:<class>:<principal>}; tenant ids and classes contain no
 * {@code :}, so keys of different tenants or classes never collide. If Redis cannot be reached the
 * limiter fails closed with {@link ErrorCode#UNAVAILABLE}.
 *
 * <p>Needs the optional dependencies {@code com.bucket4j:bucket4j_jdk17-lettuce} and {@code
 * io.lettuce:lettuce-core}.
 */
public final class RedisRateLimiter extends AbstractRateLimiter {

  /** The key prefix used when none is configured. */
  public static final String DEFAULT_KEY_PREFIX = "udb:ratelimit:";

  /** How long past the moment its bucket would be full a key stays in Redis. */
  private static final Duration KEEP_AFTER_FULL = Duration.ofSeconds(5);

  private final RedisClient ownedClient;
  private final StatefulRedisConnection<String, byte[]> connection;
  private final ProxyManager<String> buckets;
  private final String keyPrefix;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A limiter on a Redis client owned by the host. The limiter opens its own connection and closes
   * only that connection on {@link #close()}; the client stays the host's to shut down.
   *
   * @param settings the limits per operation class
   * @param client the host's Redis client
   * @param keyPrefix the prefix of every key, e.g. {@value #DEFAULT_KEY_PREFIX}
   * @param audit receives every refusal
   */
  public RedisRateLimiter(
      RateLimitSettings settings, RedisClient client, String keyPrefix, SecurityAudit audit) {
    this(settings, client, false, keyPrefix, null, audit);
  }

  private RedisRateLimiter(
      RateLimitSettings settings,
      RedisClient client,
      boolean owned,
      String keyPrefix,
      Duration requestTimeout,
      SecurityAudit audit) {
    super(settings, audit);
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(keyPrefix, "keyPrefix");
    if (keyPrefix.isBlank()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "The Redis rate-limit key prefix must not be blank");
    }
    this.keyPrefix = keyPrefix;
    this.ownedClient = owned ? client : null;
    try {
      this.connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    } catch (RuntimeException e) {
      if (owned) {
        client.shutdown();
      }
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          "Cannot connect to Redis for rate limits; check that Redis is running and reachable",
          e);
    }
    Bucket4jLettuce.LettuceBasedProxyManagerBuilder<String> builder =
        Bucket4jLettuce.casBasedBuilder(connection)
            .expirationAfterWrite(
                ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_FULL));
    if (requestTimeout != null) {
      builder.requestTimeout(requestTimeout);
    }
    this.buckets = builder.build();
  }

  /**
   * A limiter that creates its own Redis client from a URL and shuts it down on {@link #close()}.
   *
   * @param settings the limits per operation class
   * @param redisUrl e.g. {@code redis://127.0.0.1:6379}
   * @param keyPrefix the prefix of every key
   * @param timeout how long one Redis command may take before the request is refused
   * @param audit receives every refusal
   * @return the connected limiter
   * @throws ConfigurationException when the URL is not valid
   * @throws UdbException with {@link ErrorCode#UNAVAILABLE} when Redis cannot be reached
   */
  public static RedisRateLimiter connect(
      RateLimitSettings settings,
      String redisUrl,
      String keyPrefix,
      Duration timeout,
      SecurityAudit audit) {
    RedisURI uri;
    try {
      uri = RedisURI.create(redisUrl);
    } catch (IllegalArgumentException e) {
      // The message could echo a password embedded in the URL; keep it out.
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "The Redis URL for rate limits is not a valid redis:// URL");
    }
    uri.setTimeout(timeout);
    return new RedisRateLimiter(settings, RedisClient.create(uri), true, keyPrefix, timeout, audit);
  }

  @Override
  protected RateLimitDecision consume(RateLimitKey key, long tokens, RateLimit limit) {
    if (closed.get()) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "The Redis rate limiter is closed");
    }
    String redisKey =
        keyPrefix + key.tenant().value() + ":" + key.operationClass() + ":" + key.principal();
    ConsumptionProbe probe;
    try {
      probe =
          buckets
              .builder()
              .build(redisKey, () -> configuration(limit))
              .tryConsumeAndReturnRemaining(tokens);
    } catch (RuntimeException e) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          "Rate limits are unavailable because Redis did not answer; requests are refused until"
              + " it does",
          e);
    }
    return decision(
        probe.isConsumed(), probe.getRemainingTokens(), probe.getNanosToWaitForRefill());
  }

  /** The prefix of every Redis key this limiter writes. */
  public String keyPrefix() {
    return keyPrefix;
  }

  /** Closes the limiter's connection, and the client when the limiter created it. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      connection.close();
    } finally {
      if (ownedClient != null) {
        ownedClient.shutdown();
      }
    }
  }

  private static BucketConfiguration configuration(RateLimit limit) {
    return BucketConfiguration.builder()
        .addLimit(
            b -> b.capacity(limit.capacity()).refillGreedy(limit.capacity(), limit.refillPeriod()))
        .build();
  }
}
