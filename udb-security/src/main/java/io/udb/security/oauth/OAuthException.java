package io.udb.security.oauth;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * A refusal or failure of the OAuth2 flow. The {@link #reason()} is a short stable token (one of
 * the constants below) fit for a metric tag; the message says what to do and never holds a token,
 * code, verifier or client secret.
 */
public final class OAuthException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** No provider with the requested name is configured ({@link ErrorCode#CONFIG_INVALID}). */
  public static final String UNKNOWN_PROVIDER = "unknown_provider";

  /** The provider's client secret could not be resolved ({@link ErrorCode#CONFIG_INVALID}). */
  public static final String CLIENT_SECRET_MISSING = "client_secret_missing";

  /** The {@code state} is not one this flow issued ({@link ErrorCode#INVALID_ARGUMENT}). */
  public static final String STATE_UNKNOWN = "state_unknown";

  /** The {@code state} was already presented once ({@link ErrorCode#INVALID_ARGUMENT}). */
  public static final String STATE_REPLAYED = "state_replayed";

  /**
   * The pending authorization is older than its time to live ({@link ErrorCode#INVALID_ARGUMENT}).
   */
  public static final String STATE_EXPIRED = "state_expired";

  /** The {@code state} was issued for another provider ({@link ErrorCode#INVALID_ARGUMENT}). */
  public static final String STATE_PROVIDER_MISMATCH = "state_provider_mismatch";

  /** The {@code state} was issued to another principal or tenant ({@link ErrorCode#FORBIDDEN}). */
  public static final String STATE_PRINCIPAL_MISMATCH = "state_principal_mismatch";

  /** The pending authorization holds no PKCE verifier ({@link ErrorCode#INVALID_ARGUMENT}). */
  public static final String MISSING_VERIFIER = "missing_verifier";

  /** The callback carries no authorization code ({@link ErrorCode#INVALID_ARGUMENT}). */
  public static final String CODE_MISSING = "code_missing";

  /**
   * The authorization code was already presented to this flow ({@link ErrorCode#INVALID_ARGUMENT}).
   */
  public static final String CODE_REPLAYED = "code_replayed";

  /**
   * The token endpoint refused the code: unknown, used, expired, or the verifier does not match
   * ({@link ErrorCode#INVALID_ARGUMENT}).
   */
  public static final String CODE_REJECTED = "code_rejected";

  /** The tenant has no tokens for the provider ({@link ErrorCode#SECRET_NOT_FOUND}). */
  public static final String NOT_CONNECTED = "not_connected";

  /**
   * The access token expired and there is no refresh token to renew it ({@link
   * ErrorCode#UNAUTHENTICATED}).
   */
  public static final String TOKEN_EXPIRED = "token_expired";

  /** The token endpoint refused the refresh token ({@link ErrorCode#UNAUTHENTICATED}). */
  public static final String REFRESH_REJECTED = "refresh_rejected";

  /**
   * The provider refused a request for a reason that points at the client configuration, e.g.
   * {@code invalid_client} ({@link ErrorCode#CONFIG_INVALID}).
   */
  public static final String PROVIDER_REJECTED = "provider_rejected";

  /**
   * The provider could not be reached, answered with a server error or an unreadable response
   * ({@link ErrorCode#UNAVAILABLE}).
   */
  public static final String PROVIDER_UNAVAILABLE = "provider_unavailable";

  /**
   * The revocation endpoint failed; the tokens were deleted locally anyway ({@link
   * ErrorCode#UNAVAILABLE} or {@link ErrorCode#CONFIG_INVALID}).
   */
  public static final String REVOCATION_FAILED = "revocation_failed";

  /** The stored token set cannot be read ({@link ErrorCode#STORAGE_ERROR}). */
  public static final String TOKEN_STORE_CORRUPT = "token_store_corrupt";

  /** The stable reason token. */
  private final String reason;

  /**
   * Creates the exception.
   *
   * @param code the stable error code
   * @param reason the stable reason token, one of this class's constants
   * @param message what went wrong and what to do, without secret material
   */
  public OAuthException(ErrorCode code, String reason, String message) {
    this(code, reason, message, null);
  }

  /**
   * Creates the exception with a cause.
   *
   * @param code the stable error code
   * @param reason the stable reason token
   * @param message what went wrong and what to do, without secret material
   * @param cause the cause, for logs only; must not carry secret material
   */
  public OAuthException(ErrorCode code, String reason, String message, Throwable cause) {
    super(code, message, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  /** The stable reason token, e.g. {@code state_replayed}. */
  public String reason() {
    return reason;
  }
}
