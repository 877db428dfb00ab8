package io.udb.core.cluster;

import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import java.util.Optional;

/**
 * Decides what happens to a job whose node died. The job itself is always marked {@code FAILED}
 * with {@code JOB_ABANDONED}, so its history stays true; a policy may also start it again on the
 * node that settled it, as a new job of the same tenant, type and correlation id. Job bodies are
 * code, not data, so only the host can say how to run one again.
 */
@FunctionalInterface
public interface AbandonedJobPolicy {

  /** Fail only: the default. */
  AbandonedJobPolicy FAIL = job -> Optional.empty();

  /**
   * The body to run again for an abandoned job.
   *
   * @param abandoned the job as settled ({@code FAILED}, {@code JOB_ABANDONED}, its owner the dead
   *     node)
   * @return the work to submit again, or empty to leave the job failed
   */
  Optional<JobBody> retry(Job abandoned);
}
