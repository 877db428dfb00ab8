package io.udb.quality.profile;

import io.udb.api.job.JobContext;
import java.util.function.Supplier;

/** Runs the named stages of a profile: directly, or as stages of a job with progress. */
interface StageRunner {

  /**
   * Runs one stage.
   *
   * @param name the stage name
   * @param work the work
   * @param <T> the result type
   * @return the result
   */
  <T> T stage(String name, Supplier<T> work);

  /**
   * Reports progress of the whole run.
   *
   * @param fraction between 0 and 1
   */
  void progress(double fraction);

  /** Runs stages in the calling thread without reporting anything. */
  static StageRunner direct() {
    return new StageRunner() {
      @Override
      public <T> T stage(String name, Supplier<T> work) {
        return work.get();
      }

      @Override
      public void progress(double fraction) {}
    };
  }

  /**
   * Runs stages as stages of a job, which traces and times them and stops at cancellation.
   *
   * @param context the job's context
   * @param from the job progress at the first stage
   * @param to the job progress after the last stage
   * @return the runner
   */
  static StageRunner of(JobContext context, double from, double to) {
    return new StageRunner() {
      @Override
      public <T> T stage(String name, Supplier<T> work) {
        context.throwIfCancelled();
        return context.stage(name, work);
      }

      @Override
      public void progress(double fraction) {
        context.progress(from + (to - from) * fraction);
      }
    };
  }
}
