package io.udb.quality.drift;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Counts counter increments by name and tags, for assertions. */
final class CountingMetrics implements UdbMetrics {
  private final Map<String, Double> counts = new ConcurrentHashMap<>();

  @Override
  public void count(String name, double amount, String... tags) {
    counts.merge(key(name, tags), amount, Double::sum);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {}

  @Override
  public void record(String name, double value, String... tags) {}

  /** The total of a counter with exactly these tags. */
  double count(String name, String... tags) {
    return counts.getOrDefault(key(name, tags), 0.0);
  }

  private static String key(String name, String... tags) {
    return name + String.join(",", tags);
  }
}
