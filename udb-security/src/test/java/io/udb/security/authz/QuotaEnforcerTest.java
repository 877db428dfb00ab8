package io.udb.security.authz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.security.audit.Denial;
import io.udb.security.ratelimit.InMemoryRateLimiter;
import io.udb.security.ratelimit.ManualTimeMeter;
import io.udb.security.ratelimit.RateLimitSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QuotaEnforcerTest {

  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");

  private final RecordingAudit audit = new RecordingAudit();
  private final ManualTimeMeter time = new ManualTimeMeter();
  private final QuotaEnforcer quotas =
      new QuotaEnforcer(
          QuotaSettings.from(
              Settings.of(
                  Map.of(
                      "quota.default.max-storage-bytes", "1000",
                      "quota.default.max-rows-per-table", "100",
                      "quota.default.max-concurrent-jobs", "2",
                      "quota.default.max-queries-per-minute", "3",
                      "quota.globex.max-queries-per-minute", "0"))),
          new InMemoryRateLimiter(RateLimitSettings.defaults(), audit, time),
          audit);

  @Test
  void refusesStorageOverTheLimit() {
    assertThatCode(() -> quotas.checkStorage(ACME, 600, 400)).doesNotThrowAnyException();

    assertThatThrownBy(() -> quotas.checkStorage(ACME, 600, 401))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
              assertThat(e.quota()).isEqualTo("storage_bytes");
              assertThat(e.limit()).isEqualTo(1000);
              assertThat(e.retryAfter()).isEmpty();
              assertThat(e.getMessage())
                  .contains("600 bytes stored + 401 incoming = 1001 bytes")
                  .contains("limit of 1000 bytes");
            });
    assertThat(audit.denials())
        .containsExactly(
            new Denial("quota", "storage_bytes", ErrorCode.QUOTA_EXCEEDED, ACME, null, "ingest"));
  }

  @Test
  void refusesStorageWhoseSumOverflows() {
    assertThatThrownBy(() -> quotas.checkStorage(ACME, Long.MAX_VALUE, Long.MAX_VALUE))
        .isInstanceOf(QuotaExceededException.class);
  }

  @Test
  void refusesTablesWithTooManyRows() {
    assertThatCode(() -> quotas.checkRows(ACME, "orders", 100)).doesNotThrowAnyException();

    assertThatThrownBy(() -> quotas.checkRows(ACME, "orders", 101))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.quota()).isEqualTo("rows_per_table");
              assertThat(e.getMessage())
                  .contains("'orders' would hold 101 rows")
                  .contains("limit of 100 rows per table");
            });
    assertThat(audit.denials()).extracting(Denial::reason).containsExactly("rows_per_table");
  }

  @Test
  void limitsConcurrentJobsAndReleasesSlotsOnClose() {
    QuotaEnforcer.JobSlot first = quotas.acquireJobSlot(ACME);
    QuotaEnforcer.JobSlot second = quotas.acquireJobSlot(ACME);
    assertThat(quotas.runningJobs(ACME)).isEqualTo(2);

    assertThatThrownBy(() -> quotas.acquireJobSlot(ACME))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.quota()).isEqualTo("concurrent_jobs");
              assertThat(e.getMessage()).contains("already runs 2 jobs, the limit of 2");
            });
    // Another tenant has its own slots.
    quotas.acquireJobSlot(GLOBEX).close();

    first.close();
    first.close(); // a second close must not free the other job's slot
    assertThat(quotas.runningJobs(ACME)).isEqualTo(1);
    try (QuotaEnforcer.JobSlot third = quotas.acquireJobSlot(ACME)) {
      assertThat(quotas.runningJobs(ACME)).isEqualTo(2);
    }
    second.close();
    assertThat(quotas.runningJobs(ACME)).isZero();
    assertThat(audit.denials())
        .containsExactly(
            new Denial(
                "quota", "concurrent_jobs", ErrorCode.QUOTA_EXCEEDED, ACME, null, "job.start"));
  }

  @Test
  void neverHandsOutMoreSlotsThanTheLimitUnderContention() throws Exception {
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  try {
                    quotas.acquireJobSlot(ACME);
                    return true;
                  } catch (QuotaExceededException e) {
                    return false;
                  }
                }));
      }
      start.countDown();
      int acquired = 0;
      for (Future<Boolean> result : results) {
        acquired += result.get(10, TimeUnit.SECONDS) ? 1 : 0;
      }
      assertThat(acquired).isEqualTo(2);
      assertThat(quotas.runningJobs(ACME)).isEqualTo(2);
      assertThat(quotas.rejections()).isEqualTo(Map.of("concurrent_jobs", 6L));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void limitsQueriesPerMinutePerTenant() {
    for (int i = 0; i < 3; i++) {
      quotas.checkQuery(ACME);
    }

    assertThatThrownBy(() -> quotas.checkQuery(ACME))
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.quota()).isEqualTo("queries_per_minute");
              assertThat(e.limit()).isEqualTo(3);
              assertThat(e.retryAfter()).contains(Duration.ofSeconds(20));
              assertThat(e.getMessage())
                  .contains("limit of 3 queries per minute")
                  .contains("retry after 20000 ms");
            });
    time.advance(Duration.ofSeconds(20));
    assertThatCode(() -> quotas.checkQuery(ACME)).doesNotThrowAnyException();
    // Only the quota control reports: the limiter's own rate_limit denial must not appear.
    assertThat(audit.denials())
        .containsExactly(
            new Denial(
                "quota", "queries_per_minute", ErrorCode.QUOTA_EXCEEDED, ACME, null, "sql.query"));
  }

  @Test
  void aZeroQueryQuotaRefusesEveryQuery() {
    assertThatThrownBy(() -> quotas.checkQuery(GLOBEX))
        .isInstanceOfSatisfying(QuotaExceededException.class, e -> assertThat(e.limit()).isZero());
  }

  @Test
  void countsRejectionsPerQuota() {
    for (long rows : new long[] {101, 102}) {
      assertThatThrownBy(() -> quotas.checkRows(ACME, "t", rows))
          .isInstanceOf(QuotaExceededException.class);
    }
    assertThatThrownBy(() -> quotas.checkStorage(ACME, 2000, 0))
        .isInstanceOf(QuotaExceededException.class);

    assertThat(quotas.rejections()).isEqualTo(Map.of("rows_per_table", 2L, "storage_bytes", 1L));
  }

  @Test
  void unlimitedQuotasNeverRefuse() {
    QuotaEnforcer unlimited = new QuotaEnforcer(QuotaSettings.unlimited());

    assertThatCode(
            () -> {
              unlimited.checkStorage(ACME, Long.MAX_VALUE, 1);
              unlimited.checkRows(ACME, "t", Long.MAX_VALUE);
              for (int i = 0; i < 1000; i++) {
                unlimited.checkQuery(ACME);
                unlimited.acquireJobSlot(ACME);
              }
            })
        .doesNotThrowAnyException();
    assertThat(unlimited.rejections()).isEmpty();
  }
}
