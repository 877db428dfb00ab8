package io.udb.security.oauth;

import com.nimbusds.oauth2.sdk.AccessTokenResponse;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.AuthorizationGrant;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ErrorObject;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.RefreshTokenGrant;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.TokenRevocationRequest;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.http.HTTPResponse;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.AccessToken;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.oauth2.sdk.token.RefreshToken;
import com.nimbusds.oauth2.sdk.token.Token;
import com.nimbusds.oauth2.sdk.token.Tokens;
import io.udb.api.ErrorCode;
import io.udb.api.secret.SecretValue;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The only class that talks to Nimbus: builds the authorization URL, calls the token and revocation
 * endpoints, and turns their answers into {@link TokenSet}s or {@link OAuthException}s. Error
 * messages carry the provider's OAuth error code (a fixed vocabulary), never its free-text
 * description, nor any code, verifier or token.
 */
final class NimbusOAuthClient {
  // expires_in beyond this is treated as this, so that the instant arithmetic cannot overflow.
  private static final long MAX_LIFETIME_SECONDS = Duration.ofDays(3650).toSeconds();
  // 256 bits, well above the 128 the brief asks for.
  private static final int STATE_BYTES = 32;

  private final int timeoutMillis;

  NimbusOAuthClient(Duration timeout) {
    this.timeoutMillis = Math.toIntExact(timeout.toMillis());
  }

  /** A fresh random {@code state} (256 bits, base64url). */
  static String newState() {
    return new State(STATE_BYTES).getValue();
  }

  /** A fresh random PKCE code verifier (256 bits, 43 base64url characters). */
  static String newCodeVerifier() {
    return new CodeVerifier().getValue();
  }

