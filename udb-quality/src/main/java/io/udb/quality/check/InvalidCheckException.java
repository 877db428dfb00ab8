package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;

/**
 * A check in JSON form is malformed: unknown check name, unknown or missing field, or a value of
 * the wrong type or out of range. The code is always {@link ErrorCode#INVALID_ARGUMENT}; {@link
 * #index()} and {@link #field()} say where.
 */
public final class InvalidCheckException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** The position of the check in the {@code checks} array. */
  private final int index;

  /** The offending field, or null when the check as a whole is wrong. */
  private final String field;

  /**
   * Creates the exception.
   *
   * @param index the position of the check in the {@code checks} array, or -1 for the request
   * @param field the offending field, or null
   * @param problem what is wrong, without the location
   */
  public InvalidCheckException(int index, String field, String problem) {
    super(ErrorCode.INVALID_ARGUMENT, location(index, field) + ": " + problem);
    this.index = index;
    this.field = field;
  }

  /** The position of the check in the {@code checks} array, or -1 for the request itself. */
  public int index() {
    return index;
  }

  /** The offending field, or null when the check as a whole is wrong. */
  public String field() {
    return field;
  }

  private static String location(int index, String field) {
    String base = index < 0 ? "request" : "checks[" + index + "]";
    return field == null ? base : base + "." + field;
  }
}
