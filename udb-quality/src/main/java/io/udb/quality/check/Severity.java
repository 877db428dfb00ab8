package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Locale;

/**
 * How much a failed check matters: a failed {@link #ERROR} check fails the quality run, a failed
 * {@link #WARNING} check is reported but does not.
 */
public enum Severity {
  /** Reported as {@link CheckStatus#WARNING}; the run still passes. */
  WARNING,
  /** Reported as {@link CheckStatus#FAILED}; the run fails. */
  ERROR;

  /** The JSON spelling: {@code warning} or {@code error}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * Parses the JSON spelling, ignoring case.
   *
   * @param text {@code warning} or {@code error}
   * @return the severity
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for anything else
   */
  public static Severity fromJson(String text) {
    for (Severity severity : values()) {
      if (severity.jsonName().equalsIgnoreCase(text)) {
        return severity;
      }
    }
    throw new UdbException(
        ErrorCode.INVALID_ARGUMENT, "Severity must be 'warning' or 'error', got '" + text + "'");
  }
}
