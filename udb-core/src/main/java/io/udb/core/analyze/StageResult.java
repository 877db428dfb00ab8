package io.udb.core.analyze;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a stage returns: whether it did its work or skipped it, and a short JSON-compatible summary
 * of what it found (e.g. row counts, failed checks, drift share). The summary goes into the job's
 * result; the full output belongs in the stage's artifacts.
 *
 * @param status {@link StageStatus#SUCCEEDED} or {@link StageStatus#SKIPPED}
 * @param summary maps, lists, strings, numbers, booleans and nulls
 */
public record StageResult(StageStatus status, Map<String, Object> summary) {
  /** Validates and copies. */
  public StageResult {
    Objects.requireNonNull(status, "status");
    if (status != StageStatus.SUCCEEDED && status != StageStatus.SKIPPED) {
      throw new IllegalArgumentException("A stage returns SUCCEEDED or SKIPPED, not " + status);
    }
    summary = Collections.unmodifiableMap(new LinkedHashMap<>(summary));
  }

  /**
   * The stage did its work.
   *
   * @param summary what it found
   * @return the result
   */
  public static StageResult succeeded(Map<String, ?> summary) {
    return new StageResult(StageStatus.SUCCEEDED, new LinkedHashMap<>(summary));
  }

  /**
   * The stage had nothing to do.
   *
   * @param reason why, e.g. {@code no KPI definitions given}
   * @return the result, whose summary is {@code {"reason": reason}}
   */
  public static StageResult skipped(String reason) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("reason", Objects.requireNonNull(reason, "reason"));
    return new StageResult(StageStatus.SKIPPED, summary);
  }
}
