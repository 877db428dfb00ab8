package io.udb.quality.check;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A check suggested from column statistics, with the rule that proposed it and why.
 *
 * @param rule the rule's name, e.g. {@code CompleteIfCompleteRule}
 * @param check the suggested check
 * @param rationale why the rule proposes it, citing the statistics
 */
public record Suggestion(String rule, Check check, String rationale) {
  /** Validates the arguments. */
  public Suggestion {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(rationale, "rationale");
  }

  /**
   * The JSON form: {@code {"rule", "column", "check": {...JSON form of the check...},
   * "rationale"}}.
   */
  public Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("rule", rule);
    json.put("column", check.column());
    json.put("check", CheckJson.toJson(check));
    json.put("rationale", rationale);
    return json;
  }
}
