package io.udb.api.job;

import java.util.EnumSet;
import java.util.Set;

/** The lifecycle of a job: {@code CREATED → RUNNING → SUCCEEDED | FAILED | CANCELLED}. */
public enum JobState {
  /** Accepted and waiting to run. */
  CREATED,
  /** Running. */
  RUNNING,
  /** Finished with a result. */
  SUCCEEDED,
  /** Finished with an error. */
  FAILED,
  /** Stopped on request. */
  CANCELLED;

  /** Whether the job has finished. */
  public boolean isTerminal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }

  /**
   * Whether the lifecycle allows moving from this state to {@code next}. A created job may also
   * fail or be cancelled before it starts.
   *
   * @param next the target state
   * @return true when the transition is allowed
   */
  public boolean canMoveTo(JobState next) {
    Set<JobState> allowed =
        switch (this) {
          case CREATED -> EnumSet.of(RUNNING, FAILED, CANCELLED);
          case RUNNING -> EnumSet.of(SUCCEEDED, FAILED, CANCELLED);
          case SUCCEEDED, FAILED, CANCELLED -> EnumSet.noneOf(JobState.class);
        };
    return allowed.contains(next);
  }
}
