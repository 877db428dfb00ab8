package io.udb.kpi;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Metrics that keep every measurement with its tags, for assertions. */
public final class RecordingMetrics implements UdbMetrics {
  private final Map<String, List<Measurement>> measurements = new ConcurrentHashMap<>();

  /**
   * One recorded measurement.
   *
   * @param value the amount, value or duration in milliseconds
   * @param tags alternating keys and values
   */
  public record Measurement(double value, List<String> tags) {}

  @Override
  public void count(String name, double amount, String... tags) {
    add(name, amount, tags);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    add(name, duration.toMillis(), tags);
  }

  @Override
  public void record(String name, double value, String... tags) {
    add(name, value, tags);
  }

  private void add(String name, double value, String... tags) {
    measurements
        .computeIfAbsent(name, n -> Collections.synchronizedList(new ArrayList<>()))
        .add(new Measurement(value, List.of(tags)));
  }

  /** The measurements of a meter, in order. */
  public List<Measurement> of(String name) {
    List<Measurement> list = measurements.get(name);
    if (list == null) {
      return List.of();
    }
    synchronized (list) {
      return List.copyOf(list);
    }
  }

  /** The sum of a meter's values whose tags include the given key and value. */
  public double total(String name, String tagKey, String tagValue) {
    double sum = 0;
    for (Measurement m : of(name)) {
      for (int i = 0; i + 1 < m.tags().size(); i += 2) {
        if (m.tags().get(i).equals(tagKey) && m.tags().get(i + 1).equals(tagValue)) {
          sum += m.value();
        }
      }
    }
    return sum;
  }

  /** Forgets everything recorded so far. */
  public void clear() {
    measurements.clear();
  }
}
