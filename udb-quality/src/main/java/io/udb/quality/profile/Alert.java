package io.udb.quality.profile;

import java.util.Objects;

/**
 * A finding worth a look, named as ydata-profiling names it.
 *
 * @param type what was found
 * @param column the column, or {@code null} for a finding about the whole table
 * @param otherColumn the second column of a {@link AlertType#HIGH_CORRELATION}, else {@code null}
 * @param value the measured value that crossed the threshold (a share, a count, a correlation, a
 *     skewness, a p-value), or {@code null}
 * @param message a sentence for people
 */
public record Alert(
    AlertType type, String column, String otherColumn, Double value, String message) {
  /** Validates the arguments. */
  public Alert {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(message, "message");
  }
}
