package io.udb.api;

import java.util.Objects;

/**
 * The root of UDB's exceptions. Every error UDB reports carries a stable {@link ErrorCode} and a
 * message that says what to fix; messages never contain secret values or data of another tenant.
 */
public class UdbException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** The stable error code. */
  private final ErrorCode code;

  /**
   * Creates an exception.
   *
   * @param code the stable error code
   * @param message what went wrong and what to do about it
   */
  public UdbException(ErrorCode code, String message) {
    this(code, message, null);
  }

  /**
   * Creates an exception with a cause.
   *
   * @param code the stable error code
   * @param message what went wrong and what to do about it
   * @param cause the underlying cause, kept for logs only
   */
  public UdbException(ErrorCode code, String message, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
  }

  /** The stable error code. */
  public ErrorCode code() {
    return code;
  }
}
