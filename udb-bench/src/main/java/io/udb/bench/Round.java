package io.udb.bench;

/**
 * The throughput of both sides in one measured round.
 *
 * @param candidateOpsPerSecond the candidate's (UDB's) operations per second
 * @param baselineOpsPerSecond the baseline's (plain DuckDB's) operations per second
 */
public record Round(double candidateOpsPerSecond, double baselineOpsPerSecond) {
  /** Rejects rates that are not positive and finite, which would make the ratio meaningless. */
  public Round {
    requirePositive(candidateOpsPerSecond, "candidateOpsPerSecond");
    requirePositive(baselineOpsPerSecond, "baselineOpsPerSecond");
  }

  /** Candidate throughput divided by baseline throughput: above 1 means the candidate is faster. */
  public double ratio() {
    return candidateOpsPerSecond / baselineOpsPerSecond;
  }

  private static void requirePositive(double value, String name) {
    if (!(value > 0) || Double.isInfinite(value)) {
      throw new IllegalArgumentException(name + " must be positive and finite, got " + value);
    }
  }
}
