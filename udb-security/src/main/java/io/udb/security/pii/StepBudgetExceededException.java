package io.udb.security.pii;

/** Thrown inside a budgeted match when the pattern has used up its steps; never escapes. */
final class StepBudgetExceededException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  StepBudgetExceededException() {
    // No stack trace: thrown on a hot path and always caught by PatternDetector.
    super("step budget exceeded", null, false, false);
  }
}
