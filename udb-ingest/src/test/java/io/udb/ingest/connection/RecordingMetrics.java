package io.udb.ingest.connection;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Metrics that remember counter sums by name and tags, for assertions. */
final class RecordingMetrics implements UdbMetrics {
  private final Map<String, Double> counters = new ConcurrentHashMap<>();

  @Override
  public void count(String name, double amount, String... tags) {
    counters.merge(name + String.join(",", tags), amount, Double::sum);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {}

  @Override
  public void record(String name, double value, String... tags) {}

  /** The sum of a counter with exactly these tags. */
  double counter(String name, String... tags) {
    return counters.getOrDefault(name + String.join(",", tags), 0.0);
  }
}
