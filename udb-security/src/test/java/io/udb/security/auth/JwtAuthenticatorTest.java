package io.udb.security.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.jsonwebtoken.Jwts;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.security.audit.Denial;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class JwtAuthenticatorTest {
  private static final String ISSUER = "https://idp.example.test";
  private static final String AUDIENCE = "udb";

  private final byte[] secret = random(32);
  private final MutableClock clock = new MutableClock(Instant.parse("2030-01-01T00:00:00Z"));
  private final List<Denial> denials = new CopyOnWriteArrayList<>();
  private JwtSettings settings;
  private JwtAuthenticator authenticator;
  private JwtIssuer issuer;

  @BeforeEach
  void setUp() {
    settings = settings(Map.of());
    authenticator = new JwtAuthenticator(settings, denials::add, clock);
    issuer = new JwtIssuer(settings, clock);
  }

  @Test
  void acceptsTokenFromIssuer() {
    Principal alice = Principal.of("alice", TenantId.of("acme"), Role.ANALYST, Role.VIEWER);

    Principal verified = authenticator.authenticate(issuer.issue(alice, Duration.ofMinutes(5)));

    assertThat(verified).isEqualTo(alice);
    assertThat(authenticator.rejections()).isEmpty();
    assertThat(denials).isEmpty();
  }

  @Test
  void acceptsBearerSchemePrefix() {
    String token = issuer.issue(principal(), Duration.ofMinutes(5));

    assertThat(authenticator.authenticate("Bearer " + token).subject()).isEqualTo("alice");
    assertThat(authenticator.authenticate("bearer  " + token).subject()).isEqualTo("alice");
  }

  @Test
  void acceptsHandMadeTokenWithAudienceArray() {
    Map<String, Object> claims = validClaims();
    claims.put("aud", List.of("other", AUDIENCE));

    Principal principal = authenticator.authenticate(hs256(claims));

    assertThat(principal.tenant()).isEqualTo(TenantId.of("acme"));
    assertThat(principal.roles()).containsExactly(Role.ANALYST);
  }

  @Test
  void usesConfiguredClaimNames() {
    JwtSettings custom =
        settings(Map.of("claims.tenant", "https://udb.io/tenant", "claims.roles", "udb_roles"));
    JwtAuthenticator customAuthenticator = new JwtAuthenticator(custom, denials::add, clock);
    String token = new JwtIssuer(custom, clock).issue(principal(), Duration.ofMinutes(1));

    assertThat(customAuthenticator.authenticate(token)).isEqualTo(principal());
    assertRefused(hs256(validClaims()), "missing_claim", customAuthenticator);
    assertRefused(token, "missing_claim", authenticator);
  }

  @Test
  void refusesAlgNone() {
    String token = TestTokens.unsigned(Map.of("alg", "none"), validClaims()) + ".";

    assertRefused(token, "unsigned");
  }

  @Test
  void refusesAlgNoneInAnyCaseAndWithSignature() {
    String upper = TestTokens.unsigned(Map.of("alg", "NONE"), validClaims()) + ".";
    String withSignature = TestTokens.hmac("HS256", secret, Map.of("alg", "None"), validClaims());

    assertRefused(upper, "unsigned");
    assertRefused(withSignature, "unsigned");
  }

  @Test
  void refusesTokenWithEmptySignature() {
    String token = TestTokens.unsigned(TestTokens.header("HS256", null), validClaims()) + ".";

    assertRefused(token, "unsigned");
  }

  @Test
  void refusesTokenSignedWithAnotherKey() {
    String token =
        TestTokens.hmac("HS256", random(32), TestTokens.header("HS256", null), validClaims());

    assertRefused(token, "bad_signature");
  }

  @Test
  void refusesTamperedPayload() {
    String token = hs256(validClaims());
    Map<String, Object> escalated = validClaims();
    escalated.put("roles", List.of("admin"));
    escalated.put("tenant", "other-tenant");
    String[] parts = token.split("\\.");
    String tampered = parts[0] + "." + TestTokens.part(TestKeys.json(escalated)) + "." + parts[2];

    assertRefused(tampered, "bad_signature");
  }

  @Test
  void refusesTamperedSignature() {
    String token = hs256(validClaims());
    String[] parts = token.split("\\.");
    char[] signature = parts[2].toCharArray();
    signature[5] = signature[5] == 'A' ? 'B' : 'A';
    String tampered = parts[0] + "." + parts[1] + "." + new String(signature);

    assertRefused(tampered, "bad_signature");
  }

  @Test
  void refusesExpiredToken() {
    String token = issuer.issue(principal(), Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5).plus(settings.clockSkew()).plusSeconds(1));

    assertRefused(token, "expired");
  }

  @Test
  void acceptsTokenExpiredWithinClockSkew() {
    String token = issuer.issue(principal(), Duration.ofMinutes(5));
    clock.advance(Duration.ofMinutes(5).plusSeconds(10));

    assertThat(authenticator.authenticate(token)).isEqualTo(principal());
  }

  @Test
  void refusesTokenNotValidYet() {
    Map<String, Object> claims = validClaims();
    claims.put("nbf", now() + 120);

    assertRefused(hs256(claims), "not_yet_valid");
  }

  @Test
  void refusesTokenIssuedInTheFuture() {
    Map<String, Object> claims = validClaims();
    claims.put("iat", now() + 120);

    assertRefused(hs256(claims), "not_yet_valid");
  }

  @Test
  void refusesTokenWithoutExpiry() {
    Map<String, Object> claims = validClaims();
    claims.remove("exp");

    assertRefused(hs256(claims), "missing_claim");
  }

  @Test
  void refusesWrongIssuer() {
    Map<String, Object> claims = validClaims();
    claims.put("iss", "https://evil.example.test");

    assertRefused(hs256(claims), "wrong_issuer");
  }

  @Test
  void refusesMissingIssuerWhenOneIsConfigured() {
    Map<String, Object> claims = validClaims();
    claims.remove("iss");

    assertRefused(hs256(claims), "missing_claim");
  }

  @Test
  void refusesWrongAudience() {
    Map<String, Object> claims = validClaims();
    claims.put("aud", List.of("billing", "crm"));

    assertRefused(hs256(claims), "wrong_audience");
  }

  @Test
  void acceptsAnyIssuerAndAudienceWhenNoneIsConfigured() {
    JwtSettings open =
        JwtSettings.from(
            Settings.of(Map.of("hmac-secret", Base64.getEncoder().encodeToString(secret))));
    Map<String, Object> claims = validClaims();
    claims.put("iss", "https://anyone.example.test");
    claims.remove("aud");

    assertThat(new JwtAuthenticator(open, denials::add, clock).authenticate(hs256(claims)))
        .isEqualTo(principal());
  }

  @Test
  void refusesMissingSubject() {
    Map<String, Object> claims = validClaims();
    claims.remove("sub");

    assertRefused(hs256(claims), "missing_claim");
  }

  @Test
  void refusesBlankSubjectAsMissing() {
    // jjwt reads a blank registered claim as absent.
    Map<String, Object> claims = validClaims();
    claims.put("sub", "  ");

    assertRefused(hs256(claims), "missing_claim");
  }

  @Test
  void refusesOverlongSubject() {
    Map<String, Object> claims = validClaims();
    claims.put("sub", "s".repeat(257));

    assertRefused(hs256(claims), "bad_claim");
  }

  @Test
  void refusesNonStringSubjectAsMalformed() {
    // A registered claim of the wrong type makes jjwt refuse the whole claim set.
    Map<String, Object> claims = validClaims();
    claims.put("sub", List.of("alice", "bob"));

    assertRefused(hs256(claims), "malformed");
  }

  @Test
  void refusesNonNumericExpiryAsMalformed() {
    Map<String, Object> claims = validClaims();
    claims.put("exp", "tomorrow");

    assertRefused(hs256(claims), "malformed");
  }

  @Test
  void refusesMissingTenant() {
    Map<String, Object> claims = validClaims();
    claims.remove("tenant");

    assertRefused(hs256(claims), "missing_claim");
  }

  @ParameterizedTest
  @MethodSource("badTenants")
  void refusesInvalidTenant(Object tenant) {
    Map<String, Object> claims = validClaims();
    claims.put("tenant", tenant);

    assertRefused(hs256(claims), "bad_claim");
  }

  static Stream<Object> badTenants() {
    return Stream.of("../other", "Acme", "", "a b", 42, List.of("acme"), Map.of("id", "acme"));
  }

  @Test
  void refusesMissingRoles() {
    Map<String, Object> claims = validClaims();
    claims.remove("roles");

    assertRefused(hs256(claims), "missing_claim");
  }

  @ParameterizedTest
  @MethodSource("badRoles")
  void refusesInvalidRoles(Object roles) {
    Map<String, Object> claims = validClaims();
    claims.put("roles", roles);

    assertRefused(hs256(claims), "bad_claim");
  }

  static Stream<Object> badRoles() {
    return Stream.of(
        List.of(),
        List.of("superuser"),
        List.of("analyst", "root"),
        List.of(1),
        "admin",
        Map.of("admin", true));
  }

  @Test
  void refusesAlgorithmNotAllowedForTheSecret() {
    // A 32-byte secret allows HS256 only: HS384 would need 48 bytes.
    String token =
        TestTokens.hmac("HS384", secret, TestTokens.header("HS384", null), validClaims());

    assertRefused(token, "algorithm_not_allowed");
  }

  @Test
  void refusesAsymmetricTokenWhenOnlyHmacIsConfigured() {
    KeyPair rsa = TestKeys.rsa();
    String token =
        TestTokens.signed(
            "SHA256withRSA", rsa.getPrivate(), TestTokens.header("RS256", "k1"), validClaims());

    assertRefused(token, "algorithm_not_allowed");
  }

  @Test
  void refusesCompressedPayloadEvenWhenSigned() {
    String token =
        Jwts.builder()
            .json(new JacksonJwtSerializer())
            .claims(validClaims())
            .compressWith(Jwts.ZIP.DEF)
            .signWith(new SecretKeySpec(secret, "HmacSHA256"), Jwts.SIG.HS256)
            .compact();

    assertRefused(token, "malformed");
  }

  @Test
  void refusesUnknownCriticalHeader() {
    Map<String, Object> header = TestTokens.header("HS256", null);
    header.put("crit", List.of("x-must-understand"));
    header.put("x-must-understand", true);

    assertRefused(TestTokens.hmac("HS256", secret, header, validClaims()), "malformed");
  }

  @Test
  void refusesSignedPayloadThatIsNotClaims() {
    String input =
        TestTokens.part(TestKeys.json(TestTokens.header("HS256", null)))
            + "."
            + TestKeys.b64("just text".getBytes(StandardCharsets.UTF_8));
    String token = input + "." + TestKeys.b64(TestTokens.mac("HS256", secret, input));

    assertRefused(token, "malformed");
  }

  @Test
  void refusesTokenOverSizeLimitBeforeVerifying() {
    Map<String, Object> claims = validClaims();
    claims.put("padding", "x".repeat(17 * 1024));
    String token = hs256(claims);

    assertRefused(token, "malformed");
    assertThat(authenticator.authenticate(hs256(validClaims()))).isEqualTo(principal());
  }

  @ParameterizedTest
  @MethodSource("garbage")
  void refusesGarbage(String token, String reason) {
    assertRefused(token, reason);
  }

  static Stream<Arguments> garbage() {
    String validHeader = TestTokens.part("{\"alg\":\"HS256\"}");
    String payload = TestTokens.part("{\"sub\":\"alice\"}");
    return Stream.of(
        Arguments.of(null, "missing_token"),
        Arguments.of("", "missing_token"),
        Arguments.of("   ", "missing_token"),
        Arguments.of("Bearer ", "missing_token"),
        Arguments.of("garbage", "malformed"),
        Arguments.of("a.b", "malformed"),
        Arguments.of("a.b.c", "malformed"),
        Arguments.of("....", "malformed"),
        Arguments.of("..", "malformed"),
        Arguments.of(validHeader + "." + payload + ".sig.extra.parts", "malformed"),
        Arguments.of(validHeader + "=." + payload + ".c2ln", "malformed"),
        Arguments.of(validHeader + ". " + payload + ".c2ln", "malformed"),
        Arguments.of(validHeader + "." + payload + ".c2ln\u00e9", "malformed"),
        Arguments.of(TestTokens.part("{}") + "." + payload + ".c2ln", "malformed"),
        Arguments.of(TestTokens.part("[]") + "." + payload + ".c2ln", "malformed"),
        Arguments.of(TestTokens.part("null") + "." + payload + ".c2ln", "malformed"),
        Arguments.of(TestTokens.part("{\"alg\":256}") + "." + payload + ".c2ln", "malformed"),
        Arguments.of(TestTokens.part("{\"alg\":\"HS256\"") + "." + payload + ".c2ln", "malformed"),
        Arguments.of(
            TestTokens.part("{\"alg\":\"HS256\",\"alg\":\"none\"}") + "." + payload + ".c2ln",
            "malformed"),
        Arguments.of(
            TestTokens.part("{\"alg\":\"HS256\"} trailing") + "." + payload + ".c2ln", "malformed"),
        Arguments.of(
            TestTokens.part("{\"alg\":\"HS256\",\"x\":" + "[".repeat(3000) + "]".repeat(3000) + "}")
                + "."
                + payload
                + ".c2ln",
            "malformed"),
        Arguments.of(validHeader + "." + payload + ".c2ln", "bad_signature"),
        Arguments.of(
            TestTokens.part("{\"alg\":\"HS257\"}") + "." + payload + ".c2ln",
            "algorithm_not_allowed"));
  }

  @Test
  void refusesDuplicateClaimEvenWhenSigned() {
    String input =
        TestTokens.part(TestKeys.json(TestTokens.header("HS256", null)))
            + "."
            + TestTokens.part(
                TestKeys.json(validClaims()).replaceFirst("\\{", "{\"tenant\":\"other\","));
    String token = input + "." + TestKeys.b64(TestTokens.mac("HS256", secret, input));

    assertRefused(token, "malformed");
  }

  @Test
  void countsRejectionsByReason() {
    String expired = issuer.issue(principal(), Duration.ofSeconds(1));
    assertThatThrownBy(() -> authenticator.authenticate("nope"))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> authenticator.authenticate("nope.nope"))
        .isInstanceOf(AuthenticationException.class);
    assertThatThrownBy(() -> authenticator.authenticate(null))
        .isInstanceOf(AuthenticationException.class);
    clock.advance(Duration.ofMinutes(2));
    assertThatThrownBy(() -> authenticator.authenticate(expired))
        .isInstanceOf(AuthenticationException.class);

    assertThat(authenticator.rejections())
        .containsExactly(
            Map.entry("expired", 1L), Map.entry("malformed", 2L), Map.entry("missing_token", 1L));
    assertThat(denials)
        .extracting(Denial::reason)
        .containsExactly("malformed", "malformed", "missing_token", "expired");
  }

  @Test
  void isUsableFromManyThreads() throws Exception {
    String good = issuer.issue(principal(), Duration.ofMinutes(5));
    String bad =
        TestTokens.hmac("HS256", random(32), TestTokens.header("HS256", null), validClaims());
    List<Thread> threads = new ArrayList<>();
    Map<Integer, Throwable> failures = new ConcurrentHashMap<>();
    for (int t = 0; t < 4; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int i = 0; i < 50; i++) {
                    assertThat(authenticator.authenticate(good)).isEqualTo(principal());
                    assertThatThrownBy(() -> authenticator.authenticate(bad))
                        .isInstanceOf(AuthenticationException.class);
                  }
                } catch (Throwable e) {
                  failures.put(id, e);
                }
              });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(failures).isEmpty();
    assertThat(authenticator.rejections()).containsExactly(Map.entry("bad_signature", 200L));
  }

  private void assertRefused(String token, String reason) {
    assertRefused(token, reason, authenticator);
  }

  private void assertRefused(String token, String reason, JwtAuthenticator target) {
    long before = target.rejections().getOrDefault(reason, 0L);
    int denialsBefore = denials.size();

    AuthenticationException e =
        catchThrowableOfType(AuthenticationException.class, () -> target.authenticate(token));

    assertThat(e).as("token should be refused with %s", reason).isNotNull();
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
    if (token != null) {
      for (String part : token.split("\\.")) {
        if (part.length() > 8) {
          assertThat(e.getMessage()).doesNotContain(part);
        }
      }
    }
    assertThat(target.rejections()).containsEntry(reason, before + 1);
    assertThat(denials).hasSize(denialsBefore + 1);
    assertThat(denials.get(denials.size() - 1))
        .isEqualTo(
            new Denial(
                "authentication", reason, ErrorCode.UNAUTHENTICATED, null, null, "authenticate"));
  }

  private JwtSettings settings(Map<String, String> extra) {
    Map<String, String> values = new HashMap<>();
    values.put("hmac-secret", Base64.getEncoder().encodeToString(secret));
    values.put("issuer", ISSUER);
    values.put("audience", AUDIENCE);
    values.putAll(extra);
    return JwtSettings.from(Settings.of(values));
  }

  private Map<String, Object> validClaims() {
    Map<String, Object> claims = TestTokens.claims(clock.instant());
    claims.put("iss", ISSUER);
    claims.put("aud", AUDIENCE);
    return claims;
  }

  private String hs256(Map<String, Object> claims) {
    return TestTokens.hmac("HS256", secret, TestTokens.header("HS256", null), claims);
  }

  private long now() {
    return clock.instant().getEpochSecond();
  }

  private static Principal principal() {
    return Principal.of("alice", TenantId.of("acme"), Role.ANALYST);
  }

  private static byte[] random(int size) {
    byte[] bytes = new byte[size];
    new SecureRandom().nextBytes(bytes);
    return bytes;
  }
}
