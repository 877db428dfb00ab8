package io.udb.api.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

  @Test
  void readsTypedValuesWithDefaults() {
    Settings settings =
        Settings.of(
            Map.of(
                "threads", "4",
                "memory", "512MB",
                "enabled", "TRUE",
                "names", " a, b ,,c ",
                "timeout", "30s"));

    assertThat(settings.getInt("threads", 1)).isEqualTo(4);
    assertThat(settings.getLong("memory", 0)).isEqualTo(512L * 1024 * 1024);
    assertThat(settings.getBoolean("enabled", false)).isTrue();
    assertThat(settings.getList("names")).containsExactly("a", "b", "c");
    assertThat(settings.getDuration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.getInt("absent", 7)).isEqualTo(7);
    assertThat(settings.getList("absent")).isEmpty();
  }

  @Test
  void readsEveryDurationForm() {
    Map<String, Duration> forms =
        Map.of(
            "250", Duration.ofMillis(250),
            "500ms", Duration.ofMillis(500),
            "5m", Duration.ofMinutes(5),
            "2h", Duration.ofHours(2),
            "7d", Duration.ofDays(7),
            "PT1M30S", Duration.ofSeconds(90));
    forms.forEach(
        (raw, expected) ->
            assertThat(Settings.of(Map.of("d", raw)).getDuration("d", Duration.ZERO))
                .as(raw)
                .isEqualTo(expected));
  }

  @Test
  void namesTheKeyWhenAValueIsMalformed() {
    for (Map.Entry<String, Runnable> bad :
        Map.<String, Runnable>of(
                "int",
                () -> Settings.of(Map.of("k", "four")).getInt("k", 0),
                "bool",
                () -> Settings.of(Map.of("k", "yes")).getBoolean("k", false),
                "duration",
                () -> Settings.of(Map.of("k", "5 fortnights")).getDuration("k", Duration.ZERO),
                "negative",
                () -> Settings.of(Map.of("k", "-5s")).getDuration("k", Duration.ZERO),
                "overflow",
                () -> Settings.of(Map.of("k", "9999999999")).getInt("k", 0))
            .entrySet()) {
      assertThatThrownBy(bad.getValue()::run)
          .as(bad.getKey())
          .isInstanceOfSatisfying(
              ConfigurationException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.getMessage()).contains("'k'");
              });
    }
  }

  @Test
  void requiresPresentValues() {
    assertThatThrownBy(() -> Settings.empty().requireString("url"))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage("Missing required setting 'url'");
  }

  @Test
  void narrowsByPrefix() {
    Settings settings = Settings.of(Map.of("store.root", "/data", "store.x", "1", "other", "2"));

    Settings narrowed = settings.withPrefix("store.");

    assertThat(narrowed.keys()).containsExactlyInAnyOrder("root", "x");
    assertThat(narrowed.getString("root", null)).isEqualTo("/data");
  }

  @Test
  void printsKeysButNeverValues() {
    Settings settings = Settings.of(Map.of("password", "hunter2", "user", "ana"));

    assertThat(settings.toString()).contains("password", "user").doesNotContain("hunter2", "ana");
    assertThat(List.of(settings).toString()).doesNotContain("hunter2");
  }
}
