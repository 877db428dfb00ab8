package io.udb.api;

import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A job's identifier: 1 to 64 characters of ASCII letters, digits and {@code -}, so that it is safe
 * in a URL path and a file name.
 *
 * @param value the validated id
 */
public record JobId(String value) {
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

  /**
   * Validates the id.
   *
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when it is not valid
   */
  public JobId {
    Objects.requireNonNull(value, "job id");
    if (!VALID.matcher(value).matches()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Job id must be 1-64 characters of letters, digits and '-'");
    }
  }

  /** A new random id. */
  public static JobId random() {
    return new JobId(UUID.randomUUID().toString());
  }

  /**
   * Parses an id.
   *
   * @param value the raw id
   * @return the id
   */
  public static JobId of(String value) {
    return new JobId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
