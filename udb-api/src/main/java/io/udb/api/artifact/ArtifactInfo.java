package io.udb.api.artifact;

import java.time.Instant;
import java.util.Objects;

/**
 * What is known of a stored artifact.
 *
 * @param name its name within the job
 * @param contentType its media type
 * @param size its length in bytes
 * @param sha256 the lower-case hex SHA-256 of its bytes
 * @param createdAt when it was written
 */
public record ArtifactInfo(
    ArtifactName name, String contentType, long size, String sha256, Instant createdAt) {
  /** Validates the arguments. */
  public ArtifactInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(createdAt, "createdAt");
  }
}
