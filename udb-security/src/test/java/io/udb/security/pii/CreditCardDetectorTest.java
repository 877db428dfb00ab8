package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCardDetectorTest {
  private final CreditCardDetector detector = new CreditCardDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1111",
        "4111-1111-1111-1111",
        "4111111111111111",
        "5555 5555 5555 4444",
        "3782 822463 10005",
        "378282246310005",
        "6011 1111 1111 1117",
        "4222222222222"
      })
  void recognizesTestCardNumbers(String value) {
    assertThat(detector.matches(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "4111 1111 1111 1112",
        "4111111111111112",
        "0000 0000 0000 0000",
        "4111 1111-1111 1111",
        "4111  1111 1111 1111",
        "41 11 11 11 11 11 11 11",
        "411111111111",
        "41111111111111111111",
        "4111 1111 1111 111a",
        "+4111111111111111"
      })
  void refusesInvalidNumbers(String value) {
    assertThat(detector.matches(value)).isFalse();
  }

  @Test
  void luhnDetectsASingleChangedDigit() {
    assertThat(CreditCardDetector.luhn("79927398713")).isTrue();
    assertThat(CreditCardDetector.luhn("79927398714")).isFalse();
  }
}
