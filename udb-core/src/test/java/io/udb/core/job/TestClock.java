package io.udb.core.job;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that stands still until a test moves it, so that timestamps and durations are exact
 * without reading the wall clock. Thread-safe: job bodies may advance it on a worker thread.
 */
public final class TestClock extends Clock {
  private final AtomicReference<Instant> now;

  /**
   * A clock showing the given instant.
   *
   * @param start the initial time
   */
  public TestClock(Instant start) {
    this.now = new AtomicReference<>(start);
  }

  /**
   * Moves the clock forward.
   *
   * @param step how far
   * @return the new time
   */
  public Instant advance(Duration step) {
    return now.updateAndGet(t -> t.plus(step));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("TestClock is always UTC");
  }
}
