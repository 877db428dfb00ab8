package io.udb.security.oauth;

import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * The start of an authorization: where to send the user's browser, and the {@code state} the
 * provider will echo back to the callback.
 *
 * @param provider the provider's name
 * @param state the opaque, single-use {@code state} value (256 random bits, base64url)
 * @param authorizationUri the provider's authorization URL with {@code client_id}, {@code
 *     redirect_uri}, {@code scope}, {@code state}, {@code code_challenge} and {@code
 *     code_challenge_method=S256}
 * @param expiresAt when the pending authorization stops being accepted by the callback
 */
public record AuthorizationStart(
    String provider, String state, URI authorizationUri, Instant expiresAt) {

  /** Checks that no field is null. */
  public AuthorizationStart {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(authorizationUri, "authorizationUri");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }
}
