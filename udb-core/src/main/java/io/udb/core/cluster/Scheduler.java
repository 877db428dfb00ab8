package io.udb.core.cluster;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs periodic work across the nodes that share a job store. Every {@link ClusterSettings#tick()}
 * each node tries to take or renew the leadership ({@link Coordination#tryLead}); the leader runs
 * each task whose period has begun, after claiming that period ({@link Coordination#claim}), so
 * that a task runs at most once per period across all nodes even while leadership changes hands.
 * When the leader dies, another node takes over when its lease ends; when it closes, at once.
 *
 * <p>{@link #everyNode} registers duties that every node runs for itself (e.g. renewing its job
 * leases). Thread-safe; tasks run one at a time on a thread of their own, and a task still running
 * when its next period begins skips that period.
 */
public final class Scheduler implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);

  private final String node;
  private final Coordination coordination;
  private final ClusterSettings settings;
  private final Clock clock;
  private final UdbMetrics metrics;
  private final Map<String, Task> tasks = new ConcurrentHashMap<>();
  private final Map<String, Duty> duties = new ConcurrentHashMap<>();
  private final ScheduledExecutorService ticker;
  private final ExecutorService runner;
  private final AtomicBoolean started = new AtomicBoolean();
  private volatile boolean leader;
  private volatile boolean closed;

  /**
   * Creates a scheduler; it does nothing until {@link #start()}.
   *
   * @param node this node's id
   * @param coordination what the nodes agree through
   * @param settings timing
   * @param clock the clock
   * @param metrics where task runs are counted
   */
  public Scheduler(
      String node,
      Coordination coordination,
      ClusterSettings settings,
      Clock clock,
      UdbMetrics metrics) {
    this.node = Objects.requireNonNull(node, "node");
    this.coordination = Objects.requireNonNull(coordination, "coordination");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "udb-scheduler-" + node));
    this.runner = Executors.newSingleThreadExecutor(r -> daemon(r, "udb-task-" + node));
  }

  private static Thread daemon(Runnable r, String name) {
    Thread thread = new Thread(r, name);
    thread.setDaemon(true);
    return thread;
  }

  /**
   * Registers a task that runs once per {@code period} on the leading node. Register the same name
   * with the same period on every node, so that whichever leads runs it.
   *
   * @param name a unique name, e.g. {@code udb.retention}
   * @param period how often; at least the tick
   * @param task the work
   * @throws UdbException with {@code INVALID_ARGUMENT} when the name is taken or the period is
   *     shorter than the tick
   */
  public void schedule(String name, Duration period, PeriodicTask task) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(task, "task");
    if (period.compareTo(settings.tick()) < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Task "
              + name
              + " has period "
              + period
              + "; it must be at least the cluster tick ("
              + settings.tick()
              + ")");
    }
    if (tasks.putIfAbsent(name, new Task(name, period.toMillis(), task)) != null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Task " + name + " is already scheduled");
    }
  }

  /**
   * Registers a duty this node runs for itself every {@code every}, whether it leads or not.
   *
   * @param name a unique name
   * @param every how often
   * @param duty the work; exceptions are logged
   */
  public void everyNode(String name, Duration every, Runnable duty) {
    duties.put(name, new Duty(name, every, duty));
  }

  /** Starts ticking; idempotent. */
  public void start() {
    if (started.compareAndSet(false, true)) {
      long tick = settings.tick().toMillis();
      ticker.scheduleWithFixedDelay(this::tick, 0, tick, TimeUnit.MILLISECONDS);
    }
  }

  /** Whether this node led at its latest tick. */
  public boolean isLeader() {
    return leader;
  }

  /** This node's id. */
  public String node() {
    return node;
  }

  /** The coordination this scheduler uses. */
  public Coordination coordination() {
    return coordination;
  }

  private void tick() {
    if (closed) {
      return;
    }
    Instant now = clock.instant();
    for (Duty duty : duties.values()) {
      duty.runIfDue(now);
    }
    boolean leading;
    try {
      leading = coordination.tryLead(node, now, settings.leaderLease());
    } catch (RuntimeException e) {
      // Without the store a node cannot know whether it still leads: it stops acting as leader
      // and retries on the next tick.
      LOG.warn("Node {} cannot reach the coordination store: {}", node, e.getMessage());
      leading = false;
    }
    if (leading != leader) {
      LOG.info("Node {} {} the leader", node, leading ? "is now" : "is no longer");
      leader = leading;
    }
    if (!leading) {
      return;
    }
    for (Task task : tasks.values()) {
      long period = now.toEpochMilli() / task.periodMillis;
      if (period <= task.lastPeriod || task.running.get()) {
        continue;
      }
      boolean claimed;
      try {
        claimed = coordination.claim(task.name, period, node, now);
      } catch (RuntimeException e) {
        LOG.warn("Node {} cannot claim task {}: {}", node, task.name, e.getMessage());
        continue;
      }
      task.lastPeriod = period;
      if (claimed) {
        task.running.set(true);
        runner.execute(() -> task.run(period));
      }
    }
  }

  /** Stops ticking, waits briefly for a running task, and hands the leadership on at once. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    ticker.shutdownNow();
    runner.shutdown();
    try {
      if (!runner.awaitTermination(10, TimeUnit.SECONDS)) {
        runner.shutdownNow();
      }
      ticker.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (leader) {
      try {
        coordination.resign(node);
      } catch (RuntimeException e) {
        LOG.warn("Node {} could not resign as leader: {}", node, e.getMessage());
      }
      leader = false;
    }
  }

  private final class Task {
    final String name;
    final long periodMillis;
    final PeriodicTask work;
    final AtomicBoolean running = new AtomicBoolean();
    volatile long lastPeriod = Long.MIN_VALUE;

    Task(String name, long periodMillis, PeriodicTask work) {
      this.name = name;
      this.periodMillis = periodMillis;
      this.work = work;
    }

    void run(long period) {
      String outcome = "ok";
      try {
        work.run(period);
      } catch (Exception | LinkageError e) {
        outcome = "failed";
        LOG.warn("Scheduled task {} failed on node {} (period {})", name, node, period, e);
      } finally {
        running.set(false);
        metrics.count(MetricNames.SCHEDULER_RUNS, 1, "task", name, "outcome", outcome);
      }
    }
  }

  private final class Duty {
    final String name;
    final Duration every;
    final Runnable work;
    Instant next = Instant.MIN;

    Duty(String name, Duration every, Runnable work) {
      this.name = name;
      this.every = every;
      this.work = work;
    }

    void runIfDue(Instant now) {
      if (now.isBefore(next)) {
        return;
      }
      next = now.plus(every);
      try {
        work.run();
      } catch (RuntimeException e) {
        LOG.warn("Node duty {} failed on node {}: {}", name, node, e.getMessage());
      }
    }
  }
}