  /** The authorization URL with the S256 challenge of {@code verifier}. */
  URI authorizationUri(OAuthProviderSettings provider, String state, String verifier) {
    AuthorizationRequest.Builder request =
        new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(provider.clientId()))
            .endpointURI(provider.authorizeUri())
            .redirectionURI(provider.redirectUri())
            .state(new State(state))
            .codeChallenge(new CodeVerifier(verifier), CodeChallengeMethod.S256);
    if (!provider.scopes().isEmpty()) {
      request.scope(new Scope(provider.scopes().toArray(String[]::new)));
    }
    return request.build().toURI();
  }

  /** Exchanges an authorization code, with its verifier, for tokens. */
  TokenSet exchange(
      OAuthProviderSettings provider,
      Optional<SecretValue> clientSecret,
      String code,
      URI redirectUri,
      String verifier,
      Instant now) {
    AuthorizationGrant grant =
        new AuthorizationCodeGrant(
            new AuthorizationCode(code), redirectUri, new CodeVerifier(verifier));
    HTTPResponse response = send(provider, tokenRequest(provider, clientSecret, grant), "token");
    return tokens(
        provider,
        response,
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.CODE_REJECTED,
        null,
        provider.scopes(),
        now);
  }

  /** Renews the tokens with the refresh token of {@code current}. */
  TokenSet refresh(
      OAuthProviderSettings provider,
      Optional<SecretValue> clientSecret,
      TokenSet current,
      Instant now) {
    AuthorizationGrant grant = new RefreshTokenGrant(new RefreshToken(current.refreshToken()));
    HTTPResponse response = send(provider, tokenRequest(provider, clientSecret, grant), "token");
    return tokens(
        provider,
        response,
        ErrorCode.UNAUTHENTICATED,
        OAuthException.REFRESH_REJECTED,
        current.refreshToken(),
        current.scopes(),
        now);
  }

  /**
   * Revokes the grant at the provider (RFC 7009): the refresh token when there is one (which also
   * ends the access tokens of the grant at most providers), else the access token.
   */
  void revoke(OAuthProviderSettings provider, Optional<SecretValue> clientSecret, TokenSet tokens) {
    URI endpoint = provider.revokeUri().orElseThrow();
    Token token =
        tokens.refreshToken() != null
            ? new RefreshToken(tokens.refreshToken())
            : new BearerAccessToken(tokens.accessToken());
    TokenRevocationRequest request =
        clientSecret.isPresent()
            ? new TokenRevocationRequest(
                endpoint, clientAuthentication(provider, clientSecret.get()), token)
            : new TokenRevocationRequest(endpoint, new ClientID(provider.clientId()), token);
    HTTPResponse response = send(provider, request.toHTTPRequest(), "revocation");
    if (response.indicatesSuccess()) {
      return;
    }
    ErrorObject error = errorOf(response);
    boolean serverSide = isServerSide(error, response.getStatusCode());
    throw new OAuthException(
        serverSide ? ErrorCode.UNAVAILABLE : ErrorCode.CONFIG_INVALID,
        OAuthException.REVOCATION_FAILED,
        "OAuth provider '"
            + provider.name()
            + "' refused the revocation (HTTP "
            + response.getStatusCode()
            + describe(error)
            + "); the tokens were deleted here, revoke the grant at the provider if it persists");
  }

  private static HTTPRequest tokenRequest(
      OAuthProviderSettings provider,
      Optional<SecretValue> clientSecret,
      AuthorizationGrant grant) {
    TokenRequest.Builder builder =
        clientSecret.isPresent()
            ? new TokenRequest.Builder(
                provider.tokenUri(), clientAuthentication(provider, clientSecret.get()), grant)
            : new TokenRequest.Builder(
                provider.tokenUri(), new ClientID(provider.clientId()), grant);
    return builder.build().toHTTPRequest();
  }

  private static ClientSecretBasic clientAuthentication(
      OAuthProviderSettings provider, SecretValue secret) {
    return new ClientSecretBasic(new ClientID(provider.clientId()), new Secret(secret.reveal()));
  }

  private HTTPResponse send(OAuthProviderSettings provider, HTTPRequest request, String endpoint) {
    request.setConnectTimeout(timeoutMillis);
    request.setReadTimeout(timeoutMillis);
    // A redirect would re-send the client credentials and the code elsewhere.
    request.setFollowRedirects(false);
    try {
      return request.send();
    } catch (IOException e) {
      throw new OAuthException(
          ErrorCode.UNAVAILABLE,
          unavailableReason(endpoint),
          "OAuth provider '"
              + provider.name()
              + "' "
              + endpoint
              + " endpoint cannot be reached ("
              + e.getClass().getSimpleName()
              + "); retry later or check its URL",
          e);
    }
  }

  private static String unavailableReason(String endpoint) {
    return endpoint.equals("revocation")
        ? OAuthException.REVOCATION_FAILED
        : OAuthException.PROVIDER_UNAVAILABLE;
  }

  private static TokenSet tokens(
      OAuthProviderSettings provider,
      HTTPResponse response,
      ErrorCode grantCode,
      String grantReason,
      String previousRefreshToken,
      List<String> fallbackScopes,
      Instant now) {
    TokenResponse parsed;
    try {
      parsed = TokenResponse.parse(response);
    } catch (ParseException e) {
      // No cause: the parser's message may quote the response body, which can hold tokens.
      throw new OAuthException(
          ErrorCode.UNAVAILABLE,
          OAuthException.PROVIDER_UNAVAILABLE,
          "OAuth provider '"
              + provider.name()
              + "' token endpoint gave an unreadable answer (HTTP "
              + response.getStatusCode()
              + "); check 'token-url'");
    }
    if (!parsed.indicatesSuccess()) {
      ErrorObject error = parsed.toErrorResponse().getErrorObject();
      throw tokenFailure(provider, error, response.getStatusCode(), grantCode, grantReason);
    }
    AccessTokenResponse success = parsed.toSuccessResponse();
    Tokens tokens = success.getTokens();
    AccessToken access = tokens.getAccessToken();
    RefreshToken refresh = tokens.getRefreshToken();
    long lifetime = Math.min(access.getLifetime(), MAX_LIFETIME_SECONDS);
    return new TokenSet(
        access.getValue(),
        refresh != null ? refresh.getValue() : previousRefreshToken,
        access.getType().getValue(),
        lifetime > 0 ? now.plusSeconds(lifetime) : null,
        access.getScope() != null ? access.getScope().toStringList() : fallbackScopes,
        now);
  }

  private static OAuthException tokenFailure(
      OAuthProviderSettings provider,
      ErrorObject error,
      int status,
      ErrorCode grantCode,
      String grantReason) {
    String where = "OAuth provider '" + provider.name() + "' refused the token request (HTTP ";
    if ("invalid_grant".equals(error.getCode())) {
      String hint =
          grantReason.equals(OAuthException.CODE_REJECTED)
              ? "the authorization code is unknown, used, expired or does not match the PKCE"
                  + " verifier; start the authorization again"
              : "the refresh token is no longer valid; connect the provider again";
      return new OAuthException(
          grantCode, grantReason, where + status + describe(error) + "): " + hint);
    }
    if (isServerSide(error, status)) {
      return new OAuthException(
          ErrorCode.UNAVAILABLE,
          OAuthException.PROVIDER_UNAVAILABLE,
          where + status + describe(error) + "); retry later");
    }
    return new OAuthException(
        ErrorCode.CONFIG_INVALID,
        OAuthException.PROVIDER_REJECTED,
        where
            + status
            + describe(error)
            + "); check the client id, client secret, redirect URI and scopes of the provider");
  }

  private static ErrorObject errorOf(HTTPResponse response) {
    return ErrorObject.parse(response);
  }

  private static boolean isServerSide(ErrorObject error, int status) {
    return status >= 500
        || "server_error".equals(error.getCode())
        || "temporarily_unavailable".equals(error.getCode());
  }

  private static String describe(ErrorObject error) {
    String code = error == null ? null : error.getCode();
    if (code == null || code.isBlank()) {
      return "";
    }
    // RFC 6749 limits error codes to printable ASCII without quote and backslash; enforce it.
    String safe = code.replaceAll("[^\\x20\\x21\\x23-\\x5B\\x5D-\\x7E]", "?");
    return ", error '" + (safe.length() > 64 ? safe.substring(0, 64) : safe) + "'";
  }
}
