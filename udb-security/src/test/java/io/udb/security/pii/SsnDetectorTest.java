package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SsnDetectorTest {
  private final SsnDetector detector = new SsnDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {"123-45-6789", "078-05-1120", "899-99-9999", "123 45 6789", " 001-01-0001 "})
  void recognizesIssuableNumbers(String value) {
    assertThat(detector.matches(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "999-12-3456",
        "900-12-3456",
        "000-12-3456",
        "666-12-3456",
        "123-00-6789",
        "123-45-0000",
        "123456789",
        "123-456789",
        "123-45 6789",
        "12-345-6789",
        "123-45-67890",
        "abc-de-fghi"
      })
  void refusesNumbersNeverIssued(String value) {
    assertThat(detector.matches(value)).isFalse();
  }
}
