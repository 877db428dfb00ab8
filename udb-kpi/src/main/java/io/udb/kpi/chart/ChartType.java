package io.udb.kpi.chart;

import java.util.Locale;
import java.util.Optional;

/** The kinds of chart the renderer draws; each has a lower-case name in the JSON form. */
public enum ChartType {
  /** Lines over time, numbers or ordered categories; one line per series. */
  LINE,
  /** Bars per category, vertical or horizontal, grouped or stacked by series. */
  BAR,
  /** Points of two measures; one colour per series. */
  SCATTER,
  /** The distribution of one measure in bins computed from its values. */
  HISTOGRAM,
  /** Shares of a whole as slices. */
  PIE,
  /** A pie with a hole, for the same data. */
  DONUT,
  /** Coloured cells of a value over two categories, e.g. a correlation matrix. */
  HEATMAP;

  /** The name used in the JSON form, e.g. {@code line}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type with the given JSON name.
   *
   * @param name a JSON name, compared ignoring case
   * @return the type, or empty when no type has that name
   */
  public static Optional<ChartType> fromJsonName(String name) {
    for (ChartType type : values()) {
      if (type.jsonName().equalsIgnoreCase(name)) {
        return Optional.of(type);
      }
    }
    return Optional.empty();
  }
}
