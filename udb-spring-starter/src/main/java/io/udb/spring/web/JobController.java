package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.NotFoundException;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.core.SecuredBox;
import jakarta.servlet.http.HttpServletRequest;
import java.io.InputStream;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Jobs and their artifacts: {@code GET {base}/jobs/{jobId}}, {@code GET
 * {base}/artifact_manifest/{jobId}} and {@code GET {base}/artifact/{jobId}/{name}}. Another
 * tenant's job or artifact is reported exactly like a missing one (404).
 */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class JobController {
  private final UdbServices services;

  /**
   * The controller.
   *
   * @param services the UDB beans
   */
  public JobController(UdbServices services) {
    this.services = services;
  }

  /** A job of the caller's tenant, as the contract's job JSON. */
  @GetMapping("/jobs/{jobId}")
  public ResponseEntity<byte[]> job(HttpServletRequest request, @PathVariable String jobId) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    Clock clock = services.box().clock();
    return JsonBodies.ok(JobJson.of(caller.job(jobIdOf(jobId)), clock.instant()));
  }

  /** The manifest of a job's artifacts. */
  @GetMapping("/artifact_manifest/{jobId}")
  public ResponseEntity<byte[]> manifest(HttpServletRequest request, @PathVariable String jobId) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    ArtifactManifest manifest = caller.manifest(jobIdOf(jobId));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobId", manifest.jobId().value());
    out.put("artifacts", manifest.artifacts().stream().map(JobController::artifact).toList());
    return JsonBodies.ok(out);
  }

  /**
   * An artifact's bytes, streamed, with its content type and its SHA-256 as the {@code ETag}; a
   * matching {@code If-None-Match} gets 304 without a body.
   */
  @GetMapping("/artifact/{jobId}/{name}")
  public ResponseEntity<StreamingResponseBody> artifact(
      HttpServletRequest request, @PathVariable String jobId, @PathVariable String name) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    JobId id = jobIdOf(jobId);
    ArtifactName artifactName = artifactNameOf(name, id);
    ArtifactInfo info =
        caller.manifest(id).artifacts().stream()
            .filter(a -> a.name().equals(artifactName))
            .findFirst()
            .orElseThrow(() -> missing(artifactName, id));
    String etag = "\"" + info.sha256() + "\"";
    if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), info.sha256())) {
      return ResponseEntity.status(HttpStatus.NOT_MODIFIED).eTag(etag).build();
    }
    InputStream content = caller.openArtifact(id, artifactName);
    StreamingResponseBody body =
        out -> {
          try (InputStream in = content) {
            in.transferTo(out);
          }
        };
    return ResponseEntity.ok()
        .header(HttpHeaders.CONTENT_TYPE, info.contentType())
        .contentLength(info.size())
        .eTag(etag)
        .header(HttpHeaders.CACHE_CONTROL, "private, no-cache")
        .body(body);
  }

  private static boolean matches(String ifNoneMatch, String sha256) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String tag : ifNoneMatch.split(",")) {
      String t = tag.strip();
      if (t.equals("*")) {
        return true;
      }
      if (t.startsWith("W/")) {
        t = t.substring(2);
      }
      if (t.equals("\"" + sha256 + "\"")) {
        return true;
      }
    }
    return false;
  }

  private static Map<String, Object> artifact(ArtifactInfo info) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", info.name().value());
    out.put("contentType", info.contentType());
    out.put("size", info.size());
    out.put("sha256", info.sha256());
    out.put("createdAt", info.createdAt().toString());
    return out;
  }

  /** A job id from the path; a malformed one cannot name a job, so it is a missing job. */
  private static JobId jobIdOf(String value) {
    try {
      return JobId.of(value);
    } catch (UdbException e) {
      throw new NotFoundException(
          ErrorCode.JOB_NOT_FOUND, "There is no job '" + shorten(value) + "'");
    }
  }

  private static ArtifactName artifactNameOf(String value, JobId id) {
    try {
      return ArtifactName.of(value);
    } catch (UdbException e) {
      throw new UdbException(
          ErrorCode.ARTIFACT_NAME_INVALID,
          "'" + shorten(value) + "' is not a valid artifact name of job " + id);
    }
  }

  private static NotFoundException missing(ArtifactName name, JobId id) {
    return new NotFoundException(
        ErrorCode.ARTIFACT_NOT_FOUND, "Artifact " + name + " of job " + id + " does not exist");
  }

  private static String shorten(String value) {
    return value.length() > 64 ? value.substring(0, 64) + "..." : value;
  }
}
