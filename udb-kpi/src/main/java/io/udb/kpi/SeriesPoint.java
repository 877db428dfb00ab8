package io.udb.kpi;

import java.time.LocalDate;
import java.util.Objects;

/**
 * One period of a KPI's time series.
 *
 * @param period the first day of the period
 * @param value the KPI's value in it, or {@code null} when no row had a value
 */
public record SeriesPoint(LocalDate period, Double value) {
  /** Validates the period. */
  public SeriesPoint {
    Objects.requireNonNull(period, "period");
  }
}
