package io.udb.core.observe;

import java.time.Duration;

/**
 * Where UDB records its measurements. Tags are given as alternating keys and values. The default is
 * {@link #noop()}; {@link MicrometerMetrics} records into a Micrometer registry.
 *
 * <p>Implementations are thread-safe and never throw.
 */
public interface UdbMetrics {

  /**
   * Adds to a counter.
   *
   * @param name the meter name
   * @param amount how much to add
   * @param tags alternating tag keys and values
   */
  void count(String name, double amount, String... tags);

  /**
   * Records a duration in a timer.
   *
   * @param name the meter name
   * @param duration the duration
   * @param tags alternating tag keys and values
   */
  void time(String name, Duration duration, String... tags);

  /**
   * Records a value in a distribution summary.
   *
   * @param name the meter name
   * @param value the value
   * @param tags alternating tag keys and values
   */
  void record(String name, double value, String... tags);

  /** Metrics that record nothing. */
  static UdbMetrics noop() {
    return NoopMetrics.INSTANCE;
  }
}
