package io.udb.kpi;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Optional;

/**
 * The calendar period a time-based KPI is computed per. Weeks start on Monday (ISO 8601), on every
 * engine ({@link io.udb.api.engine.SqlDialect#periodStartDate}).
 */
public enum Grain {
  /** Calendar days. */
  DAY("day"),
  /** ISO weeks, starting on Monday. */
  WEEK("week"),
  /** Calendar months. */
  MONTH("month"),
  /** Calendar quarters. */
  QUARTER("quarter"),
  /** Calendar years. */
  YEAR("year");

  private final String externalName;

  Grain(String externalName) {
    this.externalName = externalName;
  }

  /** The name used in JSON, YAML and SQL, e.g. {@code month}. */
  public String externalName() {
    return externalName;
  }

  /**
   * The first day of the period containing a date.
   *
   * @param date any date
   * @return the period's start
   */
  public LocalDate truncate(LocalDate date) {
    return switch (this) {
      case DAY -> date;
      case WEEK -> date.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
      case MONTH -> date.withDayOfMonth(1);
      case QUARTER -> date.with(IsoFields.DAY_OF_QUARTER, 1);
      case YEAR -> date.withDayOfYear(1);
    };
  }

  /**
   * The start of the period just before the one starting at {@code period}.
   *
   * @param period a period start
   * @return the previous period's start
   */
  public LocalDate previous(LocalDate period) {
    return switch (this) {
      case DAY -> period.minusDays(1);
      case WEEK -> period.minusWeeks(1);
      case MONTH -> period.minusMonths(1);
      case QUARTER -> period.minusMonths(3);
      case YEAR -> period.minusYears(1);
    };
  }

  /**
   * The start of the same period one year earlier: the same day, month or quarter of the year
   * before, or the week containing the same date a year earlier. For {@link #YEAR} it is the
   * previous period, so it is empty there.
   *
   * @param period a period start
   * @return the year-ago period's start, or empty for {@link #YEAR}
   */
  public Optional<LocalDate> yearAgo(LocalDate period) {
    if (this == YEAR) {
      return Optional.empty();
    }
    return Optional.of(truncate(period.minusYears(1)));
  }

  /**
   * The grain with the given external name, ignoring case.
   *
   * @param name e.g. {@code month}
   * @return the grain, or empty for an unknown name
   */
  public static Optional<Grain> byName(String name) {
    if (name == null) {
      return Optional.empty();
    }
    String wanted = name.trim().toLowerCase(Locale.ROOT);
    for (Grain grain : values()) {
      if (grain.externalName.equals(wanted)) {
        return Optional.of(grain);
      }
    }
    return Optional.empty();
  }
}
