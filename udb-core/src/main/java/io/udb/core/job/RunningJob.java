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
  private volatile String failedStage;
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

  String failedStage() {
    return failedStage;
  }

  void stageFailed(String stage) {
    if (failedStage == null) {
      failedStage = stage;
    }
  }
}
