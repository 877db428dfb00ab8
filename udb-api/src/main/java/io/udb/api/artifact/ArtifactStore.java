package io.udb.api.artifact;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import java.io.InputStream;
import java.time.Instant;
import java.util.Optional;

/**
 * Stores the files jobs produce (reports, charts, JSON results), namespaced by tenant and job.
 *
 * <p>Contract: thread-safe; {@link #put} is atomic (readers see the old artifact or the whole new
 * one, never a part) and replaces an artifact of the same name; nothing a caller passes can address
 * a location outside the tenant's namespace; failures throw {@link io.udb.api.UdbException} with
 * {@link io.udb.api.ErrorCode#STORAGE_ERROR}.
 */
public interface ArtifactStore extends AutoCloseable {

  /**
   * Stores an artifact, reading the stream to its end (the caller closes it).
   *
   * @param tenant the tenant
   * @param jobId the job that made it
   * @param name its name
   * @param contentType its media type
   * @param content its bytes
   * @return what was stored, with size and SHA-256
   */
  ArtifactInfo put(
      TenantId tenant, JobId jobId, ArtifactName name, String contentType, InputStream content);

  /**
   * Opens an artifact for reading; the caller closes the stream.
   *
   * @param tenant the tenant
   * @param jobId the job
   * @param name the artifact
   * @return the stream, or empty when there is no such artifact in that tenant
   */
  Optional<InputStream> open(TenantId tenant, JobId jobId, ArtifactName name);

  /**
   * The manifest of a job.
   *
   * @param tenant the tenant
   * @param jobId the job
   * @return the manifest, or empty when the job has no artifacts in that tenant
   */
  Optional<ArtifactManifest> manifest(TenantId tenant, JobId jobId);

  /**
   * Deletes every artifact of a job.
   *
   * @param tenant the tenant
   * @param jobId the job
   * @return whether anything was deleted
   */
  boolean delete(TenantId tenant, JobId jobId);

  /**
   * Deletes the artifacts of every job (of every tenant) whose newest artifact is older than the
   * cutoff.
   *
   * @param cutoff the retention cutoff
   * @return how many jobs' artifacts were deleted
   */
  int pruneOlderThan(Instant cutoff);

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}
