package io.udb.quality.profile;

import java.util.List;

/**
 * The statistics of a date or timestamp column beyond those every column has.
 *
 * @param rangeSeconds maximum minus minimum, in seconds
 * @param period the histogram's period: {@code day}, {@code week}, {@code month}, {@code quarter}
 *     or {@code year}
 * @param histogram the number of values per period, in time order; empty periods are left out
 * @param smallest the earliest distinct values with their counts, ascending
 * @param largest the latest distinct values with their counts, descending
 */
public record DatetimeStats(
    Double rangeSeconds,
    String period,
    List<PeriodCount> histogram,
    List<ValueCount> smallest,
    List<ValueCount> largest) {

  /** Copies the lists. */
  public DatetimeStats {
    histogram = List.copyOf(histogram);
    smallest = List.copyOf(smallest);
    largest = List.copyOf(largest);
  }
}
