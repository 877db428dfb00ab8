package io.udb.ingest.load;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Locale;

/** How a load changes its target table. Every mode is atomic: all of it happens or none. */
public enum LoadMode {
  /** The table is replaced by the loaded rows (created when missing). */
  REPLACE,
  /** The loaded rows are added to the table (created when missing); its schema may evolve. */
  APPEND,
  /**
   * Rows whose key matches a row of the table replace that row, the others are added; within one
   * load the last row of a key wins. Needs {@link LoadOptions#keys()}.
   */
  UPSERT;

  /**
   * Parses a mode name, ignoring case.
   *
   * @param text {@code replace}, {@code append} or {@code upsert}
   * @return the mode
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for any other text
   */
  public static LoadMode parse(String text) {
    String name = text == null ? "" : text.trim().toUpperCase(Locale.ROOT);
    for (LoadMode mode : values()) {
      if (mode.name().equals(name)) {
        return mode;
      }
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Load mode must be replace, append or upsert, not '" + text + "'");
  }

  /** The lower-case name used in results and events. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
