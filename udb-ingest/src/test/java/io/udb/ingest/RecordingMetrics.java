package io.udb.ingest;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Metrics that remember counter totals by name and tags, for assertions. */
public final class RecordingMetrics implements UdbMetrics {
  private final Map<String, Double> counters = new ConcurrentHashMap<>();

  @Override
  public void count(String name, double amount, String... tags) {
    counters.merge(key(name, tags), amount, Double::sum);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {}

  @Override
  public void record(String name, double value, String... tags) {}

  /**
   * A counter's total.
   *
   * @param name the meter
   * @param tags its tags as alternating keys and values
   * @return the total, 0 when never counted
   */
  public double counter(String name, String... tags) {
    return counters.getOrDefault(key(name, tags), 0.0);
  }

  private static String key(String name, String... tags) {
    return name + String.join(",", tags);
  }
}
