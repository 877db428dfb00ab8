package io.udb.api;

/**
 * A tenant-scoped resource does not exist. Also used when it exists in another tenant, so that
 * callers cannot learn about other tenants' resources.
 */
public final class NotFoundException extends UdbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code a code of category {@link ErrorCode.Category#NOT_FOUND}
   * @param message what was not found
   */
  public NotFoundException(ErrorCode code, String message) {
    super(code, message);
  }
}
