package io.udb.security.authz;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * The caller is authenticated but not allowed to do what it asked: its role is too low for the
 * operation, or the statement touches a table outside its grants. Always {@link
 * ErrorCode#FORBIDDEN}.
 */
public final class AccessDeniedException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** Reason token: the principal's highest role is below the operation's minimum role. */
  public static final String ROLE_TOO_LOW = "role_too_low";

  /** Reason token: a referenced table is not in the principal's table grants. */
  public static final String TABLE_NOT_GRANTED = "table_not_granted";

  /** The stable reason token. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param reason a stable reason token, e.g. {@link #ROLE_TOO_LOW}
   * @param message what was refused and what to do about it
   */
  public AccessDeniedException(String reason, String message) {
    super(ErrorCode.FORBIDDEN, message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason token, usable as a metric tag. */
  public String reason() {
    return reason;
  }
}
