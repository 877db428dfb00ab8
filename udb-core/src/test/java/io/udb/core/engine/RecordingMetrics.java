package io.udb.core.engine;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/** Metrics that keep the total of every counter by name, tags ignored; timers are dropped. */
final class RecordingMetrics implements UdbMetrics {
  private final Map<String, DoubleAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void count(String name, double amount, String... tags) {
    counters.computeIfAbsent(name, n -> new DoubleAdder()).add(amount);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    // only counters are asserted on
  }

  @Override
  public void record(String name, double value, String... tags) {
    // only counters are asserted on
  }

  /** The total added to a counter so far. */
  double total(String name) {
    DoubleAdder adder = counters.get(name);
    return adder == null ? 0 : adder.sum();
  }
}
