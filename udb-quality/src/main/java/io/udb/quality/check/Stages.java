package io.udb.quality.check;

import io.udb.api.job.JobContext;
import java.util.function.Supplier;

/**
 * Runs the steps of a quality run as stages of its job (traced, timed, cancellable), or plainly
 * when the run has no job.
 */
final class Stages {
  private final JobContext context;

  private Stages(JobContext context) {
    this.context = context;
  }

  static Stages of(JobContext context) {
    return new Stages(context);
  }

  static Stages none() {
    return new Stages(null);
  }

  /** The job's id, or null without a job. */
  String jobId() {
    return context == null ? null : context.jobId().value();
  }

  /**
   * Runs one stage.
   *
   * @param name the stage name
   * @param progressAfter the job's progress once the stage is done
   * @param work the work
   * @param <T> the result type
   * @return the result
   */
  <T> T run(String name, double progressAfter, Supplier<T> work) {
    if (context == null) {
      return work.get();
    }
    context.throwIfCancelled();
    T result = context.stage(name, work);
    context.progress(progressAfter);
    return result;
  }
}
