package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.analyst;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.core.event.InMemoryEventSink;
import io.udb.security.authz.QuotaExceededException;
import io.udb.security.authz.TenantQuotas;
import io.udb.security.ratelimit.RateLimitedException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Request rate limits per tenant, principal and operation class through a {@link SecuredBox}: in
 * memory, and in the local Redis where two boxes share one budget.
 */
class SecuredBoxRateLimitTest {
  private static final String REDIS_URL = "redis://127.0.0.1:6379";

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void fourthQueryOfOnePrincipalIsRateLimitedAndAnotherPrincipalIsNot() {
    try (DataBox box =
        SecuredBoxFixture.builder(Map.of("rate-limit.query.capacity", "3"), sink, registry)
            .build()) {
      SecuredBox ana = box.as(analyst("ana"));
      for (int i = 0; i < 3; i++) {
        ana.query("SELECT 1");
      }

      assertRateLimited(() -> ana.query("SELECT 1"));

      assertOneDenial(sink, "rate_limit.query", ACME, "ana", "query");
      assertThat(count(registry, "udb.ratelimit.rejected", "reason", "query")).isEqualTo(1);
      assertThat(count(registry, "udb.security.denied", "control", "rate_limit", "reason", "query"))
          .isEqualTo(1);
      assertThat(box.as(analyst("bea")).query("SELECT 2").rows()).containsExactly(List.of(2L));
      assertThat(ana.tables()).as("other operation classes keep their own budget").isEmpty();
    }
  }

  @Test
  void refusedRequestsDoNotRunTheQuery() {
    try (DataBox box =
        SecuredBoxFixture.builder(
                Map.of(
                    "rate-limit.query.capacity", "1",
                    "quota.default.max-queries-per-minute", "1"),
                sink,
                registry)
            .build()) {
      SecuredBox ana = box.as(analyst("ana"));
      ana.query("SELECT 1");

      assertRateLimited(() -> ana.query("SELECT 1"));

      // the rate limit refused first, so the tenant's query quota was not spent
      assertThat(count(registry, "udb.quota.rejected", "reason", "queries_per_minute")).isZero();
    }
  }

  @Test
  void twoBoxesOnOneRedisShareOneBudget() {
    String prefix = "udb:test:core:" + UUID.randomUUID() + ":";
    Map<String, String> settings =
        Map.of(
            "rate-limit.backend",
            "redis",
            "rate-limit.redis-url",
            REDIS_URL,
            "rate-limit.redis-key-prefix",
            prefix,
            "rate-limit.query.capacity",
            "3");
    RedisClient admin = RedisClient.create(REDIS_URL);
    try (StatefulRedisConnection<String, String> redis = admin.connect()) {
      try (DataBox first = SecuredBoxFixture.builder(settings, sink, registry).build();
          DataBox second = SecuredBoxFixture.builder(settings, sink, registry).build()) {
        SecuredBox anaOnFirst = first.as(analyst("ana"));
        SecuredBox anaOnSecond = second.as(analyst("ana"));
        anaOnFirst.query("SELECT 1");
        anaOnSecond.query("SELECT 1");
        anaOnFirst.query("SELECT 1");

        assertRateLimited(() -> anaOnSecond.query("SELECT 1"));
        assertRateLimited(() -> anaOnFirst.query("SELECT 1"));

        assertThat(keys(redis, prefix)).contains(prefix + "acme:query:ana");
        assertThat(second.as(analyst("bea")).query("SELECT 2").rows()).containsExactly(List.of(2L));
        assertThat(count(registry, "udb.ratelimit.rejected", "reason", "query")).isEqualTo(2);
      } finally {
        List<String> keys = keys(redis, prefix);
        if (!keys.isEmpty()) {
          redis.sync().del(keys.toArray(String[]::new));
        }
        assertThat(keys(redis, prefix)).isEmpty();
      }
    } finally {
      admin.shutdown();
    }
  }

  @Test
  void twoBoxesOnOneRedisShareTheTenantsQueryQuotaAcrossPrincipals() {
    String prefix = "udb:test:core:" + UUID.randomUUID() + ":";
    Map<String, String> settings =
        Map.of(
            "rate-limit.backend",
            "redis",
            "rate-limit.redis-url",
            REDIS_URL,
            "rate-limit.redis-key-prefix",
            prefix,
            "quota.default.max-queries-per-minute",
            "3");
    RedisClient admin = RedisClient.create(REDIS_URL);
    try (StatefulRedisConnection<String, String> redis = admin.connect()) {
      try (DataBox first = SecuredBoxFixture.builder(settings, sink, registry).build();
          DataBox second = SecuredBoxFixture.builder(settings, sink, registry).build()) {
        // three principals of one tenant on two nodes spend one tenant-wide budget
        first.as(analyst("ana")).query("SELECT 1");
        second.as(analyst("bea")).query("SELECT 1");
        first.as(analyst("cid")).query("SELECT 1");

        assertThatThrownBy(() -> second.as(analyst("dan")).query("SELECT 1"))
            .isInstanceOfSatisfying(
                QuotaExceededException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                  assertThat(e.quota()).isEqualTo(TenantQuotas.QUERIES_PER_MINUTE);
                });
        assertThat(count(registry, "udb.quota.rejected", "reason", "queries_per_minute"))
            .isEqualTo(1);
        assertThat(keys(redis, prefix)).isNotEmpty();
      } finally {
        List<String> keys = keys(redis, prefix);
        if (!keys.isEmpty()) {
          redis.sync().del(keys.toArray(String[]::new));
        }
      }
    } finally {
      admin.shutdown();
    }
  }

  private static void assertRateLimited(Runnable call) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            RateLimitedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.RATE_LIMITED);
              assertThat(e.operationClass()).isEqualTo("query");
              assertThat(e.retryAfter()).isPositive();
            });
  }

  private static List<String> keys(StatefulRedisConnection<String, String> redis, String prefix) {
    List<String> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<String> page =
          redis.sync().scan(cursor, ScanArgs.Builder.matches(prefix + "*").limit(1000));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }
}
