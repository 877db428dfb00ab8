package io.udb.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Compares the throughput of a candidate operation with a baseline doing the same work.
 *
 * <p>Both sides are warmed up, then measured in alternating rounds (candidate, baseline, candidate,
 * baseline, ...) of one fixed time slice each. Interleaving spreads any drift of a shared machine
 * (other processes, thermal limits, a growing heap) evenly over both sides instead of charging it
 * to whichever ran last. Each slice counts completed operations and divides by the time they
 * actually took, so an operation overrunning the slice end is accounted for.
 *
 * <p>The harness only measures: it asserts nothing about speed.
 */
public final class Harness {
  private final HarnessSettings settings;
  private final LongSupplier ticker;

  /**
   * A harness timing with {@link System#nanoTime()}.
   *
   * @param settings warm-up, slice length and round count
   */
  public Harness(HarnessSettings settings) {
    this(settings, System::nanoTime);
  }

  /** A harness reading time, in nanoseconds, from {@code ticker}: tests pass a fake clock. */
  Harness(HarnessSettings settings, LongSupplier ticker) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.ticker = Objects.requireNonNull(ticker, "ticker");
  }

  /** The settings this harness runs with. */
  public HarnessSettings settings() {
    return settings;
  }

  /**
   * Warms up both operations and measures them in alternating rounds.
   *
   * @param name what is compared, used in the report
   * @param candidate the operation under test (UDB)
   * @param baseline the reference doing the same work (DuckDB directly)
   * @return the measured rounds
   * @throws Exception when either operation fails
   */
  public Comparison compare(String name, Operation candidate, Operation baseline) throws Exception {
    long warmup = settings.warmup().toNanos();
    if (warmup > 0) {
      rate(candidate, warmup);
      rate(baseline, warmup);
    }
    long slice = settings.slice().toNanos();
    List<Round> rounds = new ArrayList<>(settings.rounds());
    for (int i = 0; i < settings.rounds(); i++) {
      double candidateRate = rate(candidate, slice);
      double baselineRate = rate(baseline, slice);
      rounds.add(new Round(candidateRate, baselineRate));
    }
    return new Comparison(name, rounds);
  }

  /** Runs {@code operation} until the slice has passed; returns completed operations per second. */
  private double rate(Operation operation, long sliceNanos) throws Exception {
    long start = ticker.getAsLong();
    long deadline = start + sliceNanos;
    long operations = 0;
    long now;
    do {
      operation.run();
      operations++;
      now = ticker.getAsLong();
    } while (now - deadline < 0);
    return operations * 1e9 / (now - start);
  }
}
