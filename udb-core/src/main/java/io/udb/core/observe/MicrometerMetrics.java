package io.udb.core.observe;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * Records into a Micrometer {@link MeterRegistry}. Micrometer is an optional dependency of
 * udb-core: this class is the only one that names it, and is loaded only when a host creates it.
 */
public final class MicrometerMetrics implements UdbMetrics {
  private final MeterRegistry registry;

  private MicrometerMetrics(MeterRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Metrics recorded into the given registry.
   *
   * @param registry the host's registry
   * @return the metrics
   */
  public static MicrometerMetrics of(MeterRegistry registry) {
    return new MicrometerMetrics(registry);
  }

  @Override
  public void count(String name, double amount, String... tags) {
    registry.counter(name, tags).increment(amount);
  }

  @Override
  public void time(String name, Duration duration, String... tags) {
    Timer.builder(name).tags(tags).register(registry).record(duration);
  }

  @Override
  public void record(String name, double value, String... tags) {
    DistributionSummary.builder(name).tags(tags).register(registry).record(value);
  }
}
