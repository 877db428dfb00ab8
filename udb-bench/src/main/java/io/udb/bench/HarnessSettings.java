package io.udb.bench;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the {@link Harness} warms up and measures.
 *
 * @param warmup how long each side runs before measuring starts
 * @param slice how long each side runs in every measured round
 * @param rounds how many measured rounds each side runs
 */
public record HarnessSettings(Duration warmup, Duration slice, int rounds) {
  /** Requires a non-negative warm-up, a positive slice and at least one round. */
  public HarnessSettings {
    Objects.requireNonNull(warmup, "warmup");
    Objects.requireNonNull(slice, "slice");
    if (warmup.isNegative()) {
      throw new IllegalArgumentException("the warm-up must not be negative");
    }
    if (slice.isNegative() || slice.isZero()) {
      throw new IllegalArgumentException("the measured slice must be positive");
    }
    if (rounds < 1) {
      throw new IllegalArgumentException("at least one round is needed");
    }
  }

  /** 5 s warm-up per side, then 5 rounds of 3 s per side. */
  public static HarnessSettings defaults() {
    return new HarnessSettings(Duration.ofSeconds(5), Duration.ofSeconds(3), 5);
  }
}
