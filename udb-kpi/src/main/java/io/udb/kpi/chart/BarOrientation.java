package io.udb.kpi.chart;

import java.util.Locale;
import java.util.Optional;

/** Which way the bars of a bar chart grow. */
public enum BarOrientation {
  /** Bars grow upwards from a horizontal category axis. */
  VERTICAL,
  /** Bars grow to the right from a vertical category axis; suits long category names. */
  HORIZONTAL;

  /** The name used in the JSON form, e.g. {@code horizontal}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The orientation with the given JSON name.
   *
   * @param name a JSON name, compared ignoring case
   * @return the orientation, or empty when none has that name
   */
  public static Optional<BarOrientation> fromJsonName(String name) {
    for (BarOrientation orientation : values()) {
      if (orientation.jsonName().equalsIgnoreCase(name)) {
        return Optional.of(orientation);
      }
    }
    return Optional.empty();
  }
}
