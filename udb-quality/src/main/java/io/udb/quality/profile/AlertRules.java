package io.udb.quality.profile;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Derives a profile's alerts from its statistics and the thresholds. Stateless. */
final class AlertRules {
  private AlertRules() {}

  static List<Alert> derive(
      long rows,
      Long duplicateRows,
      Double duplicateShare,
      List<ColumnProfile> columns,
      Correlations correlations,
      AlertThresholds t) {
    List<Alert> alerts = new ArrayList<>();
    if (rows == 0 && t.enabled(AlertType.EMPTY)) {
      alerts.add(new Alert(AlertType.EMPTY, null, null, 0.0, "The table has no rows"));
    }
    if (duplicateRows != null
        && duplicateRows > 0
        && duplicateShare > t.duplicates()
        && t.enabled(AlertType.DUPLICATES)) {
      alerts.add(
          new Alert(
              AlertType.DUPLICATES,
              null,
              null,
              duplicateShare,
              "The table has "
                  + duplicateRows
                  + " duplicate rows ("
                  + percent(duplicateShare)
                  + ")"));
    }
    Map<String, Alert> correlated = correlated(correlations, t);
    for (ColumnProfile c : columns) {
      column(alerts, c, rows, t);
      correlated.values().stream().filter(a -> a.column().equals(c.name())).forEach(alerts::add);
    }
    return alerts;
  }

  private static void column(List<Alert> alerts, ColumnProfile c, long rows, AlertThresholds t) {
    String name = c.name();
    add(
        alerts,
        t,
        AlertType.MISSING,
        name,
        c.missingShare() > t.missing(),
        c.missingShare(),
        name + " has " + c.missing() + " missing values (" + percent(c.missingShare()) + ")");
    add(
        alerts,
        t,
        AlertType.CONSTANT,
        name,
        c.distinct() == 1,
        1.0,
        name + " has a constant value");
    add(
        alerts,
        t,
        AlertType.UNIQUE,
        name,
        rows > 0 && !c.distinctApproximate() && c.distinct() == rows,
        (double) c.distinct(),
        name + " has unique values");
    add(
        alerts,
        t,
        AlertType.HIGH_CARDINALITY,
        name,
        c.kind() == ColumnKind.CATEGORICAL && c.distinct() > t.highCardinality(),
        (double) c.distinct(),
        name + " has a high cardinality: " + c.distinct() + " distinct values");
    Double imbalance =
        c.strings() != null
            ? c.strings().imbalance()
            : c.bool() != null ? c.bool().imbalance() : null;
    add(
        alerts,
        t,
        AlertType.IMBALANCE,
        name,
        (c.kind() == ColumnKind.CATEGORICAL || c.kind() == ColumnKind.BOOLEAN)
            && imbalance != null
            && imbalance > t.imbalance(),
        imbalance,
        name + " is highly imbalanced (" + format(imbalance) + ")");
    if (c.strings() != null) {
      StringStats s = c.strings();
      add(
          alerts,
          t,
          AlertType.CONSTANT_LENGTH,
          name,
          c.count() > 0 && s.minLength() != null && s.minLength().equals(s.maxLength()),
          s.minLength() == null ? null : s.minLength().doubleValue(),
          name + " has a constant length " + s.minLength());
      add(
          alerts,
          t,
          AlertType.UNIFORM,
          name,
          c.kind() == ColumnKind.CATEGORICAL
              && s.uniformPValue() != null
              && s.uniformPValue() > t.uniformPValue(),
          s.uniformPValue(),
          name + " is uniformly distributed");
    }
    if (c.numeric() != null) {
      NumericStats n = c.numeric();
      add(
          alerts,
          t,
          AlertType.ZEROS,
          name,
          n.zerosShare() > t.zeros(),
          n.zerosShare(),
          name + " has " + n.zeros() + " zeros (" + percent(n.zerosShare()) + ")");
      add(
          alerts,
          t,
          AlertType.INFINITE,
          name,
          n.infiniteShare() > t.infinite(),
          n.infiniteShare(),
          name + " has " + n.infinite() + " infinite values (" + percent(n.infiniteShare()) + ")");
      add(
          alerts,
          t,
          AlertType.SKEWED,
          name,
          n.skewness() != null && Math.abs(n.skewness()) > t.skewness(),
          n.skewness(),
          name + " is highly skewed (γ1 = " + format(n.skewness()) + ")");
      add(
          alerts,
          t,
          AlertType.UNIFORM,
          name,
          c.distinct() > 1 && n.uniformPValue() != null && n.uniformPValue() > t.uniformPValue(),
          n.uniformPValue(),
          name + " is uniformly distributed");
    }
  }

  /** One alert per pair above the threshold, the strongest method winning, keyed by pair. */
  private static Map<String, Alert> correlated(Correlations correlations, AlertThresholds t) {
    Map<String, Alert> byPair = new LinkedHashMap<>();
    if (correlations == null || !t.enabled(AlertType.HIGH_CORRELATION)) {
      return byPair;
    }
    for (CorrelationMatrix m :
        new CorrelationMatrix[] {
          correlations.pearson(), correlations.spearman(), correlations.cramersV()
        }) {
      if (m == null) {
        continue;
      }
      for (int i = 0; i < m.columns().size(); i++) {
        for (int j = i + 1; j < m.columns().size(); j++) {
          Double v = m.values().get(i).get(j);
          if (v == null || Math.abs(v) <= t.highCorrelation()) {
            continue;
          }
          String a = m.columns().get(i);
          String b = m.columns().get(j);
          String key = a + '\u0000' + b;
          Alert existing = byPair.get(key);
          if (existing == null || Math.abs(existing.value()) < Math.abs(v)) {
            byPair.put(
                key,
                new Alert(
                    AlertType.HIGH_CORRELATION,
                    a,
                    b,
                    v,
                    a
                        + " is highly correlated with "
                        + b
                        + " ("
                        + m.method()
                        + " "
                        + format(v)
                        + ")"));
          }
        }
      }
    }
    return byPair;
  }

  private static void add(
      List<Alert> alerts,
      AlertThresholds t,
      AlertType type,
      String column,
      boolean raised,
      Double value,
      String message) {
    if (raised && t.enabled(type)) {
      alerts.add(new Alert(type, column, null, value, message));
    }
  }

  static String percent(double share) {
    return String.format(Locale.ROOT, "%.1f%%", share * 100);
  }

  static String format(Double value) {
    return value == null ? "n/a" : String.format(Locale.ROOT, "%.3f", value);
  }
}
