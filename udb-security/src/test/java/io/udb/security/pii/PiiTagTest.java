package io.udb.security.pii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PiiTagTest {

  @Test
  void builtInIdsAreStable() {
    assertThat(
            List.of(
                PiiTag.EMAIL,
                PiiTag.PHONE,
                PiiTag.CREDIT_CARD,
                PiiTag.IBAN,
                PiiTag.SSN,
                PiiTag.IP,
                PiiTag.NONE))
        .extracting(PiiTag::id)
        .containsExactly(
            "pii.email", "pii.phone", "pii.credit_card", "pii.iban", "pii.ssn", "pii.ip", "none");
  }

  @Test
  void parsesIdsBackToEqualTags() {
    assertThat(PiiTag.of("pii.email")).isEqualTo(PiiTag.EMAIL);
    assertThat(PiiTag.of("pii.custom.employee_id")).isEqualTo(PiiTag.custom("employee_id"));
    assertThat(PiiTag.custom("badge").isCustom()).isTrue();
    assertThat(PiiTag.NONE.isSensitive()).isFalse();
    assertThat(PiiTag.IP.isSensitive()).isTrue();
    assertThat(PiiTag.EMAIL.toString()).isEqualTo("pii.email");
  }

  @Test
  void refusesUnknownIds() {
    for (String id : List.of("pii.name", "email", "pii.custom.", "pii.custom.A", "NONE", "")) {
      assertThatThrownBy(() -> PiiTag.of(id))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    }
  }
}
