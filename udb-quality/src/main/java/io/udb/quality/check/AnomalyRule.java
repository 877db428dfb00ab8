package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * Which metric an {@link AnomalyStrategy} watches.
 *
 * @param metric {@value #ROW_COUNT}, a check's JSON name (e.g. {@code completeness}: every such
 *     check's metric), or {@value #ALL_CHECKS} for every check metric
 * @param strategy how new values are compared with the history
 * @param minHistory how many earlier runs must exist before the rule applies, at least 1
 */
public record AnomalyRule(String metric, AnomalyStrategy strategy, int minHistory) {
  /** The metric name of a table's row count. */
  public static final String ROW_COUNT = "row_count";

  /** Selects the metric of every check. */
  public static final String ALL_CHECKS = "*";

  /** Validates the arguments. */
  public AnomalyRule {
    Objects.requireNonNull(metric, "metric");
    Objects.requireNonNull(strategy, "strategy");
    if (minHistory < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "minHistory must be at least 1");
    }
  }

  /**
   * A rule on the row count.
   *
   * @param strategy the strategy
   * @return the rule, applying from the second run on
   */
  public static AnomalyRule rowCount(AnomalyStrategy strategy) {
    return new AnomalyRule(ROW_COUNT, strategy, 1);
  }

  /**
   * A rule on every check metric.
   *
   * @param strategy the strategy
   * @param minHistory earlier runs needed
   * @return the rule
   */
  public static AnomalyRule allChecks(AnomalyStrategy strategy, int minHistory) {
    return new AnomalyRule(ALL_CHECKS, strategy, minHistory);
  }

  /**
   * Tells whether the rule watches a metric.
   *
   * @param name a metric name from the history
   * @return true when it does
   */
  public boolean matches(String name) {
    return metric.equals(name) || (metric.equals(ALL_CHECKS) && !name.equals(ROW_COUNT));
  }
}
