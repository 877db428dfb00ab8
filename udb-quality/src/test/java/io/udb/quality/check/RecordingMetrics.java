package io.udb.quality.check;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.DoubleAdder;

/**
 * Metrics that keep every counter's total by name and tags; timers and distributions are dropped.
 */
final class RecordingMetrics implements UdbMetrics {
  private final Map<String, DoubleAdder> counters = new ConcurrentHashMap<>();

  @Override
  public void count(String name, double amount, String... tags) {
    counters.computeIfAbsent(key(name, tags), k -> new DoubleAdder()).add(amount);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    // only counters are asserted on
  }

  @Override
  public void record(String name, double value, String... tags) {
    // only counters are asserted on
  }

  /**
   * The total of a counter with exactly these tags.
   *
   * @param name the counter
   * @param tags alternating keys and values, in the order the code records them
   * @return the total, 0 when never counted
   */
  double total(String name, String... tags) {
    DoubleAdder adder = counters.get(key(name, tags));
    return adder == null ? 0 : adder.sum();
  }

  private static String key(String name, String... tags) {
    return name + Arrays.toString(tags);
  }
}
