package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailDetectorTest {
  private final EmailDetector detector = new EmailDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "john@example.com",
        "john.doe+news@mail.example.co.uk",
        "  j_o-h%n@sub-domain.example.org  ",
        "O'Brien@example.ie",
        "x1@a.io"
      })
  void recognizesAddresses(String value) {
    assertThat(detector.matches(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "john",
        "john@",
        "@example.com",
        "john@example",
        "john@example.c",
        "john@example.123",
        "john@-example.com",
        "john@example-.com",
        "john@exa..mple.com",
        ".john@example.com",
        "john.@example.com",
        "jo..hn@example.com",
        "john doe@example.com",
        "john@example.com and more",
        "a@b@example.com",
        "john@@example.com"
      })
  void refusesNonAddresses(String value) {
    assertThat(detector.matches(value)).isFalse();
  }

  @Test
  void refusesLocalPartLongerThan64() {
    assertThat(detector.matches("a".repeat(64) + "@example.com")).isTrue();
    assertThat(detector.matches("a".repeat(65) + "@example.com")).isFalse();
  }

  @Test
  void finishesOnLongAdversarialInputWithoutTruncation() {
    String hostile = "a".repeat(100_000) + "!";
    String almost = "a".repeat(100_000) + "@" + "a.".repeat(50_000);
    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          assertThat(detector.matches(hostile)).isFalse();
          assertThat(detector.matches(almost)).isFalse();
        });
  }
}
