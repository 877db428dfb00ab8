package io.udb.core.job;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobType;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Runs jobs asynchronously with the lifecycle {@code CREATED → RUNNING → SUCCEEDED | FAILED |
 * CANCELLED}: bounded concurrency overall and per tenant, a bounded queue per tenant, cooperative
 * cancellation, a span per job and stage, metrics and MDC ({@code tenant}, {@code jobId}, {@code
 * correlationId}) on every log line written while a job runs.
 *
 * <p>Thread-safe.
 */
public final class JobManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(JobManager.class);

  private final JobStore store;
  private final JobObserver observer;
  private final ArtifactStore artifacts;
  private final Tracer tracer;
  private final UdbMetrics metrics;
  private final Clock clock;
  private final String nodeId;
  private final JobLimits limits;
  private final ExecutorService workers;
  private final Map<JobId, RunningJob> active = new ConcurrentHashMap<>();
  private final Map<TenantId, Lane> lanes = new HashMap<>();
  private volatile boolean closed;

  /**
   * Creates a manager.
   *
   * @param store where snapshots are kept
   * @param observer told of creations and transitions (events)
   * @param artifacts where job bodies write artifacts
   * @param tracer the OpenTelemetry tracer
   * @param metrics where measurements go
   * @param clock the clock for timestamps
   * @param nodeId this node's id, recorded as the owner of its jobs
   * @param limits concurrency limits
   */
  public JobManager(
      JobStore store,
      JobObserver observer,
      ArtifactStore artifacts,
      Tracer tracer,
      UdbMetrics metrics,
      Clock clock,
      String nodeId,
      JobLimits limits) {
    this.store = Objects.requireNonNull(store, "store");
    this.observer = Objects.requireNonNull(observer, "observer");
    this.artifacts = Objects.requireNonNull(artifacts, "artifacts");
    this.tracer = Objects.requireNonNull(tracer, "tracer");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nodeId = Objects.requireNonNull(nodeId, "nodeId");
    this.limits = Objects.requireNonNull(limits, "limits");
    AtomicInteger threadNumber = new AtomicInteger();
    this.workers =
        Executors.newFixedThreadPool(
            limits.maxConcurrentJobs(),
            r -> {
              Thread thread = new Thread(r, "udb-job-" + threadNumber.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Settles the jobs a previous process of this node left unfinished: they are marked {@code
   * FAILED} with {@code JOB_ABANDONED}.
   *
   * @return how many were settled
   */
  public int recoverAbandoned() {
    int settled =
        store.failUnfinished(
            nodeId,
            new JobError(
                ErrorCode.JOB_ABANDONED,
                "The process running this job stopped before it finished; start it again",
                null),
            clock.instant());
    if (settled > 0) {
      LOG.warn("Marked {} unfinished jobs of node {} as FAILED", settled, nodeId);
    }
    return settled;
  }

  /**
   * Accepts a job; it runs when its tenant has a free slot.
   *
   * @param tenant the tenant
   * @param type the job type
   * @param body the work
   * @return the created job
   * @throws UdbException with {@code JOB_REJECTED} when the tenant's queue is full, {@code
   *     UNAVAILABLE} after {@link #close()}
   */
  public Job submit(TenantId tenant, JobType type, JobBody body) {
    return submit(tenant, type, body, UUID.randomUUID().toString());
  }

  /**
   * Accepts a job with a given correlation id.
   *
   * @param tenant the tenant
   * @param type the job type
   * @param body the work
   * @param correlationId links the job's events, logs and traces to the caller's request
   * @return the created job
   */
  public Job submit(TenantId tenant, JobType type, JobBody body, String correlationId) {
    Objects.requireNonNull(body, "body");
    if (closed) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "The job manager is shut down");
    }
    Job job = Job.created(JobId.random(), tenant, type, clock.instant(), correlationId, nodeId);
    RunningJob running = new RunningJob(job, body);
    boolean startNow;
    synchronized (lanes) {
      Lane lane = lanes.computeIfAbsent(tenant, t -> new Lane());
      if (lane.running < limits.maxConcurrentPerTenant()) {
        lane.running++;
        startNow = true;
      } else if (lane.queued.size() < limits.maxQueuedPerTenant()) {
        lane.queued.addLast(running);
        startNow = false;
      } else {
        metrics.count(
            MetricNames.JOBS,
            1,
            "type",
            type.name(),
            "state",
            "REJECTED",
            "tenant",
            tenant.value());
        throw new UdbException(
            ErrorCode.JOB_REJECTED,
            "Tenant "
                + tenant
                + " already has "
                + limits.maxQueuedPerTenant()
                + " jobs waiting; retry later");
      }
      active.put(job.id(), running);
    }
    store.save(job);
    observer.created(job);
    if (startNow) {
      dispatch(running);
    }
    return job;
  }

  /**
   * The current snapshot of a job of the tenant.
   *
   * @param tenant the tenant
   * @param id the job
   * @return the job
   * @throws NotFoundException with {@code JOB_NOT_FOUND} when it does not exist in that tenant
   */
  public Job get(TenantId tenant, JobId id) {
    RunningJob running = active.get(id);
    if (running != null && running.snapshot().tenant().equals(tenant)) {
      return running.snapshot();
    }
    return store.find(tenant, id).orElseThrow(() -> notFound(id));
  }

  /**
   * The tenant's recent jobs, newest first.
   *
   * @param tenant the tenant
   * @param limit the most to return
   * @return the jobs
   */
  public List<Job> list(TenantId tenant, int limit) {
    return store.list(tenant, limit);
  }

  /**
   * Waits until the job has finished or the timeout passes.
   *
   * @param tenant the tenant
   * @param id the job
   * @param timeout how long to wait
   * @return the latest snapshot, terminal unless the timeout passed
   */
  public Job await(TenantId tenant, JobId id, Duration timeout) {
    RunningJob running = active.get(id);
    if (running == null || !running.snapshot().tenant().equals(tenant)) {
      return get(tenant, id);
    }
    try {
      return running.done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      return running.snapshot();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return running.snapshot();
    } catch (ExecutionException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Waiting for job " + id + " failed", e);
    }
  }

  /**
   * Requests cancellation. A waiting job is cancelled at once; a running one at its next
   * cancellation check (its thread is also interrupted). Cancelling a finished job changes nothing.
   *
   * @param tenant the tenant
   * @param id the job
   * @return the snapshot after the request
   */
  public Job cancel(TenantId tenant, JobId id) {
    RunningJob running = active.get(id);
    if (running == null || !running.snapshot().tenant().equals(tenant)) {
      return get(tenant, id);
    }
    running.requestCancel();
    boolean wasQueued;
    synchronized (lanes) {
      Lane lane = lanes.get(tenant);
      wasQueued = lane != null && lane.queued.remove(running);
    }
    if (wasQueued) {
      finish(running, Outcome.CANCELLED, null, null);
    }
    return running.snapshot();
  }

  private void dispatch(RunningJob running) {
    try {
      running.future = workers.submit(() -> execute(running));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      finish(
          running,
          Outcome.FAILED,
          null,
          new JobError(ErrorCode.UNAVAILABLE, "The job manager is shut down", null));
    }
  }

  private void execute(RunningJob running) {
    Job job = running.snapshot();
    MDC.put("tenant", job.tenant().value());
    MDC.put("jobId", job.id().value());
    MDC.put("correlationId", job.correlationId());
    Span span =
        tracer
            .spanBuilder("udb.job " + job.type().name())
            .setAttribute("udb.tenant", job.tenant().value())
            .setAttribute("udb.job.id", job.id().value())
            .setAttribute("udb.job.type", job.type().name())
            .setAttribute("udb.correlation_id", job.correlationId())
            .startSpan();
    running.thread = Thread.currentThread();
    try (Scope ignored = span.makeCurrent()) {
      if (running.cancelRequested()) {
        finish(running, Outcome.CANCELLED, null, null);
        return;
      }
      transition(running, running.snapshot().started(clock.instant()));
      LOG.info("Job {} ({}) started", job.id(), job.type());
      DefaultJobContext context = new DefaultJobContext(running, this);
      Map<String, Object> result = running.body.run(context);
      if (running.cancelRequested()) {
        finish(running, Outcome.CANCELLED, null, null);
      } else {
        finish(running, Outcome.SUCCEEDED, result == null ? Map.of() : result, null);
      }
    } catch (Throwable failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (running.cancelRequested()
          || failure instanceof UdbException u && u.code() == ErrorCode.JOB_CANCELLED) {
        finish(running, Outcome.CANCELLED, null, null);
      } else {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
        finish(running, Outcome.FAILED, null, errorOf(failure, running.failedStage()));
        if (failure instanceof Error error && !(failure instanceof AssertionError)) {
          throw error;
        }
      }
    } finally {
      running.thread = null;
      Thread.interrupted();
      span.setAttribute("udb.job.state", running.snapshot().state().name());
      span.end();
      MDC.remove("tenant");
      MDC.remove("jobId");
      MDC.remove("correlationId");
    }
  }

  private JobError errorOf(Throwable failure, String stage) {
    Throwable cause = failure;
    if (cause instanceof UdbException udb) {
      LOG.warn(
          "Job failed in stage {}: {} {}", stage, udb.code(), udb.getMessage(), udb.getCause());
      return new JobError(udb.code(), udb.getMessage(), stage);
    }
    LOG.error("Job failed unexpectedly in stage {}", stage, cause);
    return new JobError(
        ErrorCode.JOB_FAILED,
        "Unexpected failure ("
            + cause.getClass().getSimpleName()
            + (stage == null ? "" : " in stage " + stage)
            + "); the server log has details under the job's correlation id",
        stage);
  }

  private enum Outcome {
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  private void finish(
      RunningJob running, Outcome outcome, Map<String, Object> result, JobError error) {
    if (!running.finishing.compareAndSet(false, true)) {
      return;
    }
    Job current = running.snapshot();
    Job next =
        switch (outcome) {
          case SUCCEEDED -> current.succeeded(clock.instant(), result);
          case FAILED -> current.failed(clock.instant(), error);
          case CANCELLED ->
              current.cancelled(
                  clock.instant(),
                  new JobError(
                      ErrorCode.JOB_CANCELLED,
                      "The job was cancelled on request",
                      running.failedStage()));
        };
    transition(running, next);
    boolean started = current.state() == JobState.RUNNING;
    metrics.count(
        MetricNames.JOBS,
        1,
        "type",
        next.type().name(),
        "state",
        next.state().name(),
        "tenant",
        next.tenant().value());
    next.duration(clock.instant())
        .ifPresent(d -> metrics.time(MetricNames.JOB_DURATION, d, "type", next.type().name()));
    LOG.info("Job {} ({}) {}", next.id(), next.type(), next.state());
    active.remove(next.id());
    running.done.complete(next);
    RunningJob following = null;
    synchronized (lanes) {
      Lane lane = lanes.get(next.tenant());
      if (lane != null && started) {
        lane.running--;
        following = lane.queued.pollFirst();
        if (following != null) {
          lane.running++;
        }
      }
      if (lane != null && lane.running == 0 && lane.queued.isEmpty()) {
        lanes.remove(next.tenant());
      }
    }
    if (following != null) {
      dispatch(following);
    }
  }

  void transition(RunningJob running, Job next) {
    JobState from = running.snapshot().state();
    running.update(next);
    store.save(next);
    if (from != next.state()) {
      observer.transitioned(next, from);
    }
  }

  void saveProgress(RunningJob running, Job next) {
    running.update(next);
    store.save(next);
  }

  Tracer tracer() {
    return tracer;
  }

  UdbMetrics metrics() {
    return metrics;
  }

  ArtifactStore artifacts() {
    return artifacts;
  }

  private static NotFoundException notFound(JobId id) {
    return new NotFoundException(ErrorCode.JOB_NOT_FOUND, "Job " + id + " does not exist");
  }

  /** The number of jobs accepted and not yet finished. */
  public int activeCount() {
    return active.size();
  }

  /** Looks up a running job of the tenant, for tests and diagnostics. */
  Optional<RunningJob> running(TenantId tenant, JobId id) {
    return Optional.ofNullable(active.get(id)).filter(r -> r.snapshot().tenant().equals(tenant));
  }

  /**
   * Stops accepting jobs, cancels the running ones and waits briefly for them to stop. Jobs still
   * unfinished are recorded as FAILED by {@link #recoverAbandoned()} on the next start.
   */
  @Override
  public void close() {
    closed = true;
    for (RunningJob running : active.values()) {
      running.requestCancel();
    }
    workers.shutdownNow();
    try {
      if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
        LOG.warn("{} jobs did not stop within 10 s of shutdown", active.size());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static final class Lane {
    private int running;
    private final ArrayDeque<RunningJob> queued = new ArrayDeque<>();
  }
}
