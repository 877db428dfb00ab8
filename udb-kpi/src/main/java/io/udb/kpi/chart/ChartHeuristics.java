package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Picks a chart from the shape of a result: a date and a number make a line, a category and a
 * number bars of the largest categories, two numbers a scatter plot, one number a histogram.
 * Columns are judged by their values, not their names.
 */
final class ChartHeuristics {
  /** How many categories a suggested bar chart keeps before "Other". */
  static final int DEFAULT_TOP_N = 10;

  /** A category column with at most this many values splits a line chart into series. */
  private static final int MAX_SUGGESTED_SERIES = 8;

  /** Bars turn horizontal when a category label is longer than this, so labels stay level. */
  private static final int LONG_LABEL = 14;

  private ChartHeuristics() {}

  static ChartSpec suggest(ChartData data, String title) {
    Objects.requireNonNull(data, "data");
    List<String> times = new ArrayList<>();
    List<String> measures = new ArrayList<>();
    List<String> categories = new ArrayList<>();
    for (String column : data.columns()) {
      switch (ChartValues.kind(data.column(column))) {
        case TIME -> times.add(column);
        case NUMBER -> measures.add(column);
        case CATEGORY -> categories.add(column);
        case EMPTY -> {}
      }
    }
    if (!times.isEmpty() && !measures.isEmpty()) {
      String x = times.get(0);
      ChartSpec.Builder line =
          ChartSpec.builder(ChartType.LINE)
              .title(title)
              .x(x)
              .y(measures.get(0))
              .grain(DateGrain.infer(dates(data, x)));
      categories.stream()
          .filter(c -> distinct(data, c) <= MAX_SUGGESTED_SERIES)
          .findFirst()
          .ifPresent(line::series);
      return line.build();
    }
    if (!categories.isEmpty() && !measures.isEmpty()) {
      String x = categories.get(0);
      boolean longLabels =
          data.column(x).stream()
              .map(ChartValues::text)
              .anyMatch(label -> label != null && label.length() > LONG_LABEL);
      return ChartSpec.builder(ChartType.BAR)
          .title(title)
          .x(x)
          .y(measures.get(0))
          .topN(DEFAULT_TOP_N)
          .orientation(longLabels ? BarOrientation.HORIZONTAL : BarOrientation.VERTICAL)
          .build();
    }
    if (measures.size() >= 2) {
      return ChartSpec.builder(ChartType.SCATTER)
          .title(title)
          .x(measures.get(0))
          .y(measures.get(1))
          .build();
    }
    if (measures.size() == 1) {
      return ChartSpec.builder(ChartType.HISTOGRAM).title(title).x(measures.get(0)).build();
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "No chart fits data without a numeric column with values; its columns are "
            + (data.columns().isEmpty() ? "none" : String.join(", ", data.columns())));
  }

  private static List<java.time.LocalDate> dates(ChartData data, String column) {
    return data.column(column).stream().map(ChartValues::date).filter(Objects::nonNull).toList();
  }

  private static long distinct(ChartData data, String column) {
    return data.column(column).stream().filter(Objects::nonNull).distinct().count();
  }
}
