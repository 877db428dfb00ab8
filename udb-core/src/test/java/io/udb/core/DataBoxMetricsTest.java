package io.udb.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.job.JobLimits;
import io.udb.core.job.TestClock;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.MicrometerMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DataBoxMetricsTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final JobType PROFILE = JobType.PROFILE;
  private static final Duration WAIT = Duration.ofSeconds(30);

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final TestClock clock = new TestClock(Instant.parse("2024-05-01T10:00:00Z"));

  private DataBox box() {
    return DataBox.builder()
        .inMemory()
        .eventSinks(List.of())
        .metrics(MicrometerMetrics.of(registry))
        .clock(clock)
        .jobLimits(new JobLimits(2, 1, 1))
        .build();
  }

  @Test
  void jobsAreCountedByTypeStateAndTenantAndTimedByType() throws Exception {
    try (DataBox box = box()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch gate = new CountDownLatch(1);
      Job succeeded =
          box.submit(
              ACME,
              PROFILE,
              context -> {
                started.countDown();
                gate.await();
                return context.stage(
                    "scan",
                    () -> {
                      clock.advance(Duration.ofSeconds(3));
                      return Map.of();
                    });
              });
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      Job cancelled = box.submit(ACME, PROFILE, context -> Map.of());
      assertThatThrownBy(() -> box.submit(ACME, PROFILE, context -> Map.of()))
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_REJECTED));
      box.cancelJob(ACME, cancelled.id());
      gate.countDown();
      assertThat(box.awaitJob(ACME, succeeded.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      Job failed =
          box.submit(
              ACME,
              PROFILE,
              context ->
                  context.stage(
                      "scan",
                      () -> {
                        clock.advance(Duration.ofSeconds(4));
                        throw new UdbException(ErrorCode.SQL_TIMEOUT, "Scan timed out");
                      }));
      assertThat(box.awaitJob(ACME, failed.id(), WAIT).state()).isEqualTo(JobState.FAILED);

      for (String state : List.of("SUCCEEDED", "FAILED", "CANCELLED", "REJECTED")) {
        assertThat(jobs(state).count()).as("udb.jobs state=%s", state).isEqualTo(1.0);
      }
      Timer duration = registry.get(MetricNames.JOB_DURATION).tag("type", "profile").timer();
      // The cancelled job never started, so it has no duration to record.
      assertThat(duration.count()).isEqualTo(2);
      assertThat(duration.totalTime(TimeUnit.SECONDS)).isEqualTo(7.0);
      assertThat(stage("ok").count()).isEqualTo(1);
      assertThat(stage("failed").count()).isEqualTo(1);
    }
  }

  private Counter jobs(String state) {
    return registry
        .get(MetricNames.JOBS)
        .tags("type", "profile", "state", state, "tenant", "acme")
        .counter();
  }

  private Timer stage(String outcome) {
    return registry
        .get(MetricNames.STAGE_DURATION)
        .tags("type", "profile", "stage", "scan", "outcome", outcome)
        .timer();
  }

  @Test
  void rejectedSqlIsCountedByReason() {
    try (DataBox box = box()) {
      assertThatThrownBy(() -> box.query(ACME, "DROP TABLE x"))
          .isInstanceOfSatisfying(
              SqlRejectedException.class, e -> assertThat(e.reason()).isEqualTo("not_select"));

      assertThat(
              registry.get(MetricNames.SQL_REJECTED).tag("reason", "not_select").counter().count())
          .isEqualTo(1.0);
    }
  }

  @Test
  void pruneCountsTheJobsWhoseArtifactsItRemoved() {
    try (DataBox box = box()) {
      Job job =
          box.submit(
              ACME,
              PROFILE,
              context -> {
                context.writeArtifact("a.json", "application/json", new byte[] {'{', '}'});
                return Map.of();
              });
      box.awaitJob(ACME, job.id(), WAIT);
      clock.advance(Duration.ofMinutes(1));

      box.prune(Duration.ZERO);

      assertThat(registry.get(MetricNames.ARTIFACTS_PRUNED).counter().count()).isEqualTo(1.0);
    }
  }
}
