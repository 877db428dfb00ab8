package io.udb.security.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitersTest {

  @Test
  void choosesTheInMemoryBackendByDefault() {
    try (RateLimiter limiter =
        RateLimiters.create(Settings.of(Map.of("rate-limit.query.capacity", "2")))) {
      assertThat(limiter).isInstanceOf(InMemoryRateLimiter.class);
      RateLimitKey key = new RateLimitKey(TenantId.of("acme"), "alice", "query");
      assertThat(limiter.tryConsume(key, 2).allowed()).isTrue();
      assertThat(limiter.tryConsume(key, 1).allowed()).isFalse();
    }
  }

  @Test
  void choosesRedisWhenConfigured() {
    String prefix = "udb:test:selector:" + System.nanoTime() + ":";
    try (RateLimiter limiter =
        RateLimiters.create(
            Settings.of(
                Map.of(
                    "rate-limit.backend",
                    "redis",
                    "rate-limit.redis-url",
                    RedisRateLimiterTest.REDIS_URL,
                    "rate-limit.redis-key-prefix",
                    prefix)))) {
      assertThat(limiter).isInstanceOf(RedisRateLimiter.class);
      assertThat(((RedisRateLimiter) limiter).keyPrefix()).isEqualTo(prefix);
    }
  }

  @Test
  void redisBackendNeedsAUrl() {
    assertThatThrownBy(
            () -> RateLimiters.create(Settings.of(Map.of("rate-limit.backend", "redis"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rate-limit.redis-url");
  }

  @Test
  void refusesAnUnknownBackend() {
    assertThatThrownBy(
            () -> RateLimiters.create(Settings.of(Map.of("rate-limit.backend", "memcached"))))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.getMessage()).contains("rate-limit.backend").contains("memcached");
            });
  }
}
