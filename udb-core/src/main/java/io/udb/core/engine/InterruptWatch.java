package io.udb.core.engine;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Stops a running statement once the thread that runs it is interrupted (a job being cancelled is):
 * engines run statements in native code or on a cluster, which a Java interrupt does not reach. The
 * thread is checked every {@value #CHECK_MILLIS} ms on a scheduler, and the statement stopped at
 * most once. Start the watch on the thread that runs the statement, before it runs, and close it
 * when the statement is done. Thread-safe.
 */
public final class InterruptWatch implements AutoCloseable {
  /** How often the thread is checked for an interrupt. */
  static final long CHECK_MILLIS = 50;

  private final Thread owner;
  private final Runnable stop;
  private final AtomicBoolean stopped = new AtomicBoolean();
  private final ScheduledFuture<?> check;

  private InterruptWatch(ScheduledExecutorService scheduler, Runnable stop) {
    this.owner = Thread.currentThread();
    this.stop = stop;
    ScheduledFuture<?> scheduled;
    try {
      scheduled =
          scheduler.scheduleWithFixedDelay(
              this::stopIfInterrupted, CHECK_MILLIS, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // the engine is closing, which ends its statements too
      scheduled = null;
    }
    this.check = scheduled;
  }

  /**
   * Watches the calling thread.
   *
   * @param scheduler the engine's scheduler, which runs the checks
   * @param stop stops the statement (cancels it on the engine's side); must not throw
   * @return the watch
   */
  public static InterruptWatch start(ScheduledExecutorService scheduler, Runnable stop) {
    return new InterruptWatch(scheduler, stop);
  }

  private void stopIfInterrupted() {
    if (owner.isInterrupted()) {
      stop();
    }
  }

  /**
   * Stops the statement now, unless it was stopped before: for a caller whose wait ended on the
   * interrupt (clearing it) before a check saw it.
   */
  public void stop() {
    if (stopped.compareAndSet(false, true)) {
      stop.run();
    }
  }

  /** Whether the statement was stopped. */
  public boolean stopped() {
    return stopped.get();
  }

  /** Ends the checks; never fails. */
  @Override
  public void close() {
    if (check != null) {
      check.cancel(false);
    }
  }
}
