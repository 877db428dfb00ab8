package io.udb.kpi;

import java.util.Locale;

/** Where a KPI's value stands against its warning and critical thresholds. */
public enum KpiStatus {
  /** Within both thresholds. */
  OK,
  /** Beyond the warning threshold but not the critical one. */
  WARNING,
  /** Beyond the critical threshold. */
  CRITICAL;

  /** The lower-case name used in JSON. */
  public String externalName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status of a value.
   *
   * @param value the KPI's value, or {@code null}
   * @param warning the warning threshold, or {@code null}
   * @param critical the critical threshold, or {@code null}
   * @param upIsGood whether thresholds are minimums (else maximums)
   * @return the status, or {@code null} without a value or without thresholds
   */
  public static KpiStatus of(Double value, Double warning, Double critical, boolean upIsGood) {
    if (value == null || (warning == null && critical == null)) {
      return null;
    }
    if (critical != null && beyond(value, critical, upIsGood)) {
      return CRITICAL;
    }
    if (warning != null && beyond(value, warning, upIsGood)) {
      return WARNING;
    }
    return OK;
  }

  /**
   * Whether a value is on the bad side of a limit: below it when up is good, above it otherwise.
   *
   * @param value the value
   * @param limit the limit
   * @param upIsGood which side is good
   * @return true when the value is worse than the limit
   */
  public static boolean beyond(double value, double limit, boolean upIsGood) {
    return upIsGood ? value < limit : value > limit;
  }
}
