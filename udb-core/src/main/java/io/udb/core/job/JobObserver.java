package io.udb.core.job;

import io.udb.api.job.Job;
import io.udb.api.job.JobState;

/** Told of every job creation and state transition, after the store has the new snapshot. */
public interface JobObserver {

  /**
   * A job was accepted.
   *
   * @param job the new job
   */
  void created(Job job);

  /**
   * A job changed state.
   *
   * @param job the new snapshot
   * @param from the previous state
   */
  void transitioned(Job job, JobState from);
}
