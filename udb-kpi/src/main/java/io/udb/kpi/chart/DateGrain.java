package io.udb.kpi.chart;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The length of the periods a time axis counts in, which decides how dates are labelled: {@code
 * 2015-06-01} (day), {@code 2015-W23} (ISO week), {@code Jun 2015} (month), {@code Q2 2015}
 * (quarter), {@code 2015} (year).
 *
 * <p>Each grain numbers its periods with consecutive integers ({@link #index}), so that a time
 * series is evenly spaced on its axis whatever the lengths of its months.
 */
public enum DateGrain {
  /** Calendar days. */
  DAY,
  /** ISO weeks, Monday to Sunday. */
  WEEK,
  /** Calendar months. */
  MONTH,
  /** Calendar quarters. */
  QUARTER,
  /** Calendar years. */
  YEAR;

  /** 1970-01-01 was a Thursday: the Monday that starts its ISO week is 3 days earlier. */
  private static final int EPOCH_WEEK_OFFSET = 3;

  /** The name used in the JSON form, e.g. {@code month}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The grain with the given JSON name.
   *
   * @param name a JSON name, compared ignoring case
   * @return the grain, or empty when none has that name
   */
  public static Optional<DateGrain> fromJsonName(String name) {
    for (DateGrain grain : values()) {
      if (grain.jsonName().equalsIgnoreCase(name)) {
        return Optional.of(grain);
      }
    }
    return Optional.empty();
  }

  /**
   * The first day of the period that contains a date.
   *
   * @param date a date
   * @return the first day of its period
   */
  public LocalDate periodStart(LocalDate date) {
    Objects.requireNonNull(date, "date");
    return switch (this) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      case QUARTER -> LocalDate.of(date.getYear(), firstMonthOfQuarter(date), 1);
      case YEAR -> LocalDate.of(date.getYear(), 1, 1);
    };
  }

  /**
   * The number of the period that contains a date; the next period has the next number.
   *
   * @param date a date
   * @return the period number
   */
  public long index(LocalDate date) {
    LocalDate start = periodStart(date);
    return switch (this) {
      case DAY -> start.toEpochDay();
      case WEEK -> Math.floorDiv(start.toEpochDay() + EPOCH_WEEK_OFFSET, 7);
      case MONTH -> start.getYear() * 12L + start.getMonthValue() - 1;
      case QUARTER -> start.getYear() * 4L + (start.getMonthValue() - 1) / 3;
      case YEAR -> start.getYear();
    };
  }

  /**
   * The first day of a numbered period, the inverse of {@link #index}.
   *
   * @param index a period number
   * @return the first day of that period
   */
  public LocalDate startOf(long index) {
    return switch (this) {
      case DAY -> LocalDate.ofEpochDay(index);
      case WEEK -> LocalDate.ofEpochDay(index * 7 - EPOCH_WEEK_OFFSET);
      case MONTH ->
          LocalDate.of(Math.toIntExact(Math.floorDiv(index, 12)), Math.floorMod(index, 12) + 1, 1);
      case QUARTER ->
          LocalDate.of(
              Math.toIntExact(Math.floorDiv(index, 4)), Math.floorMod(index, 4) * 3 + 1, 1);
      case YEAR -> LocalDate.of(Math.toIntExact(index), 1, 1);
    };
  }

  /**
   * The label of the period that contains a date.
   *
   * @param date a date
   * @param locale the language of month names
   * @return e.g. {@code Jun 2015} for a month
   */
  public String label(LocalDate date, Locale locale) {
    LocalDate start = periodStart(date);
    return switch (this) {
      case DAY -> start.toString();
      case WEEK ->
          String.format(
              Locale.ROOT,
              "%d-W%02d",
              start.get(IsoFields.WEEK_BASED_YEAR),
              start.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> DateTimeFormatter.ofPattern("MMM yyyy", locale).format(start);
      case QUARTER -> "Q" + ((start.getMonthValue() - 1) / 3 + 1) + " " + start.getYear();
      case YEAR -> Integer.toString(start.getYear());
    };
  }

  /**
   * The coarsest grain that the dates of a time series are consistent with: every date is the first
   * day of its period. Aggregated series are dated by their period starts, so monthly data is
   * recognised as monthly, while daily data almost never falls on period starts only.
   *
   * @param dates the dates of a series, in any order, duplicates allowed
   * @return the grain; {@link #DAY} for fewer than two distinct dates
   */
  public static DateGrain infer(Collection<LocalDate> dates) {
    List<LocalDate> distinct = dates.stream().distinct().toList();
    if (distinct.size() < 2) {
      return DAY;
    }
    for (DateGrain grain : List.of(YEAR, QUARTER, MONTH, WEEK)) {
      if (fits(grain, distinct)) {
        return grain;
      }
    }
    return DAY;
  }

  private static boolean fits(DateGrain grain, List<LocalDate> dates) {
    return dates.stream().allMatch(date -> grain.periodStart(date).equals(date));
  }

  private static int firstMonthOfQuarter(LocalDate date) {
    return (date.getMonthValue() - 1) / 3 * 3 + 1;
  }
}
