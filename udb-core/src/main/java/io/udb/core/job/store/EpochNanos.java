package io.udb.core.job.store;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Instant;

/**
 * Instants as nanoseconds since the epoch in a signed 64-bit integer: exact for every instant from
 * 1677-09-21 to 2262-04-11, so that job times round-trip through a BIGINT column unchanged.
 */
final class EpochNanos {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private EpochNanos() {}

  /**
   * The exact nanoseconds of an instant.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when it is out of range
   */
  static long of(Instant instant) {
    try {
      return Math.addExact(
          Math.multiplyExact(instant.getEpochSecond(), NANOS_PER_SECOND), instant.getNano());
    } catch (ArithmeticException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Job time "
              + instant
              + " is outside the range the JDBC job store can hold (1677-09-21 to 2262-04-11)");
    }
  }

  /** The nanoseconds of an instant, clamped to the range; for comparisons with stored times. */
  static long saturated(Instant instant) {
    try {
      return of(instant);
    } catch (UdbException e) {
      return instant.getEpochSecond() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** The instant of a stored value. */
  static Instant toInstant(long nanos) {
    return Instant.ofEpochSecond(
        Math.floorDiv(nanos, NANOS_PER_SECOND), Math.floorMod(nanos, NANOS_PER_SECOND));
  }
}
