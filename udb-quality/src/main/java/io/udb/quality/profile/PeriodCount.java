package io.udb.quality.profile;

import java.util.Objects;

/**
 * One calendar period of a datetime histogram.
 *
 * @param start the first day of the period, ISO-8601 ({@code 2014-01-01}); weeks start on Monday
 * @param count the number of values within the period
 */
public record PeriodCount(String start, long count) {
  /** Validates the start. */
  public PeriodCount {
    Objects.requireNonNull(start, "start");
  }
}
