package io.udb.kpi.chart;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Where the rows of a line chart sit on a numeric x axis, and how its ticks are labelled. Dates
 * become period numbers of their grain, so that months are evenly spaced and ticks fall on whole
 * periods, labelled like {@code Jun 2015}; categories become their position of first appearance;
 * numbers stay themselves.
 *
 * @param positions the position of each row, {@code null} where the x value is missing
 * @param labeller the tick label of a position
 * @param grain the grain of a date axis, else {@code null}
 * @param categorical whether the positions stand for categories
 */
record XPositions(
    List<Double> positions,
    Function<Double, String> labeller,
    DateGrain grain,
    boolean categorical) {

  /** Positions of an x column. */
  static XPositions of(List<Object> values, DateGrain requested, String pattern, Locale locale) {
    return switch (ChartValues.kind(values)) {
      case TIME -> dates(values, requested, locale);
      case NUMBER -> numbers(values, pattern, locale);
      case CATEGORY, EMPTY -> categories(values);
    };
  }

  private static XPositions dates(List<Object> values, DateGrain requested, Locale locale) {
    List<LocalDate> dates = values.stream().map(ChartValues::date).toList();
    DateGrain grain =
        requested != null
            ? requested
            : DateGrain.infer(dates.stream().filter(Objects::nonNull).toList());
    List<Double> positions = new ArrayList<>(dates.size());
    for (LocalDate date : dates) {
      positions.add(date == null ? null : (double) grain.index(date));
    }
    return new XPositions(
        positions,
        AxisLabels.everyWholePosition(period -> grain.label(grain.startOf(period), locale)),
        grain,
        false);
  }

  private static XPositions numbers(List<Object> values, String pattern, Locale locale) {
    List<Double> positions = values.stream().map(ChartValues::number).toList();
    double min = positions.stream().filter(Objects::nonNull).mapToDouble(d -> d).min().orElse(0);
    double max = positions.stream().filter(Objects::nonNull).mapToDouble(d -> d).max().orElse(0);
    return new XPositions(positions, ValueFormat.forRange(pattern, locale, min, max), null, false);
  }

  private static XPositions categories(List<Object> values) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<Double> positions = new ArrayList<>(values.size());
    for (Object value : values) {
      String text = ChartValues.text(value);
      if (text == null) {
        positions.add(null);
        continue;
      }
      positions.add((double) index.computeIfAbsent(text, t -> index.size()));
    }
    List<String> labels = List.copyOf(index.keySet());
    return new XPositions(
        positions,
        AxisLabels.wholePositions(labels.size(), at -> labels.get((int) at)),
        null,
        true);
  }
}
