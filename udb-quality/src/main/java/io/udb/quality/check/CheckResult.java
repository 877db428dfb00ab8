package io.udb.quality.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The outcome of one check (or one detected anomaly) in a quality run.
 *
 * @param check the check's JSON name (e.g. {@code completeness}), or {@code anomaly}
 * @param column the checked column(s) as {@code a, b}, or null for table-level checks
 * @param status the outcome
 * @param metric the measured value, or null when there is none
 * @param message what was measured and, when it missed, what was expected
 * @param failingRowsSample up to a few violating rows (masked) of a failed row-level check, else
 *     null
 * @param severity the check's severity
 * @param failingRows how many rows violate a row-level check, else null
 * @param name the name of a custom-predicate check or the metric of an anomaly, else null
 */
public record CheckResult(
    String check,
    String column,
    CheckStatus status,
    Double metric,
    String message,
    RowSample failingRowsSample,
    Severity severity,
    Long failingRows,
    String name) {

  /** Validates the arguments; a non-finite metric becomes null. */
  public CheckResult {
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(severity, "severity");
    if (metric != null && !Double.isFinite(metric)) {
      metric = null;
    }
  }

  /**
   * The same result with a sample of its failing rows.
   *
   * @param sample the sample
   * @return the copy
   */
  public CheckResult withSample(RowSample sample) {
    return new CheckResult(
        check, column, status, metric, message, sample, severity, failingRows, name);
  }

  /**
   * Whether the result counts against the run: {@link CheckStatus#FAILED} or {@link
   * CheckStatus#ERROR}.
   */
  public boolean failsRun() {
    return status == CheckStatus.FAILED || status == CheckStatus.ERROR;
  }

  /**
   * The JSON form: {@code check}, {@code column}, {@code status}, {@code metric}, {@code message}
   * (the fields of the public contract), then {@code severity}, and {@code name}, {@code
   * failingRows} and {@code failingRowsSample} when present.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("check", check);
    json.put("column", column);
    json.put("status", status.name());
    json.put("metric", metric);
    json.put("message", message);
    json.put("severity", severity.jsonName());
    if (name != null) {
      json.put("name", name);
    }
    if (failingRows != null) {
      json.put("failingRows", failingRows);
    }
    if (failingRowsSample != null) {
      json.put("failingRowsSample", failingRowsSample.toJson());
    }
    return json;
  }
}
