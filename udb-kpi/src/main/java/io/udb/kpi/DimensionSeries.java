package io.udb.kpi;

import java.util.List;
import java.util.Objects;

/**
 * The time series of a KPI restricted to one value of a dimension.
 *
 * @param dimension the dimension column
 * @param value the dimension value as text (masked for callers who may not see it), or {@code null}
 *     for rows without a value
 * @param points the periods in which the value occurs, in time order
 */
public record DimensionSeries(String dimension, String value, List<SeriesPoint> points) {
  /** Validates and copies. */
  public DimensionSeries {
    Objects.requireNonNull(dimension, "dimension");
    points = List.copyOf(points);
  }
}
