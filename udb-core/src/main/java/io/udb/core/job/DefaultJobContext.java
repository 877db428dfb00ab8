package io.udb.core.job;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.job.Job;
import io.udb.api.job.JobContext;
import io.udb.core.observe.MetricNames;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.function.Supplier;
import org.slf4j.MDC;

/** The context a job body sees; used from the job's own thread. */
final class DefaultJobContext implements JobContext {
  private static final long PROGRESS_SAVE_INTERVAL_NANOS = Duration.ofMillis(200).toNanos();

  private final RunningJob running;
  private final JobManager manager;
  private String currentStage;
  private long lastSavedNanos;

  DefaultJobContext(RunningJob running, JobManager manager) {
    this.running = running;
    this.manager = manager;
  }

  @Override
  public JobId jobId() {
    return running.snapshot().id();
  }

  @Override
  public TenantId tenant() {
    return running.snapshot().tenant();
  }

  @Override
  public String correlationId() {
    return running.snapshot().correlationId();
  }

  @Override
  public void progress(double fraction) {
    Job next = running.snapshot().progressed(fraction, currentStage);
    long now = System.nanoTime();
    if (now - lastSavedNanos >= PROGRESS_SAVE_INTERVAL_NANOS || fraction >= 1.0) {
      lastSavedNanos = now;
      manager.saveProgress(running, next);
    } else {
      running.update(next);
    }
  }

  @Override
  public <T> T stage(String name, Supplier<T> work) {
    throwIfCancelled();
    String outer = currentStage;
    currentStage = name;
    manager.saveProgress(
        running, running.snapshot().progressed(running.snapshot().progress(), name));
    Job job = running.snapshot();
    Span span =
        manager
            .tracer()
            .spanBuilder("udb.stage " + name)
            .setAttribute("udb.tenant", job.tenant().value())
            .setAttribute("udb.job.id", job.id().value())
            .setAttribute("udb.job.type", job.type().name())
            .setAttribute("udb.stage", name)
            .startSpan();
    MDC.put("stage", name);
    long start = System.nanoTime();
    String outcome = "failed";
    try (Scope ignored = span.makeCurrent()) {
      T result = work.get();
      outcome = "ok";
      return result;
    } catch (RuntimeException | Error e) {
      running.stageFailed(name, e);
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      throw e;
    } finally {
      span.end();
      manager
          .metrics()
          .time(
              MetricNames.STAGE_DURATION,
              Duration.ofNanos(System.nanoTime() - start),
              "type",
              job.type().name(),
              "stage",
              name,
              "outcome",
              outcome);
      currentStage = outer;
      if (outer == null) {
        MDC.remove("stage");
      } else {
        MDC.put("stage", outer);
      }
    }
  }

  @Override
  public ArtifactInfo writeArtifact(String name, String contentType, byte[] content) {
    Job job = running.snapshot();
    return manager
        .artifacts()
        .put(
            job.tenant(),
            job.id(),
            ArtifactName.of(name),
            contentType,
            new ByteArrayInputStream(content));
  }

  @Override
  public boolean isCancelled() {
    return running.cancelRequested();
  }

  @Override
  public void throwIfCancelled() {
    if (running.cancelRequested()) {
      throw new UdbException(ErrorCode.JOB_CANCELLED, "The job was cancelled on request");
    }
  }
}
