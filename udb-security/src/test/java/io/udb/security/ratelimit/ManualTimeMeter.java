package io.udb.security.ratelimit;

import io.github.bucket4j.TimeMeter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** A time source that moves only when a test advances it. */
public final class ManualTimeMeter implements TimeMeter {
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

  @Override
  public long currentTimeNanos() {
    return nanos.get();
  }

  @Override
  public boolean isWallClockBased() {
    return false;
  }

  /**
   * Moves time forward.
   *
   * @param duration how far
   */
  public void advance(Duration duration) {
    nanos.addAndGet(duration.toNanos());
  }
}
