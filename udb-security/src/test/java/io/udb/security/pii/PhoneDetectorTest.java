package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PhoneDetectorTest {
  private final PhoneDetector detector = new PhoneDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+4915112345678",
        "+1 (555) 123-4567",
        "+44 20 7946 0958",
        "+49 (0)30 1234567",
        "+33 6 12 34 56 78",
        "(555) 123-4567",
        "(555)123-4567",
        "555-123-4567",
        "555.123.4567",
        "030 1234567",
        "06 12 34 56 78",
        "020 7946 0958",
        "555-1234"
      })
  void recognizesPhoneNumbers(String value) {
    assertThat(detector.matches(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "5551234567",
        "4915112345678",
        "20240115",
        "2024-01-15",
        "1999.12.31",
        "15.01.2024",
        "01-15-2024",
        "01/15/2024",
        "2024-01-15 10:30",
        "12:30:45",
        "192.168.1.1",
        "123-45-6789",
        "1234.5678",
        "3.14159",
        "1 234 567",
        "12.345.678",
        "+0 123 456 789",
        "+123",
        "+12 345 678 901 234 567",
        "555--123-4567",
        "555-123-4567-",
        "-555-123-4567",
        "(555 123-4567",
        "(555) (123) 4567",
        "555-123-4567 x12",
        "call 555-123-4567",
        "4111 1111 1111 1111"
      })
  void refusesIntegersDatesAndOtherNumbers(String value) {
    assertThat(detector.matches(value)).isFalse();
  }

  @Test
  void finishesOnLongDigitRuns() {
    String hostile = "1-".repeat(50_000) + "x";
    assertTimeoutPreemptively(
        Duration.ofSeconds(5), () -> assertThat(detector.matches(hostile)).isFalse());
  }
}
