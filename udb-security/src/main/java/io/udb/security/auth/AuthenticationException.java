package io.udb.security.auth;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * A bearer token was refused. The code is always {@link ErrorCode#UNAUTHENTICATED}; {@link
 * #reason()} is a stable token for metrics and audit ({@code expired}, {@code bad_signature}, ...).
 * The message is safe to show to the caller: it never repeats the token or any part of it.
 */
public final class AuthenticationException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** The token was absent or blank. */
  public static final String MISSING_TOKEN = "missing_token";

  /** The token is not a well-formed signed JWT, or is larger than allowed. */
  public static final String MALFORMED = "malformed";

  /** The signature does not verify with the key the token names. */
  public static final String BAD_SIGNATURE = "bad_signature";

  /** The token's {@code exp} has passed. */
  public static final String EXPIRED = "expired";

  /** The token's {@code nbf} or {@code iat} lies in the future. */
  public static final String NOT_YET_VALID = "not_yet_valid";

  /** A required claim is absent. */
  public static final String MISSING_CLAIM = "missing_claim";

  /** A claim has the wrong type or an invalid value (tenant id, role). */
  public static final String BAD_CLAIM = "bad_claim";

  /** The {@code iss} claim is not the configured issuer. */
  public static final String WRONG_ISSUER = "wrong_issuer";

  /** The {@code aud} claim does not contain the configured audience. */
  public static final String WRONG_AUDIENCE = "wrong_audience";

  /** No key in the JWKS document has the token's {@code kid}. */
  public static final String UNKNOWN_KID = "unknown_kid";

  /** The token's {@code alg} is not allowed, or does not fit the key it names. */
  public static final String ALGORITHM_NOT_ALLOWED = "algorithm_not_allowed";

  /** The token carries no signature ({@code alg: none} or an empty signature part). */
  public static final String UNSIGNED = "unsigned";

  /** The stable reason token. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param reason one of the reason constants of this class
   * @param message what was wrong with the token, without echoing it
   */
  public AuthenticationException(String reason, String message) {
    this(reason, message, null);
  }

  /**
   * Creates the exception with a cause kept for logs.
   *
   * @param reason one of the reason constants of this class
   * @param message what was wrong with the token, without echoing it
   * @param cause the underlying failure
   */
  public AuthenticationException(String reason, String message, Throwable cause) {
    super(ErrorCode.UNAUTHENTICATED, message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason token, e.g. {@code expired}. */
  public String reason() {
    return reason;
  }
}
