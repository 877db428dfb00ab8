package io.udb.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class JwtIssuerTest {
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final JwtSettings settings =
      JwtSettings.from(
          Settings.of(
              Map.of(
                  "hmac-secret", Base64.getEncoder().encodeToString(new byte[32]).replace('A', 'k'),
                  "issuer", "https://udb.example.test",
                  "audience", "udb-api",
                  "claims.tenant", "org",
                  "claims.roles", "groups")));

  @Test
  void writesConfiguredClaimsWithHs256() {
    Principal bob = Principal.of("bob", TenantId.of("acme"), Role.ADMIN, Role.VIEWER);

    String token = new JwtIssuer(settings, clock).issue(bob, Duration.ofMinutes(15));

    String[] parts = token.split("\\.");
    JsonNode header = decode(parts[0]);
    JsonNode claims = decode(parts[1]);
    assertThat(header.get("alg").asString()).isEqualTo("HS256");
    assertThat(claims.get("sub").asString()).isEqualTo("bob");
    assertThat(claims.get("org").asString()).isEqualTo("acme");
    assertThat(claims.get("groups").valueStream().map(JsonNode::asString).toList())
        .isEqualTo(List.of("viewer", "admin"));
    assertThat(claims.get("iss").asString()).isEqualTo("https://udb.example.test");
    assertThat(claims.get("aud").toString()).contains("udb-api");
    assertThat(claims.get("iat").asLong()).isEqualTo(clock.instant().getEpochSecond());
    assertThat(claims.get("exp").asLong()).isEqualTo(clock.instant().getEpochSecond() + 900);
    assertThat(claims.get("jti").asString()).isNotBlank();
    assertThat(new JwtAuthenticator(settings, a -> {}, clock).authenticate(token)).isEqualTo(bob);
  }

  @Test
  void refusesSettingsWithoutSecret() {
    JwtSettings jwksOnly = JwtSettings.from(Settings.of(Map.of("jwks-file", "/tmp/jwks.json")));

    assertThatThrownBy(() -> new JwtIssuer(jwksOnly))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("hmac-secret");
  }

  @Test
  void refusesTtlOutOfRange() {
    JwtIssuer issuer = new JwtIssuer(settings, clock);
    Principal bob = Principal.of("bob", TenantId.of("acme"), Role.VIEWER);

    assertThatThrownBy(() -> issuer.issue(bob, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> issuer.issue(bob, Duration.ofDays(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static JsonNode decode(String part) {
    return JsonMapper.builder()
        .build()
        .readTree(new String(Base64.getUrlDecoder().decode(part), StandardCharsets.UTF_8));
  }
}
