package io.udb.quality.profile;

import io.udb.core.observe.UdbMetrics;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Metrics that remember every measurement, for tests. */
final class RecordingMetrics implements UdbMetrics {
  /** One measurement. */
  record Measurement(String kind, String name, double value, List<String> tags) {}

  final List<Measurement> measurements = new CopyOnWriteArrayList<>();

  @Override
  public void count(String name, double amount, String... tags) {
    measurements.add(new Measurement("count", name, amount, List.of(tags)));
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    measurements.add(new Measurement("time", name, duration.toNanos(), List.of(tags)));
  }

  @Override
  public void record(String name, double value, String... tags) {
    measurements.add(new Measurement("record", name, value, List.of(tags)));
  }

  List<Measurement> named(String name) {
    return measurements.stream().filter(m -> m.name().equals(name)).toList();
  }
}
