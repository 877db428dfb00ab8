package io.udb.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.SignatureAlgorithm;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.security.audit.Denial;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Asymmetric tokens verified with keys from a JWKS document served over real HTTP. */
class JwtAuthenticatorJwksTest {
  private static KeyPair rsa;
  private static KeyPair rsaPinned;
  private static KeyPair rsaOther;
  private static KeyPair ec256;
  private static KeyPair ec384;

  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final List<Denial> denials = new CopyOnWriteArrayList<>();
  private JwksServer server;
  private JwtAuthenticator authenticator;

  @BeforeAll
  static void keys() {
    rsa = TestKeys.rsa();
    rsaPinned = TestKeys.rsa();
    rsaOther = TestKeys.rsa();
    ec256 = TestKeys.ec("secp256r1");
    ec384 = TestKeys.ec("secp384r1");
  }

  @BeforeEach
  void setUp() throws Exception {
    server = new JwksServer();
    server.serve(
        TestKeys.jwks(
            TestKeys.jwk(rsa, "rsa-1", null, "sig"),
            TestKeys.jwk(rsaPinned, "rsa-pinned", "RS256", null),
            TestKeys.jwk(ec256, "ec-256", null, "sig"),
            TestKeys.jwk(ec384, "ec-384", "ES384", "sig")));
    authenticator = new JwtAuthenticator(settings(Map.of()), denials::add, clock);
  }

  @AfterEach
  void tearDown() {
    server.close();
  }

