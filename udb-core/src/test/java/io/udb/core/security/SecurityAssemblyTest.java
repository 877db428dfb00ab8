package io.udb.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.EngineSettings;
import io.udb.core.event.EventFactory;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.observe.UdbMetrics;
import io.udb.security.ratelimit.RateLimit;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SecurityAssemblyTest {
  private static final String HMAC =
      Base64.getEncoder()
          .encodeToString("udb-core-security-wiring-test-k1".getBytes(StandardCharsets.US_ASCII));

  private final DuckDbEngine engine =
      DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  @Test
  void withoutSettingsEveryControlIsPresentButAuthenticationAndOAuth() {
    try (UdbSecurity security = assemble(Map.of())) {
      assertThat(security.authenticator()).isEmpty();
      assertThat(security.oauth()).isEmpty();
      assertThat(
              security
                  .access()
                  .grants()
                  .allowedTables(
                      io.udb.api.Principal.of("ana", TenantId.of("acme"), io.udb.api.Role.ANALYST)))
          .isEmpty();
      assertThat(security.quotas().quotas(TenantId.of("acme")).maxConcurrentJobs()).isEmpty();
      assertThatThrownBy(security::requireAuthenticator)
          .isInstanceOfSatisfying(
              UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
    }
  }

  @Test
  void requestRateLimitsDefaultToSixHundredPerMinute() {
    try (UdbSecurity security = assemble(Map.of())) {
      assertThat(security.rateLimiter().settings().limitFor("query"))
          .isEqualTo(
              RateLimit.of(SecurityAssembly.DEFAULT_REQUESTS_PER_MINUTE, Duration.ofMinutes(1)));
    }
  }

  @Test
  void configuredLimitsWinOverTheBoxDefault() {
    try (UdbSecurity security =
        assemble(
            Map.of(
                "rate-limit.default.capacity", "5",
                "rate-limit.query.capacity", "3",
                "rate-limit.query.refill-period", "10s"))) {
      assertThat(security.rateLimiter().settings().limitFor("query"))
          .isEqualTo(RateLimit.of(3, Duration.ofSeconds(10)));
      assertThat(security.rateLimiter().settings().limitFor("read"))
          .isEqualTo(RateLimit.of(5, Duration.ofMinutes(1)));
    }
  }

  @Test
  void authenticationIsBuiltFromTheAuthGroup() {
    try (UdbSecurity security = assemble(Map.of("auth.hmac-secret", HMAC))) {
      assertThat(security.authenticator()).isPresent();
      assertThat(security.requireAuthenticator()).isSameAs(security.authenticator().get());
    }
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "grants.acme.group.x | sales",
        "grants.acme.role.superuser | sales",
        "grants.NOT_A_TENANT.role.analyst | sales",
        "quota.default.max-widgets | 3",
        "quota.default.max-concurrent-jobs | -1",
        "rate-limit.backend | carrier-pigeon",
        "rate-limit.query.capacity | 0",
        "rate-limit.query.burst | 3",
        "pii.match-threshold | 2",
        "auth.clock-skew | 30s",
        "auth.hmac-secret | c2hvcnQ=",
        "oauth.providers.demo.authorize-url | http://example.com/authorize"
      })
  void invalidSettingIsAConfigurationError(String key, String value) {
    assertThatThrownBy(() -> assemble(Map.of(key, value)).close())
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
  }

  private UdbSecurity assemble(Map<String, String> settings) {
    SecretsProvider none =
        new SecretsProvider() {
          @Override
          public Optional<SecretValue> resolve(TenantId tenant, String name) {
            return Optional.empty();
          }
        };
    return SecurityAssembly.assemble(
        Settings.of(settings),
        engine,
        none,
        new EventFactory(URI.create("/udb/test"), Clock.systemUTC()),
        new InMemoryEventSink(),
        UdbMetrics.noop(),
        Clock.systemUTC());
  }
}
