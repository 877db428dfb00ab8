package io.udb.quality.check;

/** The outcome of one check. */
public enum CheckStatus {
  /** The metric met the check's bound. */
  PASSED,
  /** The metric missed the bound of a check with severity {@link Severity#ERROR}. */
  FAILED,
  /** The metric missed the bound of a warning check, or an anomaly was detected. */
  WARNING,
  /** The check could not be evaluated (unknown column, wrong column type, query failure). */
  ERROR
}