  @Test
  void acceptsRsaAndEcTokens() {
    assertThat(authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256))).isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS384))).isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS512))).isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.PS256))).isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(ec256, "ec-256", Jwts.SIG.ES256)))
        .isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(ec384, "ec-384", Jwts.SIG.ES384)))
        .isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(rsaPinned, "rsa-pinned", Jwts.SIG.RS256)))
        .isEqualTo(alice());

    assertThat(server.requests()).isEqualTo(1);
    assertThat(denials).isEmpty();
  }

  @Test
  void refusesTokenSignedWithAnotherKeyUnderKnownKid() {
    assertRefused(sign(rsaOther, "rsa-1", Jwts.SIG.RS256), "bad_signature");
  }

  @Test
  void refusesHmacTokenKeyedWithRsaPublicKey() {
    // The classic RS/HS confusion: the attacker knows the public key and uses its bytes as an
    // HMAC secret, hoping the verifier feeds the same bytes to HMAC.
    byte[] der = rsa.getPublic().getEncoded();
    byte[] pem =
        ("-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n")
            .getBytes(StandardCharsets.US_ASCII);

    for (byte[] key : List.of(der, pem)) {
      String token = TestTokens.hmac("HS256", key, TestTokens.header("HS256", "rsa-1"), claims());
      assertRefused(token, "algorithm_not_allowed");
    }
  }

  @Test
  void refusesHmacTokenKeyedWithRsaPublicKeyWhenHmacIsAlsoConfigured() {
    byte[] secret = new byte[32];
    new java.security.SecureRandom().nextBytes(secret);
    JwtAuthenticator mixed =
        new JwtAuthenticator(
            settings(Map.of("hmac-secret", Base64.getEncoder().encodeToString(secret))),
            denials::add,
            clock);
    String token =
        TestTokens.hmac(
            "HS256", rsa.getPublic().getEncoded(), TestTokens.header("HS256", "rsa-1"), claims());

    assertRefused(mixed, token, "bad_signature");
    assertThat(
            mixed.authenticate(
                TestTokens.hmac("HS256", secret, TestTokens.header("HS256", null), claims())))
        .isEqualTo(alice());
  }

  @Test
  void refusesEcTokenNamingRsaKey() {
    assertRefused(sign(ec256, "rsa-1", Jwts.SIG.ES256), "algorithm_not_allowed");
  }

  @Test
  void refusesRsaTokenNamingEcKey() {
    assertRefused(sign(rsa, "ec-256", Jwts.SIG.RS256), "algorithm_not_allowed");
  }

  @Test
  void refusesAlgorithmForWrongCurve() {
    String token =
        TestTokens.signed(
            "SHA384withECDSAinP1363Format",
            ec256.getPrivate(),
            TestTokens.header("ES384", "ec-256"),
            claims());

    assertRefused(token, "algorithm_not_allowed");
  }

  @Test
  void refusesAlgorithmOtherThanTheOneTheJwkPins() {
    assertRefused(sign(rsaPinned, "rsa-pinned", Jwts.SIG.RS512), "algorithm_not_allowed");
  }

  @Test
  void refusesAlgNoneWithKnownKid() {
    String token = TestTokens.unsigned(TestTokens.header("none", "rsa-1"), claims()) + ".";

    assertRefused(token, "unsigned");
  }

  @Test
  void refusesHmacTokenWhenOnlyJwksIsConfigured() {
    byte[] secret = new byte[64];
    String token = TestTokens.hmac("HS512", secret, TestTokens.header("HS512", null), claims());

    assertRefused(token, "algorithm_not_allowed");
  }

  @Test
  void ignoresKeyEmbeddedInTokenHeader() {
    KeyPair attacker = TestKeys.rsa();
    Map<String, Object> header = TestTokens.header("RS256", "attacker");
    header.put("jwk", TestKeys.jwk(attacker, "attacker", null, null));
    header.put("jku", "http://127.0.0.1:1/attacker-jwks");
    String unknownKid = TestTokens.signed("SHA256withRSA", attacker.getPrivate(), header, claims());
    header.put("kid", "rsa-1");
    String knownKid = TestTokens.signed("SHA256withRSA", attacker.getPrivate(), header, claims());

    assertRefused(unknownKid, "unknown_kid");
    assertRefused(knownKid, "bad_signature");
  }

  @Test
  void refusesUnknownKidAfterOneRefresh() {
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    clock.advance(Duration.ofMinutes(1));

    assertRefused(sign(rsaOther, "rotated-away", Jwts.SIG.RS256), "unknown_kid");
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void refusesMissingKidWhenJwksHoldsSeveralKeys() {
    assertRefused(sign(rsa, null, Jwts.SIG.RS256), "unknown_kid");
  }

  @Test
  void acceptsMissingKidWhenJwksHoldsOneKey() {
    server.serve(TestKeys.jwks(TestKeys.jwk(rsa, null, null, null)));

    assertThat(authenticator.authenticate(sign(rsa, null, Jwts.SIG.RS256))).isEqualTo(alice());
  }

  @Test
  void picksUpRotatedKeyOnUnknownKid() {
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    KeyPair next = TestKeys.rsa();
    server.serve(
        TestKeys.jwks(
            TestKeys.jwk(rsa, "rsa-1", null, null), TestKeys.jwk(next, "rsa-2", null, null)));
    clock.advance(JwtSettings.DEFAULT_JWKS_REFRESH_MIN_INTERVAL.plusSeconds(1));

    assertThat(authenticator.authenticate(sign(next, "rsa-2", Jwts.SIG.RS256))).isEqualTo(alice());
    assertThat(server.requests()).isEqualTo(2);
    assertThat(authenticator.authenticate(sign(next, "rsa-2", Jwts.SIG.RS256))).isEqualTo(alice());
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void rateLimitsRefreshesCausedByUnknownKids() {
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    clock.advance(Duration.ofMinutes(1));

    assertRefused(sign(rsaOther, "made-up-1", Jwts.SIG.RS256), "unknown_kid");
    assertRefused(sign(rsaOther, "made-up-2", Jwts.SIG.RS256), "unknown_kid");
    clock.advance(Duration.ofSeconds(29));
    assertRefused(sign(rsaOther, "made-up-3", Jwts.SIG.RS256), "unknown_kid");
    assertThat(server.requests()).isEqualTo(2);

    clock.advance(Duration.ofSeconds(1));
    assertRefused(sign(rsaOther, "made-up-4", Jwts.SIG.RS256), "unknown_kid");
    assertThat(server.requests()).isEqualTo(3);
    assertThat(authenticator.rejections()).containsExactly(Map.entry("unknown_kid", 4L));
  }

  @Test
  void refetchesDocumentAfterCacheTtl() {
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    clock.advance(JwtSettings.DEFAULT_JWKS_CACHE_TTL.minusSeconds(1));
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    assertThat(server.requests()).isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void keepsKnownKeysWhenProviderFails() {
    authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256));
    server.status(500);
    clock.advance(JwtSettings.DEFAULT_JWKS_CACHE_TTL.plusSeconds(1));

    assertThat(authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256))).isEqualTo(alice());
    assertThat(authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256))).isEqualTo(alice());
    assertThat(server.requests()).isEqualTo(2);
  }

  @Test
  void reportsUnavailableWhenNoDocumentCanBeLoaded() {
    server.status(503);

    UdbException e =
        catchThrowableOfType(
            UdbException.class,
            () -> authenticator.authenticate(sign(rsa, "rsa-1", Jwts.SIG.RS256)));

    assertThat(e).isNotInstanceOf(AuthenticationException.class);
    assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(authenticator.rejections()).containsExactly(Map.entry("keys_unavailable", 1L));
    assertThat(denials)
        .containsExactly(
            new Denial(
                "authentication",
                "keys_unavailable",
                ErrorCode.UNAVAILABLE,
                null,
                null,
                "authenticate"));
  }

  @Test
  void refusesExpiredAndWrongAudienceAsymmetricTokens() {
    Map<String, Object> claims = claims();
    claims.put("exp", clock.instant().minusSeconds(3600).getEpochSecond());
    Map<String, Object> otherAudience = claims();
    otherAudience.put("aud", "somebody-else");

    assertRefused(
        TestTokens.signed(
            "SHA256withRSA", rsa.getPrivate(), TestTokens.header("RS256", "rsa-1"), claims),
        "expired");
    assertRefused(
        TestTokens.signed(
            "SHA256withRSA", rsa.getPrivate(), TestTokens.header("RS256", "rsa-1"), otherAudience),
        "wrong_audience");
  }

  private void assertRefused(String token, String reason) {
    assertRefused(authenticator, token, reason);
  }

  private void assertRefused(JwtAuthenticator target, String token, String reason) {
    int before = denials.size();

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> target.authenticate(token));

    assertThat(e).as("token should be refused with %s", reason).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    assertThat(denials).hasSize(before + 1);
    assertThat(denials.get(before))
        .isEqualTo(
            new Denial(
                "authentication", reason, ErrorCode.UNAUTHENTICATED, null, null, "authenticate"));
  }

  private JwtSettings settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("jwks-url", server.uri().toString());
    values.put("issuer", "https://idp.example.test");
    values.put("audience", "udb");
    values.putAll(extra);
    return JwtSettings.from(Settings.of(values));
  }

  private Map<String, Object> claims() {
    Map<String, Object> claims = TestTokens.claims(clock.instant());
    claims.put("iss", "https://idp.example.test");
    claims.put("aud", "udb");
    return claims;
  }

  private String sign(KeyPair pair, String kid, SignatureAlgorithm alg) {
    var builder = Jwts.builder().json(new JacksonJwtSerializer());
    if (kid != null) {
      builder = builder.header().keyId(kid).and();
    }
    return builder.claims(claims()).signWith(pair.getPrivate(), alg).compact();
  }

  private static Principal alice() {
    return Principal.of("alice", TenantId.of("acme"), Role.ANALYST);
  }
}
