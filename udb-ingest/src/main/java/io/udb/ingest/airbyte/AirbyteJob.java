package io.udb.ingest.airbyte;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An Airbyte job as the API v1 returns it ({@code JobResponse}).
 *
 * @param jobId the job's id
 * @param status its status
 * @param rawStatus the status as sent, for statuses this version does not know
 * @param jobType {@code sync} or {@code reset}
 * @param connectionId the Airbyte connection
 * @param startTime when it started, as sent, or {@code null}
 * @param lastUpdatedAt when it last changed, as sent, or {@code null}
 * @param duration its ISO-8601 duration, or {@code null}
 * @param rowsSynced rows synced so far, or {@code null}
 * @param bytesSynced bytes synced so far, or {@code null}
 */
public record AirbyteJob(
    long jobId,
    AirbyteJobStatus status,
    String rawStatus,
    String jobType,
    String connectionId,
    String startTime,
    String lastUpdatedAt,
    String duration,
    Long rowsSynced,
    Long bytesSynced) {

  /** Validates the arguments. */
  public AirbyteJob {
    Objects.requireNonNull(status, "status");
  }

  /** A JSON-compatible summary, for artifacts and results. */
  public Map<String, Object> toMap() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("jobId", jobId);
    out.put("status", rawStatus == null ? status.apiName() : rawStatus);
    out.put("jobType", jobType);
    out.put("connectionId", connectionId);
    out.put("startTime", startTime);
    out.put("lastUpdatedAt", lastUpdatedAt);
    out.put("duration", duration);
    out.put("rowsSynced", rowsSynced);
    out.put("bytesSynced", bytesSynced);
    return out;
  }
}
