package io.udb.api;

/**
 * User SQL was refused by the SQL guard before it ran. The {@link #reason()} is a short stable
 * token (e.g. {@code table_function}, {@code not_select}) used as a metric tag.
 */
public final class SqlRejectedException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** The stable reason token. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param code one of the {@code SQL_*} codes
   * @param reason a short stable token for metrics
   * @param message what was refused and why
   */
  public SqlRejectedException(ErrorCode code, String reason, String message) {
    super(code, message);
    this.reason = reason;
  }

  /** The stable reason token, suitable as a metric tag. */
  public String reason() {
    return reason;
  }
}
