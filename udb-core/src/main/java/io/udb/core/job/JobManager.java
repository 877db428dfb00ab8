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
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
  private static final JobError SHUT_DOWN_BEFORE_START =
      new JobError(
          ErrorCode.JOB_CANCELLED, "UDB shut down before the job started; submit it again", null);

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
   * Renews the leases of this node's unfinished jobs in the store, telling the other nodes that
   * share it that this node is alive.
   *
   * @return how many jobs were renewed
   */
  public int renewLeases() {
    return store.renewLeases(nodeId, clock.instant());
  }

  /**
   * Settles the unfinished jobs of any node whose lease ran out: their node stopped renewing, so it
   * died. They are marked {@code FAILED} with {@code JOB_ABANDONED}, announced and counted like any
   * other failure. Safe to run on several nodes at once.
   *
   * @param lease how long a job stays unfinished after its last renewal
   * @return the jobs settled by this call
   */
  public List<Job> reclaimExpired(Duration lease) {
    return reclaimExpired(lease, job -> Optional.empty());
  }

  /**
   * Settles the jobs of expired leases as {@link #reclaimExpired(Duration)} does, then submits
   * again, on this node, each one for which {@code retry} gives a body: a new job of the same
   * tenant, type and correlation id.
   *
   * @param lease how long a job stays unfinished after its last renewal
   * @param retry the body to run again for an abandoned job, or empty to leave it failed
   * @return the jobs settled by this call
   */
  public List<Job> reclaimExpired(
      Duration lease, java.util.function.Function<Job, Optional<JobBody>> retry) {
    Instant now = clock.instant();
    List<Job> settled =
        store.failExpired(
            now.minus(lease),
            new JobError(
                ErrorCode.JOB_ABANDONED,
                "The node running this job stopped renewing its lease (it died or lost the job"
                    + " store); start the job again",
                null),
            now);
    for (Job job : settled) {
      LOG.warn(
          "Job {} of tenant {} on node {} abandoned: its lease expired",
          job.id(),
          job.tenant(),
          job.owner());
      metrics.count(
          MetricNames.JOBS,
          1,
          "type",
          job.type().name(),
          "state",
          JobState.FAILED.name(),
          "tenant",
          job.tenant().value());
      notifyTransitioned(job, job.startedAt() == null ? JobState.CREATED : JobState.RUNNING);
      Optional<JobBody> again;
      try {
        again = retry.apply(job);
      } catch (RuntimeException e) {
        LOG.warn("The abandoned-job policy failed for job {}; it stays failed", job.id(), e);
        again = Optional.empty();
      }
      if (again.isPresent()) {
        try {
          Job retried = submit(job.tenant(), job.type(), again.get(), job.correlationId());
          LOG.info("Abandoned job {} started again as job {}", job.id(), retried.id());
        } catch (UdbException e) {
          LOG.warn("Abandoned job {} could not be started again: {}", job.id(), e.getMessage());
        }
      }
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
    Job job = Job.created(JobId.random(), tenant, type, clock.instant(), correlationId, nodeId);
    RunningJob running = new RunningJob(job, body);
    boolean holdsSlot;
    synchronized (lanes) {
      if (closed) {
        throw new UdbException(ErrorCode.UNAVAILABLE, "The job manager is shut down");
      }
      Lane lane = lanes.computeIfAbsent(tenant, t -> new Lane());
      if (lane.slots.size() < limits.maxConcurrentPerTenant()) {
        lane.slots.add(running);
        holdsSlot = true;
      } else if (lane.queued.size() + lane.pending < limits.maxQueuedPerTenant()) {
        // Reserved, not yet queued: a job becomes startable only after it is saved and announced,
        // so that its CREATED snapshot and event can never follow its later ones.
        lane.pending++;
        holdsSlot = false;
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
    try {
      store.save(job);
    } catch (RuntimeException e) {
      withdraw(running, holdsSlot);
      throw e;
    }
    notifyCreated(job);
    if (holdsSlot) {
      dispatch(running);
      return job;
    }
    boolean startNow = false;
    boolean shutDown = false;
    synchronized (lanes) {
      Lane lane = lanes.get(tenant);
      lane.pending--;
      if (closed) {
        shutDown = true;
        removeIfIdle(tenant, lane);
      } else if (lane.slots.size() < limits.maxConcurrentPerTenant()) {
        lane.slots.add(running);
        startNow = true;
      } else {
        lane.queued.addLast(running);
      }
    }
    if (startNow) {
      dispatch(running);
    } else if (shutDown) {
      finish(running, Outcome.CANCELLED, null, SHUT_DOWN_BEFORE_START);
    }
    return job;
  }

  /** Takes back a job whose CREATED snapshot could not be saved: it never existed. */
  private void withdraw(RunningJob running, boolean holdsSlot) {
    TenantId tenant = running.snapshot().tenant();
    active.remove(running.snapshot().id());
    RunningJob following = null;
    synchronized (lanes) {
      Lane lane = lanes.get(tenant);
      if (holdsSlot) {
        following = release(lane, running);
      } else {
        lane.pending--;
      }
      removeIfIdle(tenant, lane);
    }
    if (following != null) {
      dispatch(following);
    }
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
   * Requests cancellation. A job waiting in its tenant's queue is cancelled at once; one already
   * handed to a busy worker pool is cancelled, without running, when a worker picks it up; a
   * running one at its next cancellation check (its thread is also interrupted). Cancelling a
   * finished job changes nothing.
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
      finish(running, Outcome.CANCELLED, null, cancelledError(null, running));
    }
    return running.snapshot();
  }

  private void dispatch(RunningJob running) {
    try {
      running.future = workers.submit(() -> execute(running));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      finish(running, Outcome.CANCELLED, null, SHUT_DOWN_BEFORE_START);
    }
  }

  private void execute(RunningJob running) {
    Job job = running.snapshot();
    Map<String, String> outerMdc = MDC.getCopyOfContextMap();
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
    Job terminal = null;
    try (Scope ignored = span.makeCurrent()) {
      if (running.cancelRequested()) {
        terminal = settle(running, Outcome.CANCELLED, null, cancelledError(null, running));
        return;
      }
      transition(running, running.snapshot().started(clock.instant()));
      LOG.info("Job {} ({}) started", job.id(), job.type());
      DefaultJobContext context = new DefaultJobContext(running, this);
      Map<String, Object> result = running.body.run(context);
      if (running.cancelRequested()) {
        terminal = settle(running, Outcome.CANCELLED, null, cancelledError(null, running));
      } else {
        terminal = settle(running, Outcome.SUCCEEDED, result == null ? Map.of() : result, null);
      }
    } catch (Throwable failure) {
      if (failure instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      if (running.cancelRequested()
          || failure instanceof UdbException u && u.code() == ErrorCode.JOB_CANCELLED) {
        terminal = settle(running, Outcome.CANCELLED, null, cancelledError(failure, running));
      } else {
        span.recordException(failure);
        span.setStatus(StatusCode.ERROR);
        terminal =
            settle(running, Outcome.FAILED, null, errorOf(failure, running.stageOf(failure)));
        if (failure instanceof Error error && !(failure instanceof AssertionError)) {
          throw error;
        }
      }
    } finally {
      running.thread = null;
      Thread.interrupted();
      span.setAttribute("udb.job.state", running.snapshot().state().name());
      span.end();
      // Restore rather than remove our keys: a body may have left keys of its own behind, and
      // this pooled thread runs other tenants' jobs next.
      if (outerMdc == null) {
        MDC.clear();
      } else {
        MDC.setContextMap(outerMdc);
      }
      // Waiters wake last, when the job's slot, span and log context are all settled.
      if (terminal != null) {
        running.done.complete(terminal);
      }
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

  private static JobError cancelledError(Throwable failure, RunningJob running) {
    return new JobError(
        ErrorCode.JOB_CANCELLED,
        "The job was cancelled on request",
        failure == null ? null : running.stageOf(failure));
  }

  private enum Outcome {
    SUCCEEDED,
    FAILED,
    CANCELLED
  }

  /** Settles a job and wakes its waiters at once; for jobs not on a worker thread. */
  private void finish(
      RunningJob running, Outcome outcome, Map<String, Object> result, JobError error) {
    Job terminal = settle(running, outcome, result, error);
    if (terminal != null) {
      running.done.complete(terminal);
    }
  }

  /**
   * Moves a job to its terminal state, records it and gives back its tenant slot; the caller then
   * completes {@code done}. Returns {@code null} when the job was already settled.
   */
  private Job settle(
      RunningJob running, Outcome outcome, Map<String, Object> result, JobError error) {
    if (!running.finishing.compareAndSet(false, true)) {
      return null;
    }
    Job current = running.snapshot();
    Instant now = clock.instant();
    Job next =
        switch (outcome) {
          case SUCCEEDED -> current.succeeded(now, result);
          case FAILED -> current.failed(now, error);
          case CANCELLED -> current.cancelled(now, error);
        };
    try {
      transition(running, next);
    } catch (RuntimeException e) {
      // The job is over whether or not the store took its last snapshot; a job left unfinished
      // in the store is settled by recoverAbandoned() on the next start. Its slot must still be
      // given back and its waiters woken, and observers told: they hold resources of their own
      // until a job ends (the tenant's concurrent-job quota slot).
      running.update(next);
      LOG.error(
          "Could not record that job {} ({}) ended {}", next.id(), next.type(), next.state(), e);
      notifyTransitioned(next, current.state());
    }
    metrics.count(
        MetricNames.JOBS,
        1,
        "type",
        next.type().name(),
        "state",
        next.state().name(),
        "tenant",
        next.tenant().value());
    next.duration(now)
        .ifPresent(d -> metrics.time(MetricNames.JOB_DURATION, d, "type", next.type().name()));
    LOG.info("Job {} ({}) {}", next.id(), next.type(), next.state());
    active.remove(next.id());
    RunningJob following = null;
    synchronized (lanes) {
      Lane lane = lanes.get(next.tenant());
      if (lane != null) {
        following = release(lane, running);
        removeIfIdle(next.tenant(), lane);
      }
    }
    if (following != null) {
      dispatch(following);
    }
    return next;
  }

  /**
   * Gives back the slot a job holds, if any (it holds one from dispatch on, whether or not it ever
   * started), and hands it to the next waiting job. Call with {@code lanes} held.
   *
   * @return the job to dispatch, or {@code null}
   */
  private RunningJob release(Lane lane, RunningJob running) {
    if (!lane.slots.remove(running) || closed) {
      return null;
    }
    RunningJob following = lane.queued.pollFirst();
    if (following != null) {
      lane.slots.add(following);
    }
    return following;
  }

  private void removeIfIdle(TenantId tenant, Lane lane) {
    if (lane.slots.isEmpty() && lane.queued.isEmpty() && lane.pending == 0) {
      lanes.remove(tenant);
    }
  }

  void transition(RunningJob running, Job next) {
    JobState from = running.snapshot().state();
    running.update(next);
    store.save(next);
    if (from != next.state()) {
      notifyTransitioned(next, from);
    }
  }

  private void notifyTransitioned(Job next, JobState from) {
    try {
      observer.transitioned(next, from);
    } catch (RuntimeException e) {
      LOG.warn("Job observer failed on job {} moving to {}", next.id(), next.state(), e);
    }
  }

  // An observer (events) reports on jobs; its failure must not change what happens to them.
  private void notifyCreated(Job job) {
    try {
      observer.created(job);
    } catch (RuntimeException e) {
      LOG.warn("Job observer failed on creation of job {}", job.id(), e);
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
   * Stops accepting jobs, cancels the waiting ones at once and the running ones at their next
   * cancellation check (their threads are interrupted), and waits up to 10 s for them to stop. A
   * job whose body ignores cancellation stays {@code RUNNING} in the store and is recorded as
   * FAILED by {@link #recoverAbandoned()} on the next start. Calling it again does nothing more.
   */
  @Override
  public void close() {
    List<RunningJob> waiting = new ArrayList<>();
    synchronized (lanes) {
      closed = true;
      for (Lane lane : lanes.values()) {
        waiting.addAll(lane.queued);
        lane.queued.clear();
      }
      lanes.values().removeIf(lane -> lane.slots.isEmpty() && lane.pending == 0);
    }
    for (RunningJob running : waiting) {
      finish(running, Outcome.CANCELLED, null, SHUT_DOWN_BEFORE_START);
    }
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
    // Dispatched jobs that no worker picked up were dropped by shutdownNow(): settle them too.
    for (RunningJob running : active.values()) {
      if (running.snapshot().state() == JobState.CREATED && running.thread == null) {
        finish(running, Outcome.CANCELLED, null, SHUT_DOWN_BEFORE_START);
      }
    }
  }

  /** A tenant's jobs holding a slot, waiting in its queue, or reserved while being saved. */
  private static final class Lane {
    private final Set<RunningJob> slots = new HashSet<>();
    private final ArrayDeque<RunningJob> queued = new ArrayDeque<>();
    private int pending;
  }
}
