package io.udb.api;

/** Configuration is missing, malformed or names a plugin that cannot be used. */
public final class ConfigurationException extends UdbException {
  private static final long serialVersionUID = 1L;

  /**
   * Creates the exception.
   *
   * @param code {@link ErrorCode#CONFIG_INVALID} or one of the {@code PLUGIN_*} codes
   * @param message which key or plugin is at fault and how to fix it
   */
  public ConfigurationException(ErrorCode code, String message) {
    super(code, message);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param code the code
   * @param message the message
   * @param cause the cause
   */
  public ConfigurationException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
