package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IbanDetectorTest {
  private final IbanDetector detector = new IbanDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GB82 WEST 1234 5698 7654 32",
        "GB82WEST12345698765432",
        "DE89 3704 0044 0532 0130 00",
        "DE89370400440532013000",
        "de89 3704 0044 0532 0130 00",
        "FR14 2004 1010 0505 0001 3M02 606",
        "NL91 ABNA 0417 1643 00",
        "NO93 8601 1117 947",
        "CH93 0076 2011 6238 5295 7"
      })
  void recognizesValidIbans(String value) {
    assertThat(detector.matches(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "GB83 WEST 1234 5698 7654 32",
        "DE89 3704 0044 0532 0130 01",
        "DE89 3704 0044 0532 0130 0",
        "DE00 3704 0044 0532 0130 00",
        "XX89 3704 0044 0532 0130 00",
        "GB82-WEST-1234-5698-7654-32",
        "GB82  WEST 1234 5698 7654 32",
        "GB82 WEST 1234 5698 7654 3!",
        "89DE 3704 0044 0532 0130 00",
        "4111 1111 1111 1111"
      })
  void refusesBadChecksumsAndShapes(String value) {
    assertThat(detector.matches(value)).isFalse();
  }
}
