package io.udb.core.job;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.OpenTelemetry;
import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.DataBoxBuilder;
import io.udb.core.artifact.FileSystemArtifactStore;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.job.store.InMemoryJobStore;
import io.udb.core.observe.UdbMetrics;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobManagerTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final JobType TYPE = JobType.of("test");
  private static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final List<DataBox> boxes = new ArrayList<>();
  private final CountDownLatch gate = new CountDownLatch(1);

  @AfterEach
  void closeBoxes() {
    gate.countDown();
    boxes.forEach(DataBox::close);
  }

  private DataBox open(DataBoxBuilder builder) {
    DataBox box = builder.build();
    boxes.add(box);
    return box;
  }

  private static DataBoxBuilder builder(JobLimits limits) {
    return DataBox.builder().inMemory().eventSinks(List.of()).jobLimits(limits);
  }

  private DataBox box(JobLimits limits) {
    return open(builder(limits));
  }

  /** A body that signals it runs, then waits for the test's gate (or an interrupt). */
  private JobBody blocking(CountDownLatch started) {
    return context -> {
      started.countDown();
      gate.await();
      return Map.of();
    };
  }

  private static Job await(DataBox box, TenantId tenant, Job job) {
    return box.awaitJob(tenant, job.id(), WAIT);
  }

  private static void awaitLatch(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(WAIT.toSeconds(), SECONDS)).as("latch released in time").isTrue();
  }

  @Test
  void runsJobFromCreatedThroughRunningToSucceededWithResult() {
    TestClock clock = new TestClock(T0);
    DataBox box = open(builder(JobLimits.defaults()).clock(clock));
    AtomicReference<JobState> stateWhileRunning = new AtomicReference<>();

    Job submitted =
        box.submit(
            ACME,
            TYPE,
            context -> {
              stateWhileRunning.set(box.job(ACME, context.jobId()).state());
              clock.advance(Duration.ofSeconds(5));
              context.progress(0.5);
              return Map.of("rows", 42, "table", "sales");
            });

    assertThat(submitted.state()).isEqualTo(JobState.CREATED);
    assertThat(submitted.tenant()).isEqualTo(ACME);
    assertThat(submitted.progress()).isZero();
    assertThat(submitted.createdAt()).isEqualTo(T0);
    assertThat(submitted.startedAt()).isNull();
    assertThat(submitted.duration(T0)).isEmpty();

    Job done = await(box, ACME, submitted);
    assertThat(stateWhileRunning.get()).isEqualTo(JobState.RUNNING);
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.result()).containsEntry("rows", 42).containsEntry("table", "sales");
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.error()).isNull();
    assertThat(done.startedAt()).isEqualTo(T0);
    assertThat(done.finishedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(done.duration(T0.plusSeconds(60))).contains(Duration.ofSeconds(5));
    assertThat(box.job(ACME, submitted.id())).isEqualTo(done);
    assertThat(box.jobs().list(ACME, 10)).containsExactly(done);
    assertThat(box.jobs().activeCount()).isZero();
  }

  @Test
  void udbExceptionInStageKeepsItsCodeAndMessageAndNamesTheStage() {
    DataBox box = box(JobLimits.defaults());
    Job job =
        box.submit(
            ACME,
            TYPE,
            context -> {
              context.stage("load", () -> "loaded");
              context.stage(
                  "profile",
                  () -> {
                    throw new UdbException(
                        ErrorCode.TABLE_NOT_FOUND, "Table 'sales' does not exist; load it first");
                  });
              return Map.of();
            });

    Job done = await(box, ACME, job);

    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.error())
        .isEqualTo(
            new JobError(
                ErrorCode.TABLE_NOT_FOUND,
                "Table 'sales' does not exist; load it first",
                "profile"));
    assertThat(done.stage()).isEqualTo("profile");
    assertThat(done.result()).isNull();
    assertThat(done.finishedAt()).isNotNull();
  }

  @Test
  void unexpectedExceptionFailsWithJobFailedWithoutLeakingItsMessage() {
    DataBox box = box(JobLimits.defaults());
    Job inStage =
        box.submit(
            ACME,
            TYPE,
            context ->
                context.stage(
                    "kpi",
                    () -> {
                      throw new IllegalStateException("password=hunter2 at db.internal:5432");
                    }));
    Job outsideStages =
        box.submit(
            ACME,
            TYPE,
            context -> {
              throw new IOException("/secret/acme/keys.json is unreadable");
            });

    JobError inStageError = await(box, ACME, inStage).error();
    JobError outsideError = await(box, ACME, outsideStages).error();

    assertThat(inStageError.code()).isEqualTo(ErrorCode.JOB_FAILED);
    assertThat(inStageError.stage()).isEqualTo("kpi");
    assertThat(inStageError.message())
        .contains("IllegalStateException")
        .contains("kpi")
        .doesNotContain("hunter2")
        .doesNotContain("db.internal");
    assertThat(outsideError.code()).isEqualTo(ErrorCode.JOB_FAILED);
    assertThat(outsideError.stage()).isNull();
    assertThat(outsideError.message()).doesNotContain("secret").doesNotContain("keys.json");
  }

  @Test
  void failureIsAttributedToTheStageThatRaisedItNotToAnEarlierRecoveredStage() {
    DataBox box = box(JobLimits.defaults());
    Job job =
        box.submit(
            ACME,
            TYPE,
            context -> {
              try {
                context.stage(
                    "drift",
                    () -> {
                      throw new UdbException(ErrorCode.ENGINE_ERROR, "No baseline yet");
                    });
              } catch (UdbException optionalStageFailed) {
                // The pipeline tolerates a failed optional stage and carries on.
              }
              return context.stage(
                  "kpi",
                  () -> {
                    throw new UdbException(ErrorCode.TABLE_NOT_FOUND, "Table 'kpis' is missing");
                  });
            });

    JobError error = await(box, ACME, job).error();

    assertThat(error.code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    assertThat(error.stage()).isEqualTo("kpi");
  }

  @Test
  void failureOutsideAnyStageNamesNoStageEvenAfterARecoveredStageFailure() {
    DataBox box = box(JobLimits.defaults());
    Job job =
        box.submit(
            ACME,
            TYPE,
            context -> {
              try {
                context.stage(
                    "drift",
                    () -> {
                      throw new UdbException(ErrorCode.ENGINE_ERROR, "No baseline yet");
                    });
              } catch (UdbException optionalStageFailed) {
                // tolerated
              }
              throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Option 'charts' is unknown");
            });

    JobError error = await(box, ACME, job).error();

    assertThat(error.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.stage()).isNull();
  }

  @Test
  void failureInNestedStageNamesTheInnermostStage() {
    DataBox box = box(JobLimits.defaults());
    Job job =
        box.submit(
            ACME,
            TYPE,
            context ->
                context.stage(
                    "analyze",
                    () ->
                        context.stage(
                            "profile",
                            () -> {
                              throw new UdbException(ErrorCode.SQL_TIMEOUT, "Profiling timed out");
                            })));

    assertThat(await(box, ACME, job).error().stage()).isEqualTo("profile");
  }

  @Test
  void errorRaisedInStageNamesTheStage() {
    DataBox box = box(JobLimits.defaults());
    Job job =
        box.submit(
            ACME,
            TYPE,
            context ->
                context.stage(
                    "quality",
                    () -> {
                      throw new AssertionError("row count invariant broken");
                    }));

    JobError error = await(box, ACME, job).error();

    assertThat(error.code()).isEqualTo(ErrorCode.JOB_FAILED);
    assertThat(error.stage()).isEqualTo("quality");
    assertThat(error.message()).doesNotContain("invariant");
  }

  @Test
  void cancelsQueuedJobWithoutEverRunningIt() throws Exception {
    DataBox box = box(new JobLimits(2, 1, 10));
    CountDownLatch started = new CountDownLatch(1);
    Job first = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);
    AtomicBoolean ran = new AtomicBoolean();
    Job queued =
        box.submit(
            ACME,
            TYPE,
            context -> {
              ran.set(true);
              return Map.of();
            });

    Job afterCancel = box.cancelJob(ACME, queued.id());

    assertThat(afterCancel.state()).isEqualTo(JobState.CANCELLED);
    assertThat(afterCancel.startedAt()).isNull();
    assertThat(afterCancel.error().code()).isEqualTo(ErrorCode.JOB_CANCELLED);
    gate.countDown();
    assertThat(await(box, ACME, first).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(await(box, ACME, queued).state()).isEqualTo(JobState.CANCELLED);
    assertThat(box.job(ACME, queued.id()).state()).isEqualTo(JobState.CANCELLED);
    assertThat(ran).isFalse();
  }

  @Test
  void cancelsRunningJobAtItsNextCancellationCheck() throws Exception {
    DataBox box = box(JobLimits.defaults());
    CountDownLatch started = new CountDownLatch(1);
    AtomicInteger checks = new AtomicInteger();
    Job job =
        box.submit(
            ACME,
            TYPE,
            context -> {
              started.countDown();
              while (true) {
                context.throwIfCancelled();
                checks.incrementAndGet();
                LockSupport.parkNanos(1_000_000);
              }
            });
    awaitLatch(started);

    box.cancelJob(ACME, job.id());
    Job done = await(box, ACME, job);

    assertThat(done.state()).isEqualTo(JobState.CANCELLED);
    assertThat(done.startedAt()).isNotNull();
    assertThat(done.finishedAt()).isNotNull();
    assertThat(done.error().code()).isEqualTo(ErrorCode.JOB_CANCELLED);
    assertThat(done.result()).isNull();
  }

  @Test
  void cancelsRunningJobBlockedOnALatchByInterruptingIt() throws Exception {
    DataBox box = box(JobLimits.defaults());
    CountDownLatch started = new CountDownLatch(1);
    CountDownLatch never = new CountDownLatch(1);
    AtomicBoolean interrupted = new AtomicBoolean();
    Job job =
        box.submit(
            ACME,
            TYPE,
            context -> {
              started.countDown();
              try {
                never.await();
              } catch (InterruptedException e) {
                interrupted.set(true);
                throw e;
              }
              return Map.of();
            });
    awaitLatch(started);

    box.cancelJob(ACME, job.id());

    assertThat(await(box, ACME, job).state()).isEqualTo(JobState.CANCELLED);
    assertThat(interrupted).isTrue();
  }

  @Test
  void runsAtMostTheTenantLimitAtOnceWhileOtherTenantsStillRun() throws Exception {
    DataBox box = box(new JobLimits(4, 2, 10));
    AtomicInteger running = new AtomicInteger();
    AtomicInteger highWater = new AtomicInteger();
    Semaphore started = new Semaphore(0);
    JobBody body =
        context -> {
          highWater.accumulateAndGet(running.incrementAndGet(), Math::max);
          started.release();
          try {
            gate.await();
          } finally {
            running.decrementAndGet();
          }
          return Map.of();
        };
    List<Job> acmeJobs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      acmeJobs.add(box.submit(ACME, TYPE, body));
    }
    assertThat(started.tryAcquire(2, WAIT.toSeconds(), SECONDS)).isTrue();

    Job other = box.submit(GLOBEX, TYPE, context -> Map.of("ok", true));
    assertThat(await(box, GLOBEX, other).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(acmeJobs.stream().map(j -> box.job(ACME, j.id()).state()))
        .containsExactlyInAnyOrder(
            JobState.RUNNING,
            JobState.RUNNING,
            JobState.CREATED,
            JobState.CREATED,
            JobState.CREATED);

    gate.countDown();
    for (Job job : acmeJobs) {
      assertThat(await(box, ACME, job).state()).isEqualTo(JobState.SUCCEEDED);
    }
    assertThat(highWater.get()).isEqualTo(2);
  }

  @Test
  void rejectsJobWhenTheTenantQueueIsFull() throws Exception {
    DataBox box = box(new JobLimits(2, 1, 1));
    CountDownLatch started = new CountDownLatch(1);
    Job running = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);
    Job queued = box.submit(ACME, TYPE, context -> Map.of());

    assertThatThrownBy(() -> box.submit(ACME, TYPE, context -> Map.of()))
        .isInstanceOfSatisfying(
            UdbException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.JOB_REJECTED);
              assertThat(e.getMessage()).contains("retry later");
            });
    Job otherTenant = box.submit(GLOBEX, TYPE, context -> Map.of());
    assertThat(await(box, GLOBEX, otherTenant).state()).isEqualTo(JobState.SUCCEEDED);

    gate.countDown();
    assertThat(await(box, ACME, running).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(await(box, ACME, queued).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(box.jobs().list(ACME, 10)).hasSize(2);
  }

  @Test
  void unknownJobIdIsNotFound() {
    DataBox box = box(JobLimits.defaults());
    JobId unknown = JobId.random();

    assertNotFound(() -> box.job(ACME, unknown));
    assertNotFound(() -> box.awaitJob(ACME, unknown, Duration.ofSeconds(1)));
    assertNotFound(() -> box.cancelJob(ACME, unknown));
  }

  @Test
  void anotherTenantsJobIsNotFoundWhileRunningOrAfterwards() throws Exception {
    DataBox box = box(JobLimits.defaults());
    CountDownLatch started = new CountDownLatch(1);
    Job acmeJob = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);

    assertNotFound(() -> box.job(GLOBEX, acmeJob.id()));
    assertNotFound(() -> box.awaitJob(GLOBEX, acmeJob.id(), Duration.ofSeconds(1)));
    assertNotFound(() -> box.cancelJob(GLOBEX, acmeJob.id()));
    assertThat(box.job(ACME, acmeJob.id()).state()).isEqualTo(JobState.RUNNING);

    gate.countDown();
    assertThat(await(box, ACME, acmeJob).state())
        .as("another tenant's cancel request changed nothing")
        .isEqualTo(JobState.SUCCEEDED);
    assertNotFound(() -> box.job(GLOBEX, acmeJob.id()));
    assertNotFound(() -> box.cancelJob(GLOBEX, acmeJob.id()));
    assertThat(box.jobs().list(GLOBEX, 10)).isEmpty();
  }

  private static void assertNotFound(ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_NOT_FOUND));
  }

  @Test
  void submitAfterCloseIsUnavailable() {
    DataBox box = box(JobLimits.defaults());
    box.close();

    assertThatThrownBy(() -> box.submit(ACME, TYPE, context -> Map.of()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void buildingABoxSettlesTheUnfinishedJobsItsNodeLeftInASharedStore() {
    InMemoryJobStore store = new InMemoryJobStore();
    Job orphan =
        Job.created(JobId.random(), ACME, TYPE, T0, "corr-1", "node-a").started(T0.plusSeconds(1));
    Job waiting = Job.created(JobId.random(), ACME, TYPE, T0, "corr-2", "node-a");
    Job otherNode =
        Job.created(JobId.random(), ACME, TYPE, T0, "corr-3", "node-b").started(T0.plusSeconds(1));
    store.save(orphan);
    store.save(waiting);
    store.save(otherNode);
    TestClock clock = new TestClock(T0.plusSeconds(3600));

    DataBox box =
        open(
            DataBox.builder()
                .inMemory()
                .eventSinks(List.of())
                .jobStore(store)
                .nodeId("node-a")
                .clock(clock));

    Job settled = box.job(ACME, orphan.id());
    assertThat(settled.state()).isEqualTo(JobState.FAILED);
    assertThat(settled.error().code()).isEqualTo(ErrorCode.JOB_ABANDONED);
    assertThat(settled.finishedAt()).isEqualTo(clock.instant());
    assertThat(box.job(ACME, waiting.id()).state()).isEqualTo(JobState.FAILED);
    assertThat(box.job(ACME, otherNode.id()).state()).isEqualTo(JobState.RUNNING);
  }

  // Regression tests for defects found while writing the tests above.

  @Test
  void cancelledJobThatWasWaitingForAWorkerGivesBackItsTenantSlot() throws Exception {
    DataBox box = box(new JobLimits(1, 1, 10));
    CountDownLatch started = new CountDownLatch(1);
    Job blocker = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);
    AtomicBoolean ran = new AtomicBoolean();
    Job waitingForWorker =
        box.submit(
            GLOBEX,
            TYPE,
            context -> {
              ran.set(true);
              return Map.of();
            });

    box.cancelJob(GLOBEX, waitingForWorker.id());
    gate.countDown();

    assertThat(await(box, ACME, blocker).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(await(box, GLOBEX, waitingForWorker).state()).isEqualTo(JobState.CANCELLED);
    assertThat(ran).isFalse();
    Job next = box.submit(GLOBEX, TYPE, context -> Map.of());
    assertThat(await(box, GLOBEX, next).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void finishedJobHasGivenBackItsTenantSlotWhenWaitersWake() throws Exception {
    DataBox box = box(new JobLimits(2, 1, 0));
    CountDownLatch started = new CountDownLatch(1);
    Job first = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);
    AtomicReference<Object> submittedOnWake = new AtomicReference<>();
    CountDownLatch hookRan = new CountDownLatch(1);
    box.jobs()
        .running(ACME, first.id())
        .orElseThrow()
        .done
        .thenRun(
            () -> {
              try {
                submittedOnWake.set(box.submit(ACME, TYPE, context -> Map.of()));
              } catch (RuntimeException e) {
                submittedOnWake.set(e);
              } finally {
                hookRan.countDown();
              }
            });

    gate.countDown();
    awaitLatch(hookRan);

    assertThat(submittedOnWake.get()).isInstanceOf(Job.class);
    assertThat(await(box, ACME, (Job) submittedOnWake.get()).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void failedSaveOnSubmitGivesBackTheTenantSlot() {
    HookedJobStore store = new HookedJobStore();
    DataBox box = open(builder(new JobLimits(1, 1, 10)).jobStore(store));
    AtomicBoolean failNextCreate = new AtomicBoolean(true);
    store.beforeSave(
        job -> {
          if (job.state() == JobState.CREATED && failNextCreate.compareAndSet(true, false)) {
            throw new UdbException(ErrorCode.STORAGE_ERROR, "The job database is unreachable");
          }
        });

    assertThatThrownBy(() -> box.submit(ACME, TYPE, context -> Map.of()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_ERROR));
    assertThat(box.jobs().activeCount()).isZero();

    Job next = box.submit(ACME, TYPE, context -> Map.of());
    assertThat(await(box, ACME, next).state()).isEqualTo(JobState.SUCCEEDED);
  }

  @Test
  void jobThatCannotRecordItsEndStillFinishesAndGivesBackItsSlot() throws Exception {
    HookedJobStore store = new HookedJobStore();
    DataBox box = open(builder(new JobLimits(1, 1, 10)).jobStore(store));
    AtomicBoolean failNextEnd = new AtomicBoolean(true);
    store.beforeSave(
        job -> {
          if (job.state().isTerminal() && failNextEnd.compareAndSet(true, false)) {
            throw new UdbException(ErrorCode.STORAGE_ERROR, "The job database is unreachable");
          }
        });
    CountDownLatch started = new CountDownLatch(1);
    Job first = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);
    // Wait on the live job itself: once it is over, the store (which missed its end) answers.
    CompletableFuture<Job> firstDone = box.jobs().running(ACME, first.id()).orElseThrow().done;

    gate.countDown();

    assertThat(firstDone.get(WAIT.toSeconds(), SECONDS).state()).isEqualTo(JobState.SUCCEEDED);
    Job second = box.submit(ACME, TYPE, context -> Map.of("n", 2));
    assertThat(await(box, ACME, second).state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(store.find(ACME, first.id()).orElseThrow().state())
        .as("left for recoverAbandoned() on the next start")
        .isEqualTo(JobState.RUNNING);
  }

  @Test
  void failingObserverDoesNotChangeWhatHappensToJobs(@TempDir Path artifactsRoot) {
    JobObserver failing =
        new JobObserver() {
          @Override
          public void created(Job job) {
            throw new IllegalStateException("event publisher is closed");
          }

          @Override
          public void transitioned(Job job, JobState from) {
            throw new IllegalStateException("event publisher is closed");
          }
        };
    try (JobManager jobs =
        new JobManager(
            new InMemoryJobStore(),
            failing,
            new FileSystemArtifactStore(artifactsRoot, Clock.systemUTC()),
            OpenTelemetry.noop().getTracer("test"),
            UdbMetrics.noop(),
            Clock.systemUTC(),
            "node-1",
            new JobLimits(1, 1, 10))) {
      Job first = jobs.submit(ACME, TYPE, context -> Map.of("n", 1));
      Job second = jobs.submit(ACME, TYPE, context -> Map.of("n", 2));

      assertThat(jobs.await(ACME, first.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(jobs.await(ACME, second.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
    }
  }

  @Test
  void queuedJobIsSavedAndAnnouncedBeforeItCanStart() throws Exception {
    HookedJobStore store = new HookedJobStore();
    InMemoryEventSink events = new InMemoryEventSink();
    try (SpanRecorder.Sdk sdk = SpanRecorder.create()) {
      DataBox box =
          open(
              builder(new JobLimits(1, 1, 10))
                  .jobStore(store)
                  .eventSink(events)
                  .openTelemetry(sdk.openTelemetry()));
      CountDownLatch started = new CountDownLatch(1);
      Job first = box.submit(ACME, TYPE, blocking(started));
      awaitLatch(started);
      AtomicBoolean hooked = new AtomicBoolean();
      AtomicReference<Throwable> hookFailure = new AtomicReference<>();
      store.beforeSave(
          job -> {
            if (job.tenant().equals(ACME)
                && job.state() == JobState.CREATED
                && hooked.compareAndSet(false, true)) {
              // The second job is accepted but not saved yet. Let the first finish and let the
              // only worker drain everything dispatched so far (a probe job queues behind it).
              try {
                gate.countDown();
                assertThat(sdk.spans().awaitEnded("udb.job test", first.id().value(), WAIT))
                    .isTrue();
                Job probe = box.submit(GLOBEX, TYPE, context -> Map.of());
                assertThat(box.awaitJob(GLOBEX, probe.id(), WAIT).state())
                    .isEqualTo(JobState.SUCCEEDED);
              } catch (InterruptedException | AssertionError e) {
                hookFailure.set(e);
              }
            }
          });

      Job second = box.submit(ACME, TYPE, context -> Map.of("n", 2));

      assertThat(hookFailure.get()).isNull();
      assertThat(await(box, ACME, second).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(store.find(ACME, second.id()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(
              events.events().stream()
                  .filter(e -> ("jobs/" + second.id()).equals(e.subject()))
                  .map(JobManagerTest::typeAndState))
          .containsExactly(
              EventTypes.JOB_CREATED + " CREATED",
              EventTypes.JOB_STATE_CHANGED + " RUNNING",
              EventTypes.JOB_STATE_CHANGED + " SUCCEEDED");
    }
  }

  private static String typeAndState(EventEnvelope event) {
    return event.type() + " " + event.data().get("state");
  }

  @Test
  void closeSettlesTheJobsStillWaitingInTheQueue() throws Exception {
    DataBox box = box(new JobLimits(2, 1, 10));
    CountDownLatch started = new CountDownLatch(1);
    Job running = box.submit(ACME, TYPE, blocking(started));
    awaitLatch(started);
    Job queued1 = box.submit(ACME, TYPE, context -> Map.of());
    Job queued2 = box.submit(ACME, TYPE, context -> Map.of());
    JobManager jobs = box.jobs();

    jobs.close();

    assertThat(jobs.await(ACME, running.id(), WAIT).state()).isEqualTo(JobState.CANCELLED);
    for (Job queued : List.of(queued1, queued2)) {
      Job settled = jobs.await(ACME, queued.id(), Duration.ofSeconds(10));
      assertThat(settled.state()).isEqualTo(JobState.CANCELLED);
      assertThat(settled.startedAt()).isNull();
      assertThat(settled.error().code()).isEqualTo(ErrorCode.JOB_CANCELLED);
      assertThat(box.job(ACME, queued.id()).state()).isEqualTo(JobState.CANCELLED);
    }
    assertThat(jobs.activeCount()).isZero();
  }
}
