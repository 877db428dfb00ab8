package io.udb.quality.drift;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Evidently's {@code TVD} test: the total variation distance of the two category distributions and
 * a permutation p-value, the share of random re-splits of the pooled values whose distance is at
 * least the observed one. Re-splits are drawn from the category counts (a Fenwick tree over them,
 * sampling without replacement), never from the rows, so memory stays proportional to the number of
 * categories. The seed is fixed, so a run is reproducible.
 */
final class PermutationTvd {
  /** Evidently's number of permutations. */
  static final int ITERATIONS = 1000;

  /** Draws allowed per test; larger samples get fewer permutations (never under 100). */
  static final long DRAW_BUDGET = 20_000_000L;

  private PermutationTvd() {}

  /**
   * The distance and its permutation p-value.
   *
   * @param sample the categories of both sides, both non-empty
   * @return the distance and p-value
   */
  static TestOutcome test(CategoricalSample sample) {
    StatTestRunner.requireValues(sample.n(), sample.m(), 1, StatTest.TVD);
    long[] ref = sample.referenceCounts();
    long[] cur = sample.currentCounts();
    double observed = distance(ref, cur, sample.n(), sample.m());
    long[] pooled = new long[ref.length];
    for (int i = 0; i < pooled.length; i++) {
      pooled[i] = ref[i] + cur[i];
    }
    boolean drawReference = sample.n() <= sample.m();
    long draws = drawReference ? sample.n() : sample.m();
    int iterations = (int) Math.max(100, Math.min(ITERATIONS, DRAW_BUDGET / Math.max(1, draws)));
    SplittableRandom random = new SplittableRandom(0);
    long[] tree = new long[pooled.length + 1];
    long[] drawn = new long[pooled.length];
    long[] other = new long[pooled.length];
    int atLeast = 0;
    for (int it = 0; it < iterations; it++) {
      build(tree, pooled);
      Arrays.fill(drawn, 0);
      long remaining = sample.n() + sample.m();
      for (long d = 0; d < draws; d++) {
        int category = take(tree, random.nextLong(remaining));
        drawn[category]++;
        remaining--;
      }
      for (int i = 0; i < pooled.length; i++) {
        other[i] = pooled[i] - drawn[i];
      }
      double permuted =
          drawReference
              ? distance(drawn, other, sample.n(), sample.m())
              : distance(other, drawn, sample.n(), sample.m());
      if (observed <= Math.abs(permuted)) {
        atLeast++;
      }
    }
    return TestOutcome.of(observed, (double) atLeast / iterations);
  }

  /** {@code 0.5 * sum(|r/n - c/m|)}. */
  static double distance(long[] ref, long[] cur, long n, long m) {
    double sum = 0;
    for (int i = 0; i < ref.length; i++) {
      sum += Math.abs((double) ref[i] / n - (double) cur[i] / m);
    }
    return 0.5 * sum;
  }

  private static void build(long[] tree, long[] counts) {
    Arrays.fill(tree, 0);
    for (int i = 0; i < counts.length; i++) {
      int index = i + 1;
      tree[index] += counts[i];
      int parent = index + (index & -index);
      if (parent < tree.length) {
        tree[parent] += tree[index];
      }
    }
  }

  /** Finds the category holding the {@code target}-th remaining value and removes one value. */
  private static int take(long[] tree, long target) {
    int position = 0;
    long rest = target;
    int step = Integer.highestOneBit(tree.length - 1);
    for (; step > 0; step >>= 1) {
      int next = position + step;
      if (next < tree.length && tree[next] <= rest) {
        position = next;
        rest -= tree[next];
      }
    }
    for (int index = position + 1; index < tree.length; index += index & -index) {
      tree[index]--;
    }
    return position;
  }
}
