package io.udb.bench;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * The measured rounds of one candidate-versus-baseline comparison and their summary.
 *
 * <p>The headline {@link #ratio()} is the ratio of the two medians, which is robust against a
 * single round disturbed by another process; {@link #minRatio()} and {@link #maxRatio()} show how
 * much the per-round ratios spread.
 *
 * @param name what was compared, e.g. {@code guarded-query/point-lookup}
 * @param rounds the measured rounds, in the order they ran (at least one)
 */
public record Comparison(String name, List<Round> rounds) {
  /** Copies the rounds and requires at least one. */
  public Comparison {
    Objects.requireNonNull(name, "name");
    rounds = List.copyOf(rounds);
    if (rounds.isEmpty()) {
      throw new IllegalArgumentException("a comparison needs at least one round");
    }
  }

  /** The median of the candidate's per-round throughput, in operations per second. */
  public double candidateMedian() {
    return median(Round::candidateOpsPerSecond);
  }

  /** The median of the baseline's per-round throughput, in operations per second. */
  public double baselineMedian() {
    return median(Round::baselineOpsPerSecond);
  }

  /** {@link #candidateMedian()} divided by {@link #baselineMedian()}. */
  public double ratio() {
    return candidateMedian() / baselineMedian();
  }

  /** The lowest per-round ratio. */
  public double minRatio() {
    return rounds.stream().mapToDouble(Round::ratio).min().orElseThrow();
  }

  /** The highest per-round ratio. */
  public double maxRatio() {
    return rounds.stream().mapToDouble(Round::ratio).max().orElseThrow();
  }

  private double median(ToDoubleFunction<Round> side) {
    return median(rounds.stream().mapToDouble(side).toArray());
  }

  /**
   * The median of some values: the middle one, or the mean of the two middle ones for an even
   * count.
   *
   * @param values at least one value
   * @return the median
   */
  static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("the median of no values is undefined");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
