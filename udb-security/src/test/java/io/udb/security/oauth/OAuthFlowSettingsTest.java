package io.udb.security.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.config.Settings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OAuthFlowSettingsTest {

  @Test
  void defaultsWhenKeysAreAbsent() {
    OAuthFlowSettings settings = OAuthFlowSettings.from(Settings.empty());

    assertThat(settings).isEqualTo(OAuthFlowSettings.defaults());
    assertThat(settings.pendingTtl()).isEqualTo(Duration.ofMinutes(10));
    assertThat(settings.refreshSkew()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.httpTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(settings.maxPending()).isEqualTo(10_000);
  }

  @Test
  void readsKeys() {
    OAuthFlowSettings settings =
        OAuthFlowSettings.from(
            Settings.of(
                Map.of(
                    "oauth.pending-ttl", "5m",
                    "oauth.refresh-skew", "0s",
                    "oauth.http-timeout", "2s",
                    "oauth.max-pending", "50")));

    assertThat(settings)
        .isEqualTo(
            new OAuthFlowSettings(Duration.ofMinutes(5), Duration.ZERO, Duration.ofSeconds(2), 50));
  }

  @Test
  void refusesZeroTtlZeroTimeoutAndNoRoom() {
    for (Map<String, String> bad :
        java.util.List.of(
            Map.of("oauth.pending-ttl", "0s"),
            Map.of("oauth.http-timeout", "0"),
            Map.of("oauth.max-pending", "0"))) {
      assertThatThrownBy(() -> OAuthFlowSettings.from(Settings.of(bad)))
          .as(bad.toString())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining(bad.keySet().iterator().next());
    }
  }
}
