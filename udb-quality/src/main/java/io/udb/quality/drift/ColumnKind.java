package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Locale;

/** How a column's values are compared: as ordered numbers or as unordered categories. */
public enum ColumnKind {
  /** Ordered numbers: distribution tests (KS, Wasserstein, ...) apply. */
  NUMERIC("numeric"),
  /** Unordered categories: frequency tests (chi-square, z, ...) apply. */
  CATEGORICAL("categorical");

  private final String label;

  ColumnKind(String label) {
    this.label = label;
  }

  /** The name used in JSON, {@code numeric} or {@code categorical}. */
  public String label() {
    return label;
  }

  /**
   * Parses a kind by its JSON name.
   *
   * @param text {@code numeric} or {@code categorical} (also Evidently's {@code num} and {@code
   *     cat})
   * @return the kind
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for anything else
   */
  public static ColumnKind parse(String text) {
    String value = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    switch (value) {
      case "numeric":
      case "num":
        return NUMERIC;
      case "categorical":
      case "cat":
        return CATEGORICAL;
      default:
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Column kind must be 'numeric' or 'categorical', got '" + text + "'");
    }
  }
}
