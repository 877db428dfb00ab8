package io.udb.core.artifact;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON form of a job's {@code .manifest.json}: the tenant, the job and its artifacts in write
 * order, each with name, content type, size, lower-case hex SHA-256 and ISO-8601 creation time.
 */
final class ManifestCodec {
  static final int VERSION = 1;

  private ManifestCodec() {}

  static byte[] encode(ArtifactManifest manifest) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (ArtifactInfo info : manifest.artifacts()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", info.name().value());
      entry.put("contentType", info.contentType());
      entry.put("size", info.size());
      entry.put("sha256", info.sha256());
      entry.put("createdAt", info.createdAt().toString());
      entries.add(entry);
    }
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    root.put("tenant", manifest.tenant().value());
    root.put("jobId", manifest.jobId().value());
    root.put("artifacts", entries);
    return Json.write(root).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Decodes a manifest and checks that it belongs to the expected tenant and job, so that a file
   * copied between folders is never served as another tenant's manifest.
   *
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when the text is not a valid manifest
   */
  static ArtifactManifest decode(byte[] json, TenantId tenant, JobId jobId) {
    try {
      Map<String, Object> root = Json.readObject(new String(json, StandardCharsets.UTF_8));
      if (!tenant.value().equals(root.get("tenant")) || !jobId.value().equals(root.get("jobId"))) {
        throw corrupt(jobId, "it names another tenant or job");
      }
      if (!(root.get("artifacts") instanceof List<?> items)) {
        throw corrupt(jobId, "it has no 'artifacts' list");
      }
      List<ArtifactInfo> artifacts = new ArrayList<>();
      for (Object item : items) {
        if (!(item instanceof Map<?, ?> entry)) {
          throw corrupt(jobId, "an artifact entry is not an object");
        }
        artifacts.add(decodeEntry(entry, jobId));
      }
      return new ArtifactManifest(tenant, jobId, artifacts);
    } catch (UdbException e) {
      if (e.code() == ErrorCode.STORAGE_ERROR) {
        throw e;
      }
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Manifest of job '" + jobId + "' is corrupt: " + e.getMessage(),
          e);
    }
  }

  private static ArtifactInfo decodeEntry(Map<?, ?> entry, JobId jobId) {
    if (!(entry.get("name") instanceof String name)
        || !(entry.get("contentType") instanceof String contentType)
        || !(entry.get("size") instanceof Number size)
        || !(entry.get("sha256") instanceof String sha256)
        || !(entry.get("createdAt") instanceof String createdAt)) {
      throw corrupt(jobId, "an artifact entry lacks name, contentType, size, sha256 or createdAt");
    }
    try {
      return new ArtifactInfo(
          ArtifactName.of(name), contentType, size.longValue(), sha256, Instant.parse(createdAt));
    } catch (DateTimeParseException e) {
      throw corrupt(jobId, "an artifact entry has a createdAt that is not an ISO-8601 instant");
    }
  }

  private static UdbException corrupt(JobId jobId, String why) {
    return new UdbException(
        ErrorCode.STORAGE_ERROR,
        "Manifest of job '"
            + jobId
            + "' is corrupt ("
            + why
            + "); delete the job's artifacts or restore the manifest");
  }
}
