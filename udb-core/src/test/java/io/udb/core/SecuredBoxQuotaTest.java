package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.GLOBEX;
import static io.udb.core.SecuredBoxFixture.analyst;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.UdbException;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.job.HookedJobStore;
import io.udb.core.job.JobLimits;
import io.udb.security.authz.QuotaExceededException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Tenant quotas through a {@link SecuredBox}: concurrent jobs (a slot is held from acceptance to
 * the job's terminal state, however it ends) and queries per minute. Every refusal is a {@code
 * QUOTA_EXCEEDED}, a {@code udb.security.denied} event and the {@code udb.quota.rejected} metric.
 */
class SecuredBoxQuotaTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Map<String, String> ONE_JOB =
      Map.of("quota.default.max-concurrent-jobs", "1");

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CountDownLatch gate = new CountDownLatch(1);

  @Test
  void secondJobIsRefusedWhileTheFirstRunsAndAcceptedAfterItSucceeds() throws Exception {
    try (DataBox box = SecuredBoxFixture.builder(ONE_JOB, sink, registry).build()) {
      SecuredBox ana = box.as(analyst("ana"));
      CountDownLatch started = new CountDownLatch(1);
      Job first = ana.submit(JobType.PROFILE, blocking(started, false));
      await(started);

      assertRefusedForConcurrentJobs(() -> ana.submit(JobType.PROFILE, context -> Map.of()));
      assertRefusedForConcurrentJobs(
          () -> box.as(analyst("someone-else")).submit(JobType.KPI, context -> Map.of()));

      gate.countDown();
      assertThat(ana.awaitJob(first.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertAcceptedAndRuns(box, ana);
    }
  }

  @Test
  void slotIsGivenBackWhenTheJobFails() throws Exception {
    try (DataBox box = SecuredBoxFixture.builder(ONE_JOB, sink, registry).build()) {
      SecuredBox ana = box.as(analyst("ana"));
      CountDownLatch started = new CountDownLatch(1);
      Job first = ana.submit(JobType.PROFILE, blocking(started, true));
      await(started);
      assertRefusedForConcurrentJobs(() -> ana.submit(JobType.PROFILE, context -> Map.of()));

      gate.countDown();
      assertThat(ana.awaitJob(first.id(), WAIT).state()).isEqualTo(JobState.FAILED);
      assertAcceptedAndRuns(box, ana);
    }
  }

  @Test
  void slotIsGivenBackWhenARunningJobIsCancelled() throws Exception {
    try (DataBox box = SecuredBoxFixture.builder(ONE_JOB, sink, registry).build()) {
      SecuredBox ana = box.as(analyst("ana"));
      CountDownLatch started = new CountDownLatch(1);
      Job first = ana.submit(JobType.PROFILE, blocking(started, false));
      await(started);
      assertRefusedForConcurrentJobs(() -> ana.submit(JobType.PROFILE, context -> Map.of()));

      ana.cancel(first.id());
      assertThat(ana.awaitJob(first.id(), WAIT).state()).isEqualTo(JobState.CANCELLED);
      assertAcceptedAndRuns(box, ana);
    }
  }

  @Test
  void slotIsGivenBackAtOnceWhenAJobWaitingInItsTenantsQueueIsCancelled() throws Exception {
    // The host's own job (outside the quota) holds acme's only running slot, so the secured job
    // waits in acme's queue.
    try (DataBox box =
        SecuredBoxFixture.builder(ONE_JOB, sink, registry)
            .jobLimits(new JobLimits(2, 1, 10))
            .build()) {
      CountDownLatch started = new CountDownLatch(1);
      Job hostJob = box.submit(ACME, JobType.MAINTENANCE, blocking(started, false));
      await(started);
      SecuredBox ana = box.as(analyst("ana"));
      Job queued = ana.submit(JobType.PROFILE, context -> Map.of());
      assertThat(ana.job(queued.id()).state()).isEqualTo(JobState.CREATED);
      assertRefusedForConcurrentJobs(() -> ana.submit(JobType.PROFILE, context -> Map.of()));

      assertThat(ana.cancel(queued.id()).state()).isEqualTo(JobState.CANCELLED);

      assertThat(box.security().quotas().runningJobs(ACME)).isZero();
      Job next = ana.submit(JobType.PROFILE, context -> Map.of());
      gate.countDown();
      assertThat(box.awaitJob(ACME, hostJob.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(ana.awaitJob(next.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(box.security().quotas().runningJobs(ACME)).isZero();
    }
  }

  @Test
  void slotIsGivenBackWhenAJobWaitingForAWorkerIsCancelledAndSettles() throws Exception {
    // One worker for the whole box: another tenant's job holds it, so acme's job waits for it.
    try (DataBox box =
        SecuredBoxFixture.builder(ONE_JOB, sink, registry)
            .jobLimits(new JobLimits(1, 1, 10))
            .build()) {
      CountDownLatch started = new CountDownLatch(1);
      Job blocker =
          box.as(Principal.of("gus", GLOBEX, Role.ANALYST))
              .submit(JobType.PROFILE, blocking(started, false));
      await(started);
      SecuredBox ana = box.as(analyst("ana"));
      Job waiting = ana.submit(JobType.PROFILE, context -> Map.of());

      ana.cancel(waiting.id());
      // it ends, without running, when the worker picks it up; until then it holds its slot
      assertRefusedForConcurrentJobs(() -> ana.submit(JobType.PROFILE, context -> Map.of()));
      gate.countDown();

      assertThat(ana.awaitJob(waiting.id(), WAIT).state()).isEqualTo(JobState.CANCELLED);
      assertThat(box.awaitJob(GLOBEX, blocker.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertAcceptedAndRuns(box, ana);
    }
  }

  @Test
  void slotIsGivenBackWhenTheJobIsRejectedByTheJobManager() throws Exception {
    try (DataBox box =
        SecuredBoxFixture.builder(Map.of("quota.default.max-concurrent-jobs", "5"), sink, registry)
            .jobLimits(new JobLimits(1, 1, 0))
            .build()) {
      SecuredBox ana = box.as(analyst("ana"));
      CountDownLatch started = new CountDownLatch(1);
      Job first = ana.submit(JobType.PROFILE, blocking(started, false));
      await(started);

      assertThatThrownBy(() -> ana.submit(JobType.PROFILE, context -> Map.of()))
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_REJECTED));

      assertThat(box.security().quotas().runningJobs(ACME)).isEqualTo(1);
      gate.countDown();
      assertThat(ana.awaitJob(first.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(box.security().quotas().runningJobs(ACME)).isZero();
    }
  }

  @Test
  void slotIsGivenBackWhenTheJobStoreCannotRecordTheEnd() throws Exception {
    HookedJobStore store = new HookedJobStore();
    AtomicBoolean failNextEnd = new AtomicBoolean(true);
    store.beforeSave(
        job -> {
          if (job.state().isTerminal() && failNextEnd.compareAndSet(true, false)) {
            throw new UdbException(ErrorCode.STORAGE_ERROR, "The job database is unreachable");
          }
        });
    try (DataBox box = SecuredBoxFixture.builder(ONE_JOB, sink, registry).jobStore(store).build()) {
      SecuredBox ana = box.as(analyst("ana"));
      CountDownLatch started = new CountDownLatch(1);
      Job first = ana.submit(JobType.PROFILE, blocking(started, false));
      await(started);
      gate.countDown();

      // The store missed the end, so only the job's events and the quota tell that it is over.
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (box.security().quotas().runningJobs(ACME) != 0 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(box.security().quotas().runningJobs(ACME)).isZero();
      assertThat(sink.events(EventTypes.JOB_STATE_CHANGED))
          .anySatisfy(
              event -> {
                assertThat(event.data()).containsEntry("jobId", first.id().value());
                assertThat(event.data()).containsEntry("state", "SUCCEEDED");
              });
      assertAcceptedAndRuns(box, ana);
    }
  }

  @Test
  void queriesPerMinuteAreCountedForTheWholeTenant() {
    try (DataBox box =
        SecuredBoxFixture.builder(
                Map.of("quota.default.max-queries-per-minute", "2"), sink, registry)
            .build()) {
      SecuredBox ana = box.as(analyst("ana"));
      SecuredBox bea = box.as(analyst("bea"));
      ana.query("SELECT 1");
      bea.query("SELECT 2");

      for (SecuredBox secured : List.of(ana, bea)) {
        assertThatThrownBy(() -> secured.query("SELECT 3"))
            .isInstanceOfSatisfying(
                QuotaExceededException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
                  assertThat(e.quota()).isEqualTo("queries_per_minute");
                  assertThat(e.limit()).isEqualTo(2);
                  assertThat(e.retryAfter()).hasValueSatisfying(d -> assertThat(d).isPositive());
                });
        assertOneDenial(sink, "quota.queries_per_minute", ACME, null, "sql.query");
      }
      assertThat(count(registry, "udb.quota.rejected", "reason", "queries_per_minute"))
          .isEqualTo(2);
      assertThat(
              count(
                  registry,
                  "udb.security.denied",
                  "control",
                  "quota",
                  "reason",
                  "queries_per_minute"))
          .isEqualTo(2);
      // another tenant has its own budget
      assertThat(box.as(Principal.of("ana", GLOBEX, Role.ANALYST)).query("SELECT 4").rows())
          .containsExactly(List.of(4L));
    }
  }

  private void assertRefusedForConcurrentJobs(Runnable submit) {
    double before = count(registry, "udb.quota.rejected", "reason", "concurrent_jobs");
    assertThatThrownBy(submit::run)
        .isInstanceOfSatisfying(
            QuotaExceededException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.QUOTA_EXCEEDED);
              assertThat(e.quota()).isEqualTo("concurrent_jobs");
              assertThat(e.limit()).isEqualTo(1);
            });
    assertOneDenial(sink, "quota.concurrent_jobs", ACME, null, "job.start");
    assertThat(count(registry, "udb.quota.rejected", "reason", "concurrent_jobs"))
        .isEqualTo(before + 1);
  }

  private static void assertAcceptedAndRuns(DataBox box, SecuredBox secured) {
    assertThat(box.security().quotas().runningJobs(ACME)).isZero();
    Job next = secured.submit(JobType.PROFILE, context -> Map.of("n", 2));
    assertThat(secured.awaitJob(next.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(box.security().quotas().runningJobs(ACME)).isZero();
  }

  private JobBody blocking(CountDownLatch started, boolean fail) {
    return context -> {
      started.countDown();
      gate.await();
      if (fail) {
        throw new UdbException(ErrorCode.INGEST_BAD_FORMAT, "Line 3 is not CSV");
      }
      return Map.of();
    };
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
  }
}
