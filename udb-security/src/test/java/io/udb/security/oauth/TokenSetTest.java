package io.udb.security.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.secret.SecretValue;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenSetTest {
  private static final Instant NOW = Instant.parse("2026-03-01T08:00:00Z");

  @Test
  void roundTripsThroughItsStoredJson() {
    TokenSet tokens =
        new TokenSet("at-1", "rt-1", "Bearer", NOW.plusSeconds(3600), List.of("a", "b"), NOW);

    assertThat(TokenSet.fromSecret(tokens.toSecret())).contains(tokens);
    TokenSet minimal = new TokenSet("at-2", null, "Bearer", null, List.of(), NOW);
    assertThat(TokenSet.fromSecret(minimal.toSecret())).contains(minimal);
  }

  @Test
  void tombstoneReadsAsNoTokens() {
    SecretValue tombstone = TokenSet.tombstone(NOW);

    assertThat(tombstone.reveal()).contains("\"revoked\":true");
    assertThat(TokenSet.fromSecret(tombstone)).isEmpty();
  }

  @Test
  void refusesCorruptValueWithoutQuotingIt() {
    for (String stored :
        List.of(
            "not json sekrit",
            "[1]",
            "{\"token_type\":\"Bearer\"}",
            "{\"access_token\":\"sekrit\",\"token_type\":\"Bearer\",\"expires_at\":\"soon\"}")) {
      assertThatThrownBy(() -> TokenSet.fromSecret(SecretValue.of(stored)))
          .as(stored)
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_ERROR);
                assertThat(e.reason()).isEqualTo(OAuthException.TOKEN_STORE_CORRUPT);
                assertThat(e.getMessage()).doesNotContain("sekrit");
                assertThat(e.getCause()).isNull();
              });
    }
  }

  @Test
  void expiryIsJudgedWithTheSkew() {
    TokenSet tokens = new TokenSet("at", "rt", "Bearer", NOW.plusSeconds(100), List.of(), NOW);

    assertThat(tokens.expiresWithin(NOW, Duration.ofSeconds(60))).isFalse();
    assertThat(tokens.expiresWithin(NOW.plusSeconds(40), Duration.ofSeconds(60))).isTrue();
    assertThat(tokens.expiredAt(NOW.plusSeconds(99))).isFalse();
    assertThat(tokens.expiredAt(NOW.plusSeconds(100))).isTrue();
    TokenSet unknownLifetime = new TokenSet("at", "rt", "Bearer", null, List.of(), NOW);
    assertThat(unknownLifetime.expiresWithin(NOW.plus(Duration.ofDays(365)), Duration.ZERO))
        .isFalse();
  }

  @Test
  void toStringRedactsTokensAndVerifier() {
    TokenSet tokens = new TokenSet("at-secret", "rt-secret", "Bearer", null, List.of(), NOW);
    PendingAuthorization pending =
        new PendingAuthorization(
            TenantId.of("t1"),
            "alice",
            "acme",
            "verifier-secret",
            URI.create("https://app.example.com/cb"),
            NOW,
            NOW.plusSeconds(600));

    assertThat(tokens.toString()).doesNotContain("at-secret", "rt-secret");
    assertThat(pending.toString()).doesNotContain("verifier-secret").contains("alice");
  }
}
