package io.udb.api.job;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An immutable snapshot of a job. State changes produce new snapshots through the {@code with*}
 * methods, which enforce the lifecycle.
 *
 * @param id the job's id, unique across tenants
 * @param tenant the owning tenant
 * @param type what the job does
 * @param state where it is in its lifecycle
 * @param progress completion between 0 and 1
 * @param stage the stage now running, or {@code null}
 * @param createdAt when it was accepted
 * @param startedAt when it began to run, or {@code null}
 * @param finishedAt when it reached a terminal state, or {@code null}
 * @param result the result, a JSON-compatible tree (maps, lists, strings, numbers, booleans,
 *     nulls), or {@code null} until it succeeds
 * @param error why it failed, or {@code null}
 * @param correlationId the id linking its events, logs and traces
 * @param owner the node that runs it, so that another node can recover it if that node dies
 */
public record Job(
    JobId id,
    TenantId tenant,
    JobType type,
    JobState state,
    double progress,
    String stage,
    Instant createdAt,
    Instant startedAt,
    Instant finishedAt,
    Map<String, Object> result,
    JobError error,
    String correlationId,
    String owner) {

  /** Validates the snapshot. */
  public Job {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(owner, "owner");
    if (!(progress >= 0.0 && progress <= 1.0)) {
      throw new IllegalArgumentException("progress must be within 0..1, got " + progress);
    }
  }

  /**
   * A new job in state {@link JobState#CREATED}.
   *
   * @param id the id
   * @param tenant the tenant
   * @param type the type
   * @param createdAt the creation time
   * @param correlationId the correlation id
   * @param owner the node that will run it
   * @return the job
   */
  public static Job created(
      JobId id,
      TenantId tenant,
      JobType type,
      Instant createdAt,
      String correlationId,
      String owner) {
    return new Job(
        id,
        tenant,
        type,
        JobState.CREATED,
        0.0,
        null,
        createdAt,
        null,
        null,
        null,
        null,
        correlationId,
        owner);
  }

  /** How long the job ran; empty until it started. Running jobs report time up to now. */
  public Optional<Duration> duration(Instant now) {
    if (startedAt == null) {
      return Optional.empty();
    }
    Instant end = finishedAt != null ? finishedAt : now;
    return Optional.of(Duration.between(startedAt, end));
  }

  /**
   * The job moved to {@code RUNNING}.
   *
   * @param at when it started
   * @return the new snapshot
   */
  public Job started(Instant at) {
    requireTransition(JobState.RUNNING);
    return new Job(
        id,
        tenant,
        type,
        JobState.RUNNING,
        progress,
        stage,
        createdAt,
        at,
        null,
        null,
        null,
        correlationId,
        owner);
  }

  /**
   * The job's progress and stage changed.
   *
   * @param newProgress between 0 and 1; values out of range are clamped
   * @param newStage the current stage, or {@code null}
   * @return the new snapshot
   */
  public Job progressed(double newProgress, String newStage) {
    double clamped =
        Double.isNaN(newProgress) ? progress : Math.max(0.0, Math.min(1.0, newProgress));
    return new Job(
        id,
        tenant,
        type,
        state,
        clamped,
        newStage,
        createdAt,
        startedAt,
        finishedAt,
        result,
        error,
        correlationId,
        owner);
  }

  /**
   * The job succeeded.
   *
   * @param at when it finished
   * @param jobResult its result
   * @return the new snapshot
   */
  public Job succeeded(Instant at, Map<String, Object> jobResult) {
    requireTransition(JobState.SUCCEEDED);
    return new Job(
        id,
        tenant,
        type,
        JobState.SUCCEEDED,
        1.0,
        null,
        createdAt,
        startedAt,
        at,
        jobResult,
        null,
        correlationId,
        owner);
  }

  /**
   * The job failed.
   *
   * @param at when it failed
   * @param why why
   * @return the new snapshot
   */
  public Job failed(Instant at, JobError why) {
    requireTransition(JobState.FAILED);
    return new Job(
        id,
        tenant,
        type,
        JobState.FAILED,
        progress,
        stage,
        createdAt,
        startedAt,
        at,
        null,
        why,
        correlationId,
        owner);
  }

  /**
   * The job was cancelled.
   *
   * @param at when
   * @param why the cancellation's description
   * @return the new snapshot
   */
  public Job cancelled(Instant at, JobError why) {
    requireTransition(JobState.CANCELLED);
    return new Job(
        id,
        tenant,
        type,
        JobState.CANCELLED,
        progress,
        stage,
        createdAt,
        startedAt,
        at,
        null,
        why,
        correlationId,
        owner);
  }

  private void requireTransition(JobState next) {
    if (!state.canMoveTo(next)) {
      throw new IllegalStateException("Job " + id + " cannot move from " + state + " to " + next);
    }
  }
}
