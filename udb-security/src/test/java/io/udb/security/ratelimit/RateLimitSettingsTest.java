package io.udb.security.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitSettingsTest {

  @Test
  void defaultsToSixtyPerMinuteForEveryClass() {
    RateLimitSettings settings = RateLimitSettings.from(Settings.empty());

    assertThat(settings.limitFor("query")).isEqualTo(RateLimit.of(60, Duration.ofMinutes(1)));
    assertThat(settings.limitFor("anything")).isEqualTo(settings.defaultLimit());
    assertThat(settings.limits()).isEmpty();
  }

  @Test
  void readsClassLimitsAndFillsGapsFromTheDefaultClass() {
    RateLimitSettings settings =
        RateLimitSettings.from(
            Settings.of(
                Map.of(
                    "rate-limit.default.capacity", "100",
                    "rate-limit.default.refill-period", "10s",
                    "rate-limit.query.capacity", "5",
                    "rate-limit.ingest.refill-period", "1h",
                    "rate-limit.backend", "memory",
                    "other.key", "ignored")));

    assertThat(settings.defaultLimit()).isEqualTo(RateLimit.of(100, Duration.ofSeconds(10)));
    assertThat(settings.limitFor("query")).isEqualTo(RateLimit.of(5, Duration.ofSeconds(10)));
    assertThat(settings.limitFor("ingest")).isEqualTo(RateLimit.of(100, Duration.ofHours(1)));
    assertThat(settings.limitFor("job")).isEqualTo(RateLimit.of(100, Duration.ofSeconds(10)));
  }

  @Test
  void refusesAZeroCapacityNamingTheClass() {
    assertThatThrownBy(
            () -> RateLimitSettings.from(Settings.of(Map.of("rate-limit.query.capacity", "0"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'query'")
        .hasMessageContaining("at least 1");
  }

  @Test
  void refusesMisspelledKeys() {
    assertThatThrownBy(
            () -> RateLimitSettings.from(Settings.of(Map.of("rate-limit.query.capacty", "5"))))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.getMessage()).contains("rate-limit.query.capacty");
            });
  }

  @Test
  void refusesAClassNameThatIsNotAToken() {
    assertThatThrownBy(
            () -> RateLimitSettings.from(Settings.of(Map.of("rate-limit.Q:x.capacity", "5"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("rate-limit.Q:x.capacity");
  }
}
