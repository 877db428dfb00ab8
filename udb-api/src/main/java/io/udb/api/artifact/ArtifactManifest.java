package io.udb.api.artifact;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import java.util.List;
import java.util.Objects;

/**
 * The list of a job's artifacts, in the order they were written.
 *
 * @param tenant the tenant
 * @param jobId the job
 * @param artifacts the artifacts
 */
public record ArtifactManifest(TenantId tenant, JobId jobId, List<ArtifactInfo> artifacts) {
  /** Validates and copies. */
  public ArtifactManifest {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(jobId, "jobId");
    artifacts = List.copyOf(artifacts);
  }
}
