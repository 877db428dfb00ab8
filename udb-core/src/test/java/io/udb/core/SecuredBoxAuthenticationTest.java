package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.HMAC_SECRET;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static io.udb.core.SecuredBoxFixture.denials;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.core.event.CloudEventJson;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.security.CoreSecurityAudit;
import io.udb.security.auth.AuthenticationException;
import io.udb.security.auth.JwtIssuer;
import io.udb.security.auth.JwtSettings;
import io.udb.security.authz.AccessDeniedException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bearer-token authentication of a {@link DataBox} configured with {@code security.auth.*}: a token
 * from {@link JwtIssuer} gives a {@link SecuredBox} for its principal; a refused token is an {@link
 * AuthenticationException} audited under the reserved tenant {@code udb-system}, which no principal
 * may act for.
 */
class SecuredBoxAuthenticationTest {
  private static final Map<String, String> AUTH =
      Map.of("auth.hmac-secret", HMAC_SECRET, "auth.issuer", "https://issuer.test");

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void tokenFromTheIssuerGivesASecuredBoxForItsPrincipal() {
    Principal ana = Principal.of("ana", ACME, Role.ANALYST);
    try (DataBox box = SecuredBoxFixture.builder(AUTH, sink, registry).build()) {
      String token = issuer(Clock.systemUTC()).issue(ana, Duration.ofMinutes(5));

      SecuredBox secured = box.authenticate(token);
      SecuredBox withScheme = box.authenticate("Bearer " + token);

      assertThat(secured.principal()).isEqualTo(ana);
      assertThat(withScheme.principal()).isEqualTo(ana);
      assertThat(secured.query("SELECT 42").rows()).containsExactly(List.of(42L));
      assertThat(denials(sink)).isEmpty();
    }
  }

  @Test
  void tamperedTokenIsRefusedAndAuditedUnderTheSystemTenant() {
    try (DataBox box = SecuredBoxFixture.builder(AUTH, sink, registry).build()) {
      String token =
          issuer(Clock.systemUTC())
              .issue(Principal.of("ana", ACME, Role.VIEWER), Duration.ofMinutes(5));
      String[] parts = token.split("\\.");
      String payload =
          new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
              .replace("\"viewer\"", "\"admin\"");
      String tampered =
          parts[0]
              + "."
              + Base64.getUrlEncoder()
                  .withoutPadding()
                  .encodeToString(payload.getBytes(StandardCharsets.UTF_8))
              + "."
              + parts[2];

      assertRefused(box, tampered, "bad_signature");
    }
  }

  @Test
  void expiredTokenIsRefused() {
    try (DataBox box = SecuredBoxFixture.builder(AUTH, sink, registry).build()) {
      Clock hourAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(1)), ZoneOffset.UTC);
      String token =
          issuer(hourAgo).issue(Principal.of("ana", ACME, Role.ANALYST), Duration.ofMinutes(5));

      assertRefused(box, token, "expired");
    }
  }

  @Test
  void tokenSignedWithAnotherKeyIsRefused() {
    try (DataBox box = SecuredBoxFixture.builder(AUTH, sink, registry).build()) {
      String otherKey =
          Base64.getEncoder()
              .encodeToString(
                  "another-32-byte-secret-for-tests".getBytes(StandardCharsets.US_ASCII));
      JwtIssuer forger =
          new JwtIssuer(
              JwtSettings.from(
                  Settings.of(Map.of("hmac-secret", otherKey, "issuer", "https://issuer.test"))));
      String token = forger.issue(Principal.of("ana", ACME, Role.ADMIN), Duration.ofMinutes(5));

      assertRefused(box, token, "bad_signature");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Bearer ", "not-a-jwt", "a.b.c"})
  void missingOrMalformedTokensAreRefused(String token) {
    try (DataBox box = SecuredBoxFixture.builder(AUTH, sink, registry).build()) {
      assertThatThrownBy(() -> box.authenticate(token))
          .isInstanceOfSatisfying(
              AuthenticationException.class,
              e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED));
      assertThat(denials(sink)).hasSize(1);
      assertThat(denials(sink).get(0).tenant()).isEqualTo(CoreSecurityAudit.SYSTEM_TENANT);
    }
  }

  @Test
  void authenticateWithoutAuthSettingsIsAConfigurationError() {
    try (DataBox box = SecuredBoxFixture.builder(Map.of(), sink, registry).build()) {
      String token =
          issuer(Clock.systemUTC())
              .issue(Principal.of("ana", ACME, Role.ADMIN), Duration.ofMinutes(5));

      assertThatThrownBy(() -> box.authenticate(token))
          .isInstanceOfSatisfying(
              UdbException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.getMessage()).contains("security.auth.hmac-secret");
              });
    }
  }

  @Test
  void weakHmacSecretStopsTheBoxFromStarting() {
    String weak =
        Base64.getEncoder().encodeToString("sixteen-byte-key".getBytes(StandardCharsets.US_ASCII));

    assertThatThrownBy(
            () ->
                SecuredBoxFixture.builder(Map.of("auth.hmac-secret", weak), sink, registry).build())
        .isInstanceOfSatisfying(
            UdbException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.getMessage()).doesNotContain(weak);
            });
  }

  @Test
  void principalOfTheSystemTenantIsRefused() {
    TenantId system = TenantId.of("udb-system");
    Principal intruder = Principal.of("intruder", system, Role.ADMIN);
    try (DataBox box = SecuredBoxFixture.builder(AUTH, sink, registry).build()) {
      assertThatThrownBy(() -> box.as(intruder))
          .isInstanceOfSatisfying(
              AccessDeniedException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(e.reason()).isEqualTo("reserved_tenant");
              });
      assertOneDenial(sink, "authorization.reserved_tenant", system, "intruder", "session");

      String token = issuer(Clock.systemUTC()).issue(intruder, Duration.ofMinutes(5));
      assertThatThrownBy(() -> box.authenticate(token)).isInstanceOf(AccessDeniedException.class);
      assertOneDenial(sink, "authorization.reserved_tenant", system, "intruder", "session");
      assertThat(
              count(
                  registry,
                  "udb.security.denied",
                  "control",
                  "authorization",
                  "reason",
                  "reserved_tenant"))
          .isEqualTo(2);
    }
  }

  private void assertRefused(DataBox box, String token, String reason) {
    assertThatThrownBy(() -> box.authenticate(token))
        .isInstanceOfSatisfying(
            AuthenticationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
              assertThat(e.reason()).isEqualTo(reason);
              assertThat(e.getMessage()).doesNotContain(token);
            });
    EventEnvelope event =
        assertOneDenial(
            sink,
            "authentication." + reason,
            CoreSecurityAudit.SYSTEM_TENANT,
            null,
            "authenticate");
    assertThat(CloudEventJson.encode(event)).doesNotContain(token);
    assertThat(count(registry, "udb.auth.rejected", "reason", reason)).isEqualTo(1);
    assertThat(
            count(registry, "udb.security.denied", "control", "authentication", "reason", reason))
        .isEqualTo(1);
  }

  private static JwtIssuer issuer(Clock clock) {
    return new JwtIssuer(
        JwtSettings.from(
            Settings.of(Map.of("hmac-secret", HMAC_SECRET, "issuer", "https://issuer.test"))),
        clock);
  }
}
