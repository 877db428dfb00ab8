package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressDetectorTest {
  private final IpAddressDetector detector = new IpAddressDetector();

  @ParameterizedTest
  @ValueSource(
      strings = {
        "192.168.1.1",
        "10.0.0.255",
        "0.0.0.0",
        "255.255.255.255",
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "2001:db8:85a3::8a2e:370:7334",
        "2001:DB8::1",
        "::1",
        "::",
        "fe80::",
        "::ffff:192.0.2.128",
        "64:ff9b::192.0.2.33",
        "1:2:3:4:5:6:7::"
      })
  void recognizesAddresses(String value) {
    assertThat(detector.matches(value)).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "256.1.1.1",
        "1.1.1.256",
        "192.168.1",
        "192.168.1.1.1",
        "192.168.01.1",
        "192.168.1.-1",
        "1.2.3.4/24",
        "2001:db8::85a3::7334",
        "2001:db8:85a3:0:0:8a2e:370",
        "2001:db8:85a3:0:0:8a2e:370:7334:1",
        "1:2:3:4:5:6:7:8::",
        "2001:db8::g",
        "12345::1",
        ":1::2",
        "1::2:",
        "1.2.3.4::1",
        "::ffff:256.0.0.1",
        "::ffff:1.2.3.4:5",
        "fe80::1%eth0",
        "[2001:db8::1]",
        "12:30:45",
        "２００１:db8::1"
      })
  void refusesMalformedAddresses(String value) {
    assertThat(detector.matches(value)).isFalse();
  }
}
