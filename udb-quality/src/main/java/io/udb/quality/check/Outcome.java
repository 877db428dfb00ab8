package io.udb.quality.check;

/**
 * What evaluating a check against its measures gave.
 *
 * @param metric the metric, or null when there is none (e.g. the mean of an empty column)
 * @param passed whether the metric met the bound
 * @param message what was measured and, when it missed, what was expected
 * @param failingRows the number of violating rows for row-level checks, else null
 */
record Outcome(Double metric, boolean passed, String message, Long failingRows) {}
