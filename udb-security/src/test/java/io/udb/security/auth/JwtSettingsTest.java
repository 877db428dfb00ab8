package io.udb.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JwtSettingsTest {
  private static final String SECRET_32 = base64(32);

  @Test
  void fillsInDefaults() {
    JwtSettings settings = from(Map.of("hmac-secret", SECRET_32));

    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.tenantClaim()).isEqualTo("tenant");
    assertThat(settings.rolesClaim()).isEqualTo("roles");
    assertThat(settings.jwksRefreshMinInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.jwksCacheTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.maxTokenSize()).isEqualTo(16 * 1024);
    assertThat(settings.jwksMaxSize()).isEqualTo(512 * 1024);
    assertThat(settings.jwksTimeout()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.issuer()).isNull();
    assertThat(settings.audience()).isNull();
    assertThat(settings.hasJwks()).isFalse();
  }

  @Test
  void readsEveryKey() {
    Map<String, String> values = new HashMap<>();
    values.put("jwks-url", "https://idp.example.test/.well-known/jwks.json");
    values.put("issuer", "https://idp.example.test");
    values.put("audience", "udb");
    values.put("clock-skew", "5s");
    values.put("claims.tenant", "org");
    values.put("claims.roles", "groups");
    values.put("jwks-refresh-min-interval", "1m");
    values.put("jwks-cache-ttl", "1h");
    values.put("allowed-algorithms", "rs256, ES256");
    values.put("max-token-size", "8KB");
    values.put("jwks-max-size", "64KB");
    values.put("jwks-timeout", "2s");

    JwtSettings settings = from(values);

    assertThat(settings.jwksUrl())
        .isEqualTo(URI.create("https://idp.example.test/.well-known/jwks.json"));
    assertThat(settings.issuer()).isEqualTo("https://idp.example.test");
    assertThat(settings.audience()).isEqualTo("udb");
    assertThat(settings.clockSkew()).isEqualTo(Duration.ofSeconds(5));
    assertThat(settings.tenantClaim()).isEqualTo("org");
    assertThat(settings.rolesClaim()).isEqualTo("groups");
    assertThat(settings.jwksRefreshMinInterval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(settings.jwksCacheTtl()).isEqualTo(Duration.ofHours(1));
    assertThat(settings.allowedAlgorithms()).containsExactlyInAnyOrder("RS256", "ES256");
    assertThat(settings.maxTokenSize()).isEqualTo(8192);
    assertThat(settings.jwksMaxSize()).isEqualTo(65536);
    assertThat(settings.jwksTimeout()).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void derivesHmacAlgorithmsFromSecretLength() {
    assertThat(from(Map.of("hmac-secret", SECRET_32)).allowedAlgorithms()).containsExactly("HS256");
    assertThat(from(Map.of("hmac-secret", base64(48))).allowedAlgorithms())
        .containsExactlyInAnyOrder("HS256", "HS384");
    assertThat(from(Map.of("hmac-secret", base64(64))).allowedAlgorithms())
        .containsExactlyInAnyOrder("HS256", "HS384", "HS512");
  }

  @Test
  void derivesAsymmetricAlgorithmsFromJwks() {
    JwtSettings settings = from(Map.of("jwks-file", "/etc/udb/jwks.json"));

    assertThat(settings.allowedAlgorithms())
        .containsExactlyInAnyOrder(
            "RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512");
  }

  @Test
  void refusesMissingKeySource() {
    assertConfigInvalid(Map.of("issuer", "https://idp.example.test"), "needs a key source");
  }

  @Test
  void refusesWeakHmacKey() {
    String weak = base64(31);

    ConfigurationException e = assertConfigInvalid(Map.of("hmac-secret", weak), "weak HMAC key");

    assertThat(e.getMessage()).contains("31 bytes").doesNotContain(weak);
  }

  @Test
  void refusesPasswordLikeSecret() {
    assertConfigInvalid(
        Map.of("hmac-secret", Base64.getEncoder().encodeToString("changeme".getBytes())),
        "weak HMAC key");
  }

  @Test
  void refusesHmacAlgorithmLongerThanSecret() {
    assertConfigInvalid(
        Map.of("hmac-secret", SECRET_32, "allowed-algorithms", "HS256,HS512"), "weak HMAC key");
  }

  @Test
  void refusesSecretThatIsNotBase64() {
    String notBase64 = "this is not base64 at all!!";

    ConfigurationException e =
        assertConfigInvalid(Map.of("hmac-secret", notBase64), "not valid base64");

    assertThat(e.getMessage()).doesNotContain(notBase64);
  }

  @Test
  void acceptsUrlSafeBase64Secret() {
    byte[] bytes = new byte[32];
    Arrays.fill(bytes, (byte) 0xfb);
    String urlSafe = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);

    assertThat(from(Map.of("hmac-secret", urlSafe)).hmacKeyBytes()).isEqualTo(bytes);
  }

  @Test
  void refusesAlgNone() {
    assertConfigInvalid(
        Map.of("hmac-secret", SECRET_32, "allowed-algorithms", "HS256,none"), "'none'");
  }

  @Test
  void refusesUnknownAlgorithm() {
    assertConfigInvalid(
        Map.of("hmac-secret", SECRET_32, "allowed-algorithms", "HS999"), "unknown algorithm");
  }

  @Test
  void refusesAsymmetricAlgorithmWithoutJwks() {
    assertConfigInvalid(Map.of("hmac-secret", SECRET_32, "allowed-algorithms", "RS256"), "no JWKS");
  }

  @Test
  void refusesHmacAlgorithmWithoutSecret() {
    assertConfigInvalid(
        Map.of("jwks-file", "/etc/udb/jwks.json", "allowed-algorithms", "HS256"),
        "'hmac-secret' is not set");
  }

  @Test
  void refusesBothJwksUrlAndFile() {
    assertConfigInvalid(
        Map.of("jwks-url", "https://idp.example.test/jwks", "jwks-file", "/etc/udb/jwks.json"),
        "not both");
  }

  @Test
  void refusesPlainHttpJwksOnRemoteHost() {
    assertConfigInvalid(Map.of("jwks-url", "http://idp.example.test/jwks"), "plain http");
  }

  @Test
  void allowsPlainHttpJwksOnLoopbackOrWhenAllowed() {
    assertThat(from(Map.of("jwks-url", "http://127.0.0.1:8080/jwks")).hasJwks()).isTrue();
    assertThat(from(Map.of("jwks-url", "http://localhost/jwks")).hasJwks()).isTrue();
    assertThat(
            from(Map.of("jwks-url", "http://keycloak:8080/jwks", "jwks-allow-http", "true"))
                .hasJwks())
        .isTrue();
  }

  @Test
  void refusesNonHttpJwksUrl() {
    assertConfigInvalid(Map.of("jwks-url", "file:///etc/passwd"), "https URL");
    assertConfigInvalid(Map.of("jwks-url", "not a url"), "jwks-url");
  }

  @Test
  void refusesExcessiveClockSkew() {
    assertConfigInvalid(Map.of("hmac-secret", SECRET_32, "clock-skew", "1h"), "clock-skew");
  }

  @Test
  void refusesRefreshIntervalWithoutFloor() {
    assertConfigInvalid(
        Map.of("jwks-file", "/etc/udb/jwks.json", "jwks-refresh-min-interval", "0s"),
        "jwks-refresh-min-interval");
  }

  @Test
  void refusesSameClaimForTenantAndRoles() {
    assertConfigInvalid(
        Map.of("hmac-secret", SECRET_32, "claims.tenant", "x", "claims.roles", "x"),
        "different claims");
  }

  @Test
  void refusesTinyTokenLimit() {
    assertConfigInvalid(Map.of("hmac-secret", SECRET_32, "max-token-size", "100"), "256");
  }

  @Test
  void neverPrintsTheSecret() {
    String secret = base64(32);

    assertThat(from(Map.of("hmac-secret", secret)).toString())
        .doesNotContain(secret)
        .contains("SecretValue[***]");
  }

  private static ConfigurationException assertConfigInvalid(
      Map<String, String> values, String messagePart) {
    ConfigurationException e =
        catchThrowableOfType(ConfigurationException.class, () -> from(values));
    assertThat(e).as("settings %s should be refused", values.keySet()).isNotNull();
    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
    assertThat(e.getMessage()).contains(messagePart);
    return e;
  }

  private static JwtSettings from(Map<String, String> values) {
    return JwtSettings.from(Settings.of(values));
  }

  private static String base64(int bytes) {
    byte[] value = new byte[bytes];
    new SecureRandom().nextBytes(value);
    return Base64.getEncoder().encodeToString(value);
  }
}
