package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;

/**
 * How much of a reference a baseline keeps. A numeric column with at most {@code maxExactValues}
 * distinct values is stored exactly (its drift statistics against a baseline equal those against
 * the reference table); above that it is stored as a sketch of {@code sketchPoints} equal-mass
 * groups (see the accuracy note of {@link BaselineStore}). A categorical column keeps its {@code
 * maxCategories} most frequent categories and counts the rest together.
 *
 * @param maxExactValues distinct numeric values stored exactly
 * @param sketchPoints groups of a numeric sketch
 * @param maxCategories categories stored
 */
public record BaselineOptions(int maxExactValues, int sketchPoints, int maxCategories) {
  /** Validates. */
  public BaselineOptions {
    if (maxExactValues < 2 || sketchPoints < 2 || sketchPoints > maxExactValues) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Baseline options need 2 <= sketchPoints <= maxExactValues");
    }
    if (maxCategories < 1) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "maxCategories must be at least 1");
    }
  }

  /** 50,000 exact values, sketches of 10,000 groups, 10,000 categories. */
  public static BaselineOptions defaults() {
    return new BaselineOptions(50_000, 10_000, 10_000);
  }
}
