package io.udb.quality.check;

import java.util.function.Supplier;

/**
 * A check compiled against a table: how to evaluate it once its measures are filled, and which rows
 * violate it; or why it cannot be evaluated at all.
 *
 * @param check the check
 * @param evaluation computes the outcome from the filled measures; may throw {@link Measure.Failed}
 * @param failingRows the violating rows of a row-level check, else null
 * @param error why the check cannot be evaluated, else null
 */
record PlannedCheck(
    Check check, Supplier<Outcome> evaluation, RowFilter failingRows, String error) {

  static PlannedCheck error(Check check, String why) {
    return new PlannedCheck(check, null, null, why);
  }

  static PlannedCheck of(Check check, Supplier<Outcome> evaluation) {
    return new PlannedCheck(check, evaluation, null, null);
  }

  static PlannedCheck rowLevel(Check check, Supplier<Outcome> evaluation, RowFilter failingRows) {
    return new PlannedCheck(check, evaluation, failingRows, null);
  }
}
