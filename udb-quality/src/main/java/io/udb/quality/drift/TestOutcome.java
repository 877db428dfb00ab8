package io.udb.quality.drift;

/**
 * What one test computed for one column.
 *
 * @param statistic the test statistic or distance (may be infinite)
 * @param pValue the p-value, or null for a distance test
 */
record TestOutcome(double statistic, Double pValue) {
  /** A distance test's outcome. */
  static TestOutcome distance(double value) {
    return new TestOutcome(value, null);
  }

  /** A p-value test's outcome. */
  static TestOutcome of(double statistic, double pValue) {
    return new TestOutcome(statistic, pValue);
  }

  /** The number a test's decision looks at: the p-value, or the distance. */
  double score() {
    return pValue != null ? pValue : statistic;
  }
}
