package io.udb.security.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs against the real local Redis; every key of a run shares a unique prefix. */
class RedisRateLimiterTest {

  static final String REDIS_URL = "redis://127.0.0.1:6379";

  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration PERIOD = Duration.ofMinutes(1);
  private static final RateLimitSettings SETTINGS =
      new RateLimitSettings(RateLimit.of(60, PERIOD), Map.of("query", RateLimit.of(5, PERIOD)));

  private static RedisClient admin;
  private static StatefulRedisConnection<String, String> adminConnection;

  private final String prefix = "udb:test:ratelimit:" + UUID.randomUUID() + ":";
  private final RecordingAudit audit = new RecordingAudit();
  private final List<RateLimiter> limiters = new ArrayList<>();

  @BeforeAll
  static void connect() {
    admin = RedisClient.create(REDIS_URL);
    adminConnection = admin.connect();
  }

  @AfterAll
  static void disconnect() {
    adminConnection.close();
    admin.shutdown();
  }

  @AfterEach
  void cleanUp() {
    limiters.forEach(RateLimiter::close);
    List<String> keys = keysWithPrefix();
    if (!keys.isEmpty()) {
      adminConnection.sync().del(keys.toArray(String[]::new));
    }
    assertThat(keysWithPrefix()).isEmpty();
  }

  @Test
  void twoLimitersShareOneBudget() {
    RedisRateLimiter a = limiter(audit);
    RedisRateLimiter b = limiter(audit);
    RateLimitKey key = new RateLimitKey(ACME, "alice", "query");

    for (int i = 0; i < 3; i++) {
      assertThat(a.tryConsume(key, 1).allowed()).isTrue();
    }
    assertThat(b.tryConsume(key, 1)).isEqualTo(new RateLimitDecision(true, 1, Duration.ZERO));
    assertThat(b.tryConsume(key, 1)).isEqualTo(new RateLimitDecision(true, 0, Duration.ZERO));
    RateLimitDecision deniedB = b.tryConsume(key, 1);
    RateLimitDecision deniedA = a.tryConsume(key, 1);

    assertThat(deniedB.allowed()).isFalse();
    assertThat(deniedB.retryAfter()).isPositive().isLessThanOrEqualTo(PERIOD);
    assertThat(deniedA.allowed()).isFalse();
    assertThat(deniedA.retryAfter()).isPositive().isLessThanOrEqualTo(PERIOD);
    Denial expected =
        new Denial("rate_limit", "query", ErrorCode.RATE_LIMITED, ACME, "alice", "query");
    assertThat(audit.denials()).containsExactly(expected, expected);
    assertThat(a.rejections()).isEqualTo(Map.of("query", 1L));
    assertThat(b.rejections()).isEqualTo(Map.of("query", 1L));
  }

  @Test
  void enforceReportsRetryAfter() {
    RedisRateLimiter limiter = limiter(audit);
    RateLimitKey key = new RateLimitKey(ACME, "bob", "query");
    limiter.enforce(key, 5);

    assertThatThrownBy(() -> limiter.enforce(key))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              // Greedy refill of 5 per minute: one token every 12 s.
              assertThat(e.retryAfter())
                  .isGreaterThan(Duration.ofSeconds(11))
                  .isLessThanOrEqualTo(Duration.ofSeconds(12));
            });
  }

  @Test
  void keepsBucketsOfOtherPrincipalsTenantsAndClassesApart() {
    RedisRateLimiter limiter = limiter(audit);
    limiter.tryConsume(new RateLimitKey(ACME, "alice", "query"), 5);

    assertThat(limiter.tryConsume(new RateLimitKey(ACME, "alice", "query"), 1).allowed()).isFalse();
    assertThat(limiter.tryConsume(new RateLimitKey(ACME, "bob", "query"), 5).allowed()).isTrue();
    assertThat(
            limiter
                .tryConsume(new RateLimitKey(TenantId.of("globex"), "alice", "query"), 5)
                .allowed())
        .isTrue();
    assertThat(limiter.tryConsume(new RateLimitKey(ACME, "alice", "job"), 5).allowed()).isTrue();
  }

  @Test
  void writesExpiringKeysUnderTheConfiguredPrefix() {
    RedisRateLimiter limiter = limiter(SecurityAudit.none());
    limiter.tryConsume(new RateLimitKey(ACME, "alice", "query"), 1);

    assertThat(keysWithPrefix()).containsExactly(prefix + "acme:query:alice");
    RedisCommands<String, String> redis = adminConnection.sync();
    assertThat(redis.pttl(prefix + "acme:query:alice")).isPositive();
  }

  @Test
  void failsClosedWhenRedisIsUnreachable() {
    assertThatThrownBy(
            () ->
                RedisRateLimiter.connect(
                    SETTINGS,
                    "redis://127.0.0.1:1",
                    prefix,
                    Duration.ofSeconds(1),
                    SecurityAudit.none()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void refusesRequestsAfterClose() {
    RedisRateLimiter limiter = limiter(SecurityAudit.none());
    limiter.close();

    assertThatThrownBy(() -> limiter.tryConsume(new RateLimitKey(ACME, "alice", "query"), 1))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void usesAHostSuppliedClientWithoutClosingIt() {
    try (RedisRateLimiter limiter = new RedisRateLimiter(SETTINGS, admin, prefix, audit)) {
      assertThat(limiter.tryConsume(new RateLimitKey(ACME, "carol", "query"), 1).allowed())
          .isTrue();
    }
    // The host's client still works after the limiter is closed.
    assertThat(adminConnection.sync().ping()).isEqualTo("PONG");
    try (StatefulRedisConnection<String, String> again = admin.connect()) {
      assertThat(again.sync().ping()).isEqualTo("PONG");
    }
  }

  private RedisRateLimiter limiter(SecurityAudit audit) {
    RedisRateLimiter limiter =
        RedisRateLimiter.connect(SETTINGS, REDIS_URL, prefix, Duration.ofSeconds(2), audit);
    limiters.add(limiter);
    return limiter;
  }

  private List<String> keysWithPrefix() {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          adminConnection.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(500));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }
}
