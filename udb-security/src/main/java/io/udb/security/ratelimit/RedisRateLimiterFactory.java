package io.udb.security.ratelimit;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.security.audit.SecurityAudit;
import java.time.Duration;

/**
 * Creates a {@link RedisRateLimiter} from settings after checking that the optional Redis
 * dependencies are present, so that a host without them gets a configuration error instead of a
 * {@link NoClassDefFoundError}. Kept apart from {@link RateLimiters} so that choosing the in-memory
 * backend never loads a Redis class.
 */
final class RedisRateLimiterFactory {

  /** Default time one Redis command may take. */
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private static final String[] REQUIRED_CLASSES = {
    "io.lettuce.core.RedisClient", "io.github.bucket4j.redis.lettuce.Bucket4jLettuce"
  };

  private RedisRateLimiterFactory() {}

  static RateLimiter create(Settings settings, RateLimitSettings limits, SecurityAudit audit) {
    String urlKey = RateLimitSettings.PREFIX + "redis-url";
    String url = settings.requireString(urlKey);
    String prefix =
        settings.getString(
            RateLimitSettings.PREFIX + "redis-key-prefix", RedisRateLimiter.DEFAULT_KEY_PREFIX);
    Duration timeout =
        settings.getDuration(RateLimitSettings.PREFIX + "redis-timeout", DEFAULT_TIMEOUT);
    requireRedisOnClasspath();
    return RedisRateLimiter.connect(limits, url, prefix, timeout, audit);
  }

  private static void requireRedisOnClasspath() {
    for (String name : REQUIRED_CLASSES) {
      try {
        Class.forName(name, false, RedisRateLimiterFactory.class.getClassLoader());
      } catch (ClassNotFoundException e) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "rate-limit.backend=redis needs com.bucket4j:bucket4j_jdk17-lettuce and"
                + " io.lettuce:lettuce-core on the classpath; add them or use"
                + " rate-limit.backend=memory",
            e);
      }
    }
  }
}
