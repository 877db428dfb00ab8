package io.udb.core.analyze;

import io.udb.api.UdbException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How one stage of an analyze job went, as its result shows it.
 *
 * @param stage the stage's name
 * @param status how it ended
 * @param elapsedMs how long it ran, 0 when skipped by the request
 * @param summary what it found, or why it was skipped
 * @param artifacts the names of the artifacts it wrote
 * @param error the failure, for a failed stage only
 */
record StageReport(
    String stage,
    StageStatus status,
    long elapsedMs,
    Map<String, Object> summary,
    List<String> artifacts,
    UdbException error) {

  StageReport {
    artifacts = List.copyOf(artifacts);
  }

  static StageReport skippedByRequest(String stage) {
    return new StageReport(
        stage,
        StageStatus.SKIPPED,
        0,
        StageResult.skipped("skipped by the request").summary(),
        List.of(),
        null);
  }

  /** {@code {stage, status, elapsedMs, summary, artifacts}} plus {@code error{code,message}}. */
  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("stage", stage);
    json.put("status", status.externalName());
    json.put("elapsedMs", elapsedMs);
    json.put("summary", summary);
    json.put("artifacts", artifacts);
    if (error != null) {
      json.put("error", error(error));
    }
    return json;
  }

  /** The entry of the {@code stages} list of the analyze events. */
  Map<String, Object> toEventJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("name", stage);
    json.put("status", status.externalName());
    json.put("durationMs", elapsedMs);
    return json;
  }

  static Map<String, Object> error(UdbException error) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("code", error.code().name());
    json.put("message", error.getMessage());
    return json;
  }
}
