package io.udb.security.oauth;

import io.udb.api.ErrorCode;
import io.udb.api.secret.SecretValue;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The tokens of one tenant's connection to one provider, and their JSON form in the secrets store.
 * A tombstone ({@code {"revoked":true}}) stands for "no tokens", because the secrets SPI cannot
 * delete.
 *
 * @param accessToken the access token; secret
 * @param refreshToken the refresh token, or {@code null}; secret
 * @param tokenType the token type, e.g. {@code Bearer}
 * @param expiresAt when the access token expires, or {@code null} when the provider did not say
 * @param scopes the granted scopes
 * @param obtainedAt when the tokens were received
 */
record TokenSet(
    String accessToken,
    String refreshToken,
    String tokenType,
    Instant expiresAt,
    List<String> scopes,
    Instant obtainedAt) {

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int FORMAT = 1;

  TokenSet {
    Objects.requireNonNull(accessToken, "accessToken");
    Objects.requireNonNull(tokenType, "tokenType");
    scopes = List.copyOf(scopes);
    Objects.requireNonNull(obtainedAt, "obtainedAt");
  }

  /** Tells whether the access token expires within {@code skew} of {@code now} (or already has). */
  boolean expiresWithin(Instant now, Duration skew) {
    return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
  }

  /** Tells whether the access token has expired at {@code now}. */
  boolean expiredAt(Instant now) {
    return expiresAt != null && !now.isBefore(expiresAt);
  }

  /** The JSON form, as a secret. */
  SecretValue toSecret() {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("access_token", accessToken);
    if (refreshToken != null) {
      node.put("refresh_token", refreshToken);
    }
    node.put("token_type", tokenType);
    if (expiresAt != null) {
      node.put("expires_at", expiresAt.toString());
    }
    ArrayNode scopeArray = node.putArray("scopes");
    scopes.forEach(scopeArray::add);
    node.put("obtained_at", obtainedAt.toString());
    return SecretValue.of(JSON.writeValueAsString(node));
  }

  /** The JSON form of "no tokens". */
  static SecretValue tombstone(Instant revokedAt) {
    ObjectNode node = JSON.createObjectNode();
    node.put("format", FORMAT);
    node.put("revoked", true);
    node.put("revoked_at", revokedAt.toString());
    return SecretValue.of(JSON.writeValueAsString(node));
  }

  /**
   * Reads a stored value.
   *
   * @return the tokens, or empty for a tombstone
   * @throws OAuthException ({@link ErrorCode#STORAGE_ERROR}) when the value is not a token set; the
   *     message never quotes it
   */
  static Optional<TokenSet> fromSecret(SecretValue secret) {
    JsonNode node;
    try {
      node = JSON.readTree(secret.reveal());
    } catch (JacksonException e) {
      // No cause: a parser message could quote the stored text.
      throw corrupt();
    }
    if (node == null || !node.isObject()) {
      throw corrupt();
    }
    if (node.path("revoked").asBoolean(false)) {
      return Optional.empty();
    }
    JsonNode access = node.get("access_token");
    JsonNode type = node.get("token_type");
    JsonNode obtained = node.get("obtained_at");
    if (access == null || !access.isString() || type == null || !type.isString()) {
      throw corrupt();
    }
    try {
      List<String> scopes = new ArrayList<>();
      node.path("scopes").forEach(s -> scopes.add(s.asString()));
      JsonNode refresh = node.get("refresh_token");
      JsonNode expires = node.get("expires_at");
      return Optional.of(
          new TokenSet(
              access.stringValue(),
              refresh != null && refresh.isString() ? refresh.stringValue() : null,
              type.stringValue(),
              expires != null && expires.isString() ? Instant.parse(expires.stringValue()) : null,
              scopes,
              obtained != null && obtained.isString()
                  ? Instant.parse(obtained.stringValue())
                  : Instant.EPOCH));
    } catch (DateTimeParseException e) {
      throw corrupt();
    }
  }

  private static OAuthException corrupt() {
    return new OAuthException(
        ErrorCode.STORAGE_ERROR,
        OAuthException.TOKEN_STORE_CORRUPT,
        "The stored OAuth token set cannot be read; disconnect and connect the provider again");
  }

  @Override
  public String toString() {
    return "TokenSet[accessToken=***, refreshToken="
        + (refreshToken == null ? "none" : "***")
        + ", tokenType="
        + tokenType
        + ", expiresAt="
        + expiresAt
        + ", scopes="
        + scopes
        + "]";
  }
}
