package io.udb.kpi;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The results of one KPI batch with their narrative.
 *
 * @param results one per definition, in the order given
 * @param narrative the English summary of the numbers
 */
public record KpiReport(List<KpiResult> results, String narrative) {
  /** Validates and copies. */
  public KpiReport {
    results = List.copyOf(results);
    Objects.requireNonNull(narrative, "narrative");
  }

  /**
   * The result of a KPI.
   *
   * @param name the KPI's name
   * @return the result
   * @throws IllegalArgumentException when the batch has no KPI of that name
   */
  public KpiResult result(String name) {
    return results.stream()
        .filter(r -> r.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("No KPI named " + name));
  }

  /**
   * The job result of {@code POST /udb/kpis}: {@code {"kpis":[...],"narrative":"..."}}.
   *
   * @return JSON-compatible values
   */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("kpis", results.stream().map(KpiResult::toJson).toList());
    out.put("narrative", narrative);
    return out;
  }
}
