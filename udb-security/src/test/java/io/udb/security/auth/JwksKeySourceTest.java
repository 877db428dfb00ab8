package io.udb.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jsonwebtoken.security.PublicJwk;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JwksKeySourceTest {
  private static KeyPair rsa;
  private static KeyPair ec;

  @TempDir Path dir;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));

  @BeforeAll
  static void keys() {
    rsa = TestKeys.rsa();
    ec = TestKeys.ec("secp256r1");
  }

  @Test
  void readsKeysFromLocalFile() throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(
        file,
        TestKeys.jwks(
            TestKeys.jwk(rsa, "rsa-1", "RS256", "sig"), TestKeys.jwk(ec, "ec-1", null, null)));
    JwksKeySource source = fileSource(file, Map.of());

    Optional<PublicJwk<?>> rsaKey = source.find("rsa-1");
    Optional<PublicJwk<?>> ecKey = source.find("ec-1");

    assertThat(rsaKey).get().extracting(PublicJwk::toKey).isEqualTo(rsa.getPublic());
    assertThat(rsaKey.get().getAlgorithm()).isEqualTo("RS256");
    assertThat(ecKey).get().extracting(PublicJwk::toKey).isEqualTo(ec.getPublic());
    assertThat(source.find("nope")).isEmpty();
  }

  @Test
  void ignoresSymmetricAndEncryptionKeys() throws Exception {
    Map<String, Object> oct = Map.of("kty", "oct", "kid", "hmac", "k", TestKeys.b64(new byte[32]));
    Path file = dir.resolve("jwks.json");
    Files.writeString(
        file,
        TestKeys.jwks(
            oct, TestKeys.jwk(rsa, "enc-key", null, "enc"), TestKeys.jwk(ec, "ec-1", null, null)));
    JwksKeySource source = fileSource(file, Map.of());

    assertThat(source.find("hmac")).isEmpty();
    assertThat(source.find("enc-key")).isEmpty();
    assertThat(source.find("ec-1")).isPresent();
  }

  @Test
  void usesOnlyThePublicPartOfPrivateKeys() throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, TestKeys.jwks(TestKeys.privateEcJwk(ec, "leaked")));

    PublicJwk<?> key = fileSource(file, Map.of()).find("leaked").orElseThrow();

    assertThat(key.toKey()).isInstanceOf(ECPublicKey.class).isEqualTo(ec.getPublic());
    assertThat(key).doesNotContainKey("d");
  }

  @Test
  void skipsUnsupportedKeyTypes() throws Exception {
    Path file = dir.resolve("jwks.json");
    Map<String, Object> unknown = Map.of("kty", "FANCY", "kid", "fancy");
    Files.writeString(file, TestKeys.jwks(unknown, TestKeys.jwk(ec, "ec-1", null, null)));

    JwksKeySource source = fileSource(file, Map.of());

    assertThat(source.find("fancy")).isEmpty();
    assertThat(source.find("ec-1")).isPresent();
  }

  @Test
  void refusesDocumentOverSizeLimit() throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, TestKeys.jwks(TestKeys.jwk(rsa, "rsa-1", null, null)));
    JwksKeySource source = fileSource(file, Map.of("jwks-max-size", "100"));

    assertThatThrownBy(() -> source.find("rsa-1"))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void refusesOversizedDocumentOverHttp() throws Exception {
    try (JwksServer server = new JwksServer()) {
      server.serve(TestKeys.jwks(TestKeys.jwk(rsa, "rsa-1", null, null)) + " ".repeat(2048));
      JwksKeySource source = urlSource(server, Map.of("jwks-max-size", "1KB"));

      assertThatThrownBy(() -> source.find("rsa-1"))
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void doesNotFollowRedirects() throws Exception {
    try (JwksServer server = new JwksServer();
        JwksServer target = new JwksServer()) {
      target.serve(TestKeys.jwks(TestKeys.jwk(rsa, "rsa-1", null, null)));
      server.redirectTo(target.uri().toString());
      JwksKeySource source = urlSource(server, Map.of());

      assertThatThrownBy(() -> source.find("rsa-1")).isInstanceOf(UdbException.class);
      assertThat(target.requests()).isZero();
    }
  }

  @Test
  void givesUpOnSlowProviderAfterTimeout() throws Exception {
    try (JwksServer server = new JwksServer()) {
      server.hang();
      JwksKeySource source = urlSource(server, Map.of("jwks-timeout", "300ms"));

      assertThatThrownBy(() -> source.find("rsa-1"))
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void refusesMalformedDocument() throws Exception {
    Path file = dir.resolve("jwks.json");
    Files.writeString(file, "{\"keys\": \"not an array\"");

    assertThatThrownBy(() -> fileSource(file, Map.of()).find("x"))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  @Test
  void retriesAFailedFirstLoadOnlyAfterTheRefreshInterval() throws Exception {
    try (JwksServer server = new JwksServer()) {
      server.status(500);
      JwksKeySource source = urlSource(server, Map.of());

      assertThatThrownBy(() -> source.find("rsa-1")).isInstanceOf(UdbException.class);
      assertThatThrownBy(() -> source.find("rsa-1")).isInstanceOf(UdbException.class);
      assertThat(server.requests()).isEqualTo(1);

      server.status(200);
      server.serve(TestKeys.jwks(TestKeys.jwk(rsa, "rsa-1", null, null)));
      clock.advance(JwtSettings.DEFAULT_JWKS_REFRESH_MIN_INTERVAL);
      assertThat(source.find("rsa-1")).isPresent();
      assertThat(server.requests()).isEqualTo(2);
      assertThat(source.fetchCount()).isEqualTo(2);
    }
  }

  @Test
  void refreshFetchesImmediately() throws Exception {
    try (JwksServer server = new JwksServer()) {
      server.serve(TestKeys.jwks(TestKeys.jwk(rsa, "rsa-1", null, null)));
      JwksKeySource source = urlSource(server, Map.of());

      source.refresh();
      source.refresh();

      assertThat(server.requests()).isEqualTo(2);
      assertThat(source.find("rsa-1")).isPresent();
      assertThat(server.requests()).isEqualTo(2);
    }
  }

  @Test
  void refreshReportsFailure() throws Exception {
    try (JwksServer server = new JwksServer()) {
      server.status(404);
      JwksKeySource source = urlSource(server, Map.of());

      assertThatThrownBy(source::refresh)
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    }
  }

  @Test
  void needsAJwksInTheSettings() {
    JwtSettings hmacOnly =
        JwtSettings.from(
            Settings.of(Map.of("hmac-secret", Base64.getEncoder().encodeToString(new byte[32]))));

    assertThatThrownBy(() -> new JwksKeySource(hmacOnly))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
  }

  private JwksKeySource fileSource(Path file, Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(extra);
    values.put("jwks-file", file.toString());
    return new JwksKeySource(JwtSettings.from(Settings.of(values)), clock);
  }

  private JwksKeySource urlSource(JwksServer server, Map<String, String> extra) {
    Map<String, String> values = new HashMap<>(extra);
    values.put("jwks-url", server.uri().toString());
    return new JwksKeySource(JwtSettings.from(Settings.of(values)), clock);
  }
}
