package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.List;

/**
 * Anomaly detection on the metric history: each rule compares a metric's new value with its values
 * in the last {@code window} runs of the same table.
 *
 * @param window how many earlier runs form the history, 1 to 1000
 * @param rules the rules; empty turns detection off
 */
public record AnomalyDetection(int window, List<AnomalyRule> rules) {
  /** Validates and copies. */
  public AnomalyDetection {
    if (window < 1 || window > 1000) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The window must be 1 to 1000 runs");
    }
    rules = List.copyOf(rules);
  }

  /**
   * The defaults over the last 7 runs: the row count changing by more than 25% from its mean, and
   * any check metric beyond 3 standard deviations once 5 runs exist.
   */
  public static AnomalyDetection defaults() {
    return new AnomalyDetection(
        7,
        List.of(
            AnomalyRule.rowCount(new AnomalyStrategy.RelativeChange(0.25, 0.25)),
            AnomalyRule.allChecks(new AnomalyStrategy.StandardDeviations(3), 5)));
  }

  /** No detection. */
  public static AnomalyDetection none() {
    return new AnomalyDetection(7, List.of());
  }

  /**
   * The same detection with another window.
   *
   * @param runs the window
   * @return the copy
   */
  public AnomalyDetection withWindow(int runs) {
    return new AnomalyDetection(runs, rules);
  }
}
