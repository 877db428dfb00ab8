package io.udb.api.job;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobTest {
  private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private static Job created() {
    return Job.created(JobId.random(), TenantId.of("acme"), JobType.PROFILE, T0, "c-1", "node-a");
  }

  @Test
  void followsTheLifecycleAndMeasuresItsDuration() {
    Job running = created().started(T0.plusSeconds(1)).progressed(0.5, "profile");
    Job done = running.succeeded(T0.plusSeconds(4), Map.of("rows", 3));

    assertThat(running.state()).isEqualTo(JobState.RUNNING);
    assertThat(running.duration(T0.plusSeconds(3))).contains(Duration.ofSeconds(2));
    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(1.0);
    assertThat(done.duration(T0.plusSeconds(60))).contains(Duration.ofSeconds(3));
    assertThat(created().duration(T0)).isEmpty();
  }

  @Test
  void refusesTransitionsTheLifecycleDoesNotAllow() {
    Job done = created().started(T0).succeeded(T0, Map.of());

    assertThatThrownBy(() -> done.started(T0)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> done.failed(T0, new JobError(ErrorCode.JOB_FAILED, "x", null)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> created().succeeded(T0, Map.of()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aCreatedJobMayFailOrBeCancelledBeforeItStarts() {
    JobError why = new JobError(ErrorCode.JOB_CANCELLED, "stop", null);

    assertThat(created().cancelled(T0, why).state()).isEqualTo(JobState.CANCELLED);
    assertThat(created().failed(T0, why).state()).isEqualTo(JobState.FAILED);
  }

  @Test
  void clampsProgressIntoZeroToOne() {
    Job job = created().started(T0);

    assertThat(job.progressed(1.7, null).progress()).isEqualTo(1.0);
    assertThat(job.progressed(-3, null).progress()).isEqualTo(0.0);
    assertThat(job.progressed(Double.NaN, null).progress()).isEqualTo(0.0);
  }

  @Test
  void validatesIdsAndTypesForUseInPathsAndTags() {
    assertThatThrownBy(() -> JobId.of("../x")).isInstanceOf(RuntimeException.class);
    assertThatThrownBy(() -> JobType.of("Profile")).isInstanceOf(RuntimeException.class);
    assertThat(JobType.of("summary").name()).isEqualTo("summary");
  }
}
