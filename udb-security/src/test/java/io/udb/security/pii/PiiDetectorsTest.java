package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.udb.api.UdbException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PiiDetectorsTest {
  private final PiiDetectors detectors = PiiDetectors.builtIn();

  @Test
  void tagsEachKindOfValue() {
    assertThat(detectors.detect("john@example.com")).containsExactly(PiiTag.EMAIL);
    assertThat(detectors.detect("+44 20 7946 0958")).containsExactly(PiiTag.PHONE);
    assertThat(detectors.detect("4111 1111 1111 1111")).containsExactly(PiiTag.CREDIT_CARD);
    assertThat(detectors.detect("GB82 WEST 1234 5698 7654 32")).containsExactly(PiiTag.IBAN);
    assertThat(detectors.detect("123-45-6789")).containsExactly(PiiTag.SSN);
    assertThat(detectors.detect("192.168.1.1")).containsExactly(PiiTag.IP);
    assertThat(detectors.detect("2001:db8::1")).containsExactly(PiiTag.IP);
  }

  @Test
  void ordinaryValuesMatchNothing() {
    for (Object value :
        List.of(
            "hello world",
            "2024-01-15",
            "2024-01-15T10:30:00Z",
            "12:30:45",
            20240115L,
            5551234567L,
            3.14,
            new BigDecimal("1234.5678"),
            true,
            "999-12-3456",
            "256.1.1.1",
            "")) {
      assertThat(detectors.detect(value)).as("%s", value).isEmpty();
    }
    assertThat(detectors.detect(null)).isEmpty();
  }

  @Test
  void nonStringValuesAreDetectedAsText() {
    assertThat(detectors.detect(4111111111111111L)).containsExactly(PiiTag.CREDIT_CARD);
  }

  @Test
  void valuesAreCutToTheLengthLimitBeforeDetection() {
    PatternDetector secretWord = new PatternDetector("word", "needle", 1_000_000);
    PiiDetectors limited = new PiiDetectors(List.of(secretWord), 100);

    assertThat(limited.detect("x".repeat(90) + "needle")).isNotEmpty();
    assertThat(limited.detect("x".repeat(100) + "needle")).isEmpty();
    assertThat(limited.detect("   " + "x".repeat(94) + "needle   ")).isNotEmpty();
  }

  @Test
  void adversarialInputsFinishWithTheDefaultDetectors() {
    PiiDetectors withUserPattern =
        PiiDetectors.of(
            new PiiSettings(4096, 100_000, 1000, 0.5, Map.of("evil", "(a+)+!", "dup", "(x|x)*y")));
    List<String> hostile =
        List.of(
            "a".repeat(100_000) + "!",
            "a".repeat(100_000) + "b",
            "x".repeat(100_000),
            "1".repeat(100_000),
            "1-".repeat(50_000),
            ":".repeat(100_000),
            "a@".repeat(50_000),
            "a.".repeat(50_000) + "@");

    assertTimeoutPreemptively(
        Duration.ofSeconds(5),
        () -> {
          for (String value : hostile) {
            assertThat(withUserPattern.detect(value)).isEmpty();
          }
        });
    assertThat(withUserPattern.budgetOverruns()).isPositive();
  }

  @Test
  void refusesTwoDetectorsWithOneTag() {
    assertThatThrownBy(
            () -> new PiiDetectors(List.of(new EmailDetector(), new EmailDetector()), 10))
        .isInstanceOf(UdbException.class);
  }
}
