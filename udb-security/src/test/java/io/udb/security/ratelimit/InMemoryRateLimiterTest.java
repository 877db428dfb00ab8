package io.udb.security.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.security.audit.Denial;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InMemoryRateLimiterTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final Duration PERIOD = Duration.ofSeconds(30);

  private final ManualTimeMeter time = new ManualTimeMeter();
  private final RecordingAudit audit = new RecordingAudit();
  private final InMemoryRateLimiter limiter =
      new InMemoryRateLimiter(
          new RateLimitSettings(
              RateLimit.of(3, PERIOD), Map.of("ingest", RateLimit.of(1, Duration.ofMinutes(2)))),
          audit,
          time);

  @Test
  void refusesOnceCapacityIsExhaustedAndSaysHowLongToWait() {
    RateLimitKey key = new RateLimitKey(ACME, "alice", "query");

    assertThat(limiter.tryConsume(key, 1)).isEqualTo(new RateLimitDecision(true, 2, Duration.ZERO));
    assertThat(limiter.tryConsume(key, 1).remaining()).isEqualTo(1);
    assertThat(limiter.tryConsume(key, 1).remaining()).isZero();
    RateLimitDecision denied = limiter.tryConsume(key, 1);

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.remaining()).isZero();
    assertThat(denied.retryAfter()).isPositive().isLessThanOrEqualTo(PERIOD);
    // Greedy refill: one token comes back after a third of the period.
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void refillsAfterTheAnnouncedWait() {
    RateLimitKey key = new RateLimitKey(ACME, "alice", "query");
    limiter.tryConsume(key, 3);
    RateLimitDecision denied = limiter.tryConsume(key, 1);

    time.advance(denied.retryAfter().minusNanos(1));
    assertThat(limiter.tryConsume(key, 1).allowed()).isFalse();
    time.advance(Duration.ofNanos(1));
    assertThat(limiter.tryConsume(key, 1).allowed()).isTrue();
  }

  @Test
  void keepsSeparateBucketsPerTenantPrincipalAndClass() {
    RateLimitKey exhausted = new RateLimitKey(ACME, "alice", "query");
    limiter.tryConsume(exhausted, 3);
    assertThat(limiter.tryConsume(exhausted, 1).allowed()).isFalse();

    assertThat(limiter.tryConsume(new RateLimitKey(GLOBEX, "alice", "query"), 3).allowed())
        .isTrue();
    assertThat(limiter.tryConsume(new RateLimitKey(ACME, "bob", "query"), 3).allowed()).isTrue();
    assertThat(limiter.tryConsume(new RateLimitKey(ACME, "alice", "job"), 3).allowed()).isTrue();
  }

  @Test
  void appliesTheLimitOfTheOperationClass() {
    RateLimitKey ingest = new RateLimitKey(ACME, "alice", "ingest");

    assertThat(limiter.tryConsume(ingest, 1).allowed()).isTrue();
    RateLimitDecision denied = limiter.tryConsume(ingest, 1);

    assertThat(denied.allowed()).isFalse();
    assertThat(denied.retryAfter()).isEqualTo(Duration.ofMinutes(2));
  }

  @Test
  void reportsAndCountsEveryRefusal() {
    RateLimitKey key = new RateLimitKey(ACME, "alice", "query");
    limiter.tryConsume(key, 3);
    limiter.tryConsume(key, 1);
    limiter.tryConsume(key, 2);

    assertThat(audit.denials())
        .containsExactly(
            new Denial("rate_limit", "query", ErrorCode.RATE_LIMITED, ACME, "alice", "query"),
            new Denial("rate_limit", "query", ErrorCode.RATE_LIMITED, ACME, "alice", "query"));
    assertThat(limiter.rejections()).isEqualTo(Map.of("query", 2L));
  }

  @Test
  void enforceThrowsRateLimitedWithRetryAfter() {
    RateLimitKey key = new RateLimitKey(ACME, "alice", "query");
    assertThat(limiter.enforce(key).remaining()).isEqualTo(2);
    limiter.enforce(key, 2);

    assertThatThrownBy(() -> limiter.enforce(key))
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.operationClass()).isEqualTo("query");
              assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10));
              assertThat(e.getMessage()).contains("'query'").contains("10000 ms");
            });
    assertThat(audit.denials()).hasSize(1);
  }

  @Test
  void consumeWithinUsesTheGivenLimitAndReportsNothing() {
    RateLimitKey key = RateLimitKey.tenantWide(ACME, "quota-queries");
    RateLimit limit = RateLimit.of(1, Duration.ofMinutes(1));

    assertThat(limiter.consumeWithin(key, 1, limit).allowed()).isTrue();
    assertThat(limiter.consumeWithin(key, 1, limit).allowed()).isFalse();

    assertThat(audit.denials()).isEmpty();
    assertThat(limiter.rejections()).isEmpty();
  }

  @Test
  void dropsBucketsIdleForTheirRefillPeriod() {
    limiter.tryConsume(new RateLimitKey(ACME, "alice", "query"), 3);
    limiter.tryConsume(new RateLimitKey(ACME, "alice", "ingest"), 1);
    assertThat(limiter.trackedKeys()).isEqualTo(2);

    time.advance(PERIOD.plusNanos(1));
    assertThat(limiter.trackedKeys()).isEqualTo(1);
    time.advance(Duration.ofMinutes(2));
    assertThat(limiter.trackedKeys()).isZero();

    // A dropped bucket would have been full again: the caller gets the whole capacity.
    assertThat(limiter.tryConsume(new RateLimitKey(ACME, "alice", "query"), 3).allowed()).isTrue();
  }

  @Test
  void refusesRequestsLargerThanTheCapacity() {
    RateLimitKey key = new RateLimitKey(ACME, "alice", "query");

    assertThatThrownBy(() -> limiter.tryConsume(key, 4))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
    assertThatThrownBy(() -> limiter.tryConsume(key, 0)).isInstanceOf(UdbException.class);
  }

  @Test
  void refusesOperationClassesThatCouldCollideInKeys() {
    assertThatThrownBy(() -> new RateLimitKey(ACME, "alice", "query:x"))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }
}
