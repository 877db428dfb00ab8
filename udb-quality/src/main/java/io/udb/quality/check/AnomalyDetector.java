package io.udb.quality.check;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Applies {@link AnomalyDetection} rules to a run's metrics and their history. */
final class AnomalyDetector {
  private AnomalyDetector() {}

  /**
   * Finds anomalies.
   *
   * @param detection the rules and window
   * @param current this run's values by metric
   * @param history earlier values by metric, oldest first, at most the window
   * @return one warning result per anomaly found
   */
  static List<CheckResult> detect(
      AnomalyDetection detection,
      Map<MetricHistory.Key, Double> current,
      Map<MetricHistory.Key, List<Double>> history) {
    List<CheckResult> anomalies = new ArrayList<>();
    for (Map.Entry<MetricHistory.Key, Double> value : current.entrySet()) {
      MetricHistory.Key key = value.getKey();
      List<Double> past = history.getOrDefault(key, List.of());
      for (AnomalyRule rule : detection.rules()) {
        if (!rule.matches(key.metric()) || past.size() < rule.minHistory()) {
          continue;
        }
        rule.strategy()
            .detect(value.getValue(), past)
            .ifPresent(
                phrase ->
                    anomalies.add(
                        new CheckResult(
                            "anomaly",
                            key.column(),
                            CheckStatus.WARNING,
                            value.getValue(),
                            label(key)
                                + " "
                                + phrase
                                + " vs the last "
                                + past.size()
                                + (past.size() == 1 ? " run" : " runs")
                                + " (mean "
                                + Bound.format(round(AnomalyStrategy.mean(past)))
                                + ", now "
                                + Bound.format(round(value.getValue()))
                                + ")",
                            null,
                            Severity.WARNING,
                            null,
                            key.metric())));
      }
    }
    return anomalies;
  }

  private static String label(MetricHistory.Key key) {
    return key.metric().equals(AnomalyRule.ROW_COUNT)
        ? "row count"
        : key.metric() + (key.column() == null ? "" : "(" + key.column() + ")");
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }
}
