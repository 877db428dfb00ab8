package io.udb.core.job;

import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

/** The live state of one accepted job. */
final class RunningJob {
  final JobBody body;
  final CompletableFuture<Job> done = new CompletableFuture<>();
  final AtomicBoolean finishing = new AtomicBoolean();
  private final AtomicBoolean cancel = new AtomicBoolean();
  private volatile Job snapshot;
  private volatile StageFailure stageFailure;
  volatile Future<?> future;
  volatile Thread thread;

  RunningJob(Job snapshot, JobBody body) {
    this.snapshot = snapshot;
    this.body = body;
  }

  Job snapshot() {
    return snapshot;
  }

  void update(Job next) {
    snapshot = next;
  }

  boolean cancelRequested() {
    return cancel.get();
  }

  void requestCancel() {
    if (cancel.compareAndSet(false, true)) {
      Thread running = thread;
      if (running != null) {
        running.interrupt();
      }
    }
  }

  /**
   * The stage a failure escaped from: the innermost stage that saw this very throwable (or one it
   * wraps) fail, or {@code null} when it was raised outside every stage. A stage failure the body
   * caught and recovered from is not blamed for a later, unrelated failure.
   */
  String stageOf(Throwable failure) {
    StageFailure last = stageFailure;
    return last != null && causedBy(failure, last.failure()) ? last.stage() : null;
  }

  /**
   * Records that a stage ended with a failure; an enclosing stage rethrowing it keeps the inner.
   */
  void stageFailed(String stage, Throwable failure) {
    StageFailure last = stageFailure;
    if (last == null || !causedBy(failure, last.failure())) {
      stageFailure = new StageFailure(stage, failure);
    }
  }

  private static boolean causedBy(Throwable failure, Throwable origin) {
    int depth = 0;
    for (Throwable t = failure; t != null && depth < 64; t = t.getCause(), depth++) {
      if (t == origin) {
        return true;
      }
    }
    return false;
  }

  private record StageFailure(String stage, Throwable failure) {}
}
