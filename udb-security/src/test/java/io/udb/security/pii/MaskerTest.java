package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MaskerTest {
  private final Masker masker = new Masker(PiiDetectors.builtIn());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "pii.email       | john.doe@example.com        | j***@example.com",
        "pii.email       | x@example.org               | x***@example.org",
        "pii.email       | not an address              | ***",
        "pii.phone       | +44 20 7946 0958            | +** ** **** **58",
        "pii.phone       | +1 (555) 123-4567           | +* (***) ***-**67",
        "pii.phone       | +4915112345678              | +***********78",
        "pii.phone       | 555-1234                    | ***-**34",
        "pii.phone       | 12345                       | ***",
        "pii.credit_card | 4111 1111 1111 1111         | **** **** **** 1111",
        "pii.credit_card | 4111-1111-1111-1111         | ****-****-****-1111",
        "pii.credit_card | 4111111111111111            | ************1111",
        "pii.iban        | DE89 3704 0044 0532 0130 00 | DE** **** **** **** **30 00",
        "pii.iban        | GB82WEST12345698765432      | GB****************5432",
        "pii.iban        | 1234                        | ***",
        "pii.ssn         | 123-45-6789                 | ***-**-6789",
        "pii.ip          | 192.168.1.20                | 192.168.*.*",
        "pii.ip          | 2001:db8::1                 | 2001:*:*:*:*:*:*:*",
        "pii.ip          | ::1                         | 0:*:*:*:*:*:*:*",
        "pii.ip          | localhost                   | ***",
        "pii.custom.badge | B1234                      | ***",
        "none            | plain                       | plain"
      })
  void masksKeepingAShape(String tag, String value, String masked) {
    assertThat(masker.mask(value, PiiTag.of(tag))).isEqualTo(masked);
  }

  @Test
  void nullStaysNull() {
    assertThat(masker.mask(null, Set.of(PiiTag.EMAIL))).isNull();
  }

  @Test
  void nonStringValuesAreMaskedAsText() {
    assertThat(masker.mask(4111111111111111L, Set.of(PiiTag.CREDIT_CARD)))
        .isEqualTo("************1111");
  }

  @Test
  void untaggedValuesStayAsTheyAre() {
    Object value = 42L;

    assertThat(masker.mask(value, Set.of(PiiTag.NONE))).isSameAs(value);
    assertThat(masker.mask(value, Set.of())).isSameAs(value);
  }

  @Test
  void picksTheTagWhoseDetectorRecognizesTheValue() {
    Set<PiiTag> tags = Set.of(PiiTag.EMAIL, PiiTag.PHONE);

    assertThat(masker.mask("+44 20 7946 0958", tags)).isEqualTo("+** ** **** **58");
    assertThat(masker.mask("ann@example.com", tags)).isEqualTo("a***@example.com");
    assertThat(masker.mask("unknown", tags)).isEqualTo("***");
  }

  @Test
  void neverRevealsTheWholeOfAShortValue() {
    assertThat(masker.mask("1234", PiiTag.CREDIT_CARD)).isEqualTo("***");
    assertThat(masker.mask("123", PiiTag.SSN)).isEqualTo("***");
    assertThat(masker.mask("@example.com", PiiTag.EMAIL)).isEqualTo("***");
  }
}
