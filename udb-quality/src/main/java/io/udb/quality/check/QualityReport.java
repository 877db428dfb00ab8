package io.udb.quality.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The result of a quality run.
 *
 * @param table the checked table
 * @param passed true when no check {@link CheckStatus#FAILED failed} or {@link CheckStatus#ERROR
 *     could not be evaluated}; warnings and anomalies do not fail a run
 * @param checks one result per check in suite order, followed by detected anomalies
 * @param rowCount the table's row count at the time of the run
 * @param quarantine where violating rows were written, or null when quarantine was off
 * @param suggestions the suggestions the suite was extended with, empty unless suggestion was on
 */
public record QualityReport(
    String table,
    boolean passed,
    List<CheckResult> checks,
    long rowCount,
    QuarantineResult quarantine,
    List<Suggestion> suggestions) {

  /** The class path resource of the JSON Schema of {@link #toJson()}. */
  public static final String SCHEMA_RESOURCE = "/io/udb/quality/check/quality-result.schema.json";

  /** Validates and copies. */
  public QualityReport {
    Objects.requireNonNull(table, "table");
    checks = List.copyOf(checks);
    suggestions = List.copyOf(suggestions);
  }

  /** How many results have the given status. */
  public long count(CheckStatus status) {
    return checks.stream().filter(c -> c.status() == status).count();
  }

  /**
   * The JSON result of a quality job: {@code {"table", "passed", "rowCount", "summary", "checks":
   * [{"check", "column", "status", "metric", "message", ...}]}}, plus {@code quarantine} and {@code
   * suggestions} when present.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("table", table);
    json.put("passed", passed);
    json.put("rowCount", rowCount);
    Map<String, Object> summary = new LinkedHashMap<>();
    for (CheckStatus status : CheckStatus.values()) {
      summary.put(status.name().toLowerCase(java.util.Locale.ROOT), count(status));
    }
    json.put("summary", summary);
    json.put("checks", checks.stream().map(CheckResult::toJson).toList());
    if (quarantine != null) {
      json.put("quarantine", quarantine.toJson());
    }
    if (!suggestions.isEmpty()) {
      json.put("suggestions", suggestions.stream().map(Suggestion::toJson).toList());
    }
    return json;
  }
}
