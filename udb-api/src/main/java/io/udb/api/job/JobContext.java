package io.udb.api.job;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactInfo;
import java.util.function.Supplier;

/**
 * What a running job's body sees: its identity, a way to report progress and stages, artifact
 * output and cooperative cancellation.
 *
 * <p>Methods may be called from the job's thread only, unless stated otherwise.
 */
public interface JobContext {

  /** The job's id. */
  JobId jobId();

  /** The job's tenant. */
  TenantId tenant();

  /** The correlation id shared by the job's events, logs and traces. */
  String correlationId();

  /**
   * Reports progress between 0 and 1 of the whole job.
   *
   * @param fraction completed fraction
   */
  void progress(double fraction);

  /**
   * Runs one named stage: traced, timed and logged; a failure inside names this stage.
   *
   * @param name the stage name, e.g. {@code profile}
   * @param work the stage's work
   * @param <T> the result type
   * @return the stage's result
   */
  <T> T stage(String name, Supplier<T> work);

  /**
   * Writes an artifact of this job atomically.
   *
   * @param name the artifact's file name, e.g. {@code profile.html}
   * @param contentType its media type
   * @param content its bytes
   * @return what was stored
   */
  ArtifactInfo writeArtifact(String name, String contentType, byte[] content);

  /** Whether cancellation was requested. Safe from any thread. */
  boolean isCancelled();

  /**
   * Throws {@link io.udb.api.UdbException} with {@link io.udb.api.ErrorCode#JOB_CANCELLED} when
   * cancellation was requested; long-running bodies call it between units of work.
   */
  void throwIfCancelled();
}
