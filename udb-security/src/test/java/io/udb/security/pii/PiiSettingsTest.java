package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiSettingsTest {

  @Test
  void defaultsApplyWithoutKeys() {
    PiiSettings settings = PiiSettings.from(Settings.empty());

    assertThat(settings).isEqualTo(PiiSettings.defaults());
    assertThat(settings.maxValueLength()).isEqualTo(4096);
    assertThat(settings.sampleSize()).isEqualTo(1000);
    assertThat(settings.matchThreshold()).isEqualTo(0.5);
    assertThat(settings.patterns()).isEmpty();
  }

  @Test
  void readsKeysAndUserPatterns() {
    PiiSettings settings =
        PiiSettings.from(
            Settings.of(
                Map.of(
                    "pii.max-value-length", "1024",
                    "pii.pattern-budget", "5000",
                    "pii.sample-size", "200",
                    "pii.match-threshold", "0.8",
                    "pii.patterns.employee_id", "EMP-\\d{6}",
                    "pii.patterns.badge", "^B\\d{4}$",
                    "other.key", "x")));

    assertThat(settings.maxValueLength()).isEqualTo(1024);
    assertThat(settings.patternBudget()).isEqualTo(5000);
    assertThat(settings.sampleSize()).isEqualTo(200);
    assertThat(settings.matchThreshold()).isEqualTo(0.8);
    assertThat(settings.patterns())
        .containsExactly(Map.entry("badge", "^B\\d{4}$"), Map.entry("employee_id", "EMP-\\d{6}"));
    assertThat(PiiDetectors.of(settings).detect("EMP-123456"))
        .containsExactly(PiiTag.custom("employee_id"));
  }

  @Test
  void badValuesNameTheirKey() {
    assertInvalid(Map.of("pii.patterns.bad", "(unclosed"), "pii.patterns.bad");
    assertInvalid(Map.of("pii.patterns.Bad Name", "x"), "pii.patterns.Bad Name");
    assertInvalid(Map.of("pii.match-threshold", "1.5"), "pii.match-threshold");
    assertInvalid(Map.of("pii.match-threshold", "most"), "pii.match-threshold");
    assertInvalid(Map.of("pii.sample-size", "0"), "pii.sample-size");
    assertInvalid(Map.of("pii.max-value-length", "10"), "pii.max-value-length");
    assertInvalid(Map.of("pii.pattern-budget", "5"), "pii.pattern-budget");
  }

  private static void assertInvalid(Map<String, String> values, String key) {
    assertThatThrownBy(() -> PiiSettings.from(Settings.of(values)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(key)
        .extracting(e -> ((ConfigurationException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }
}
