package io.udb.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TenantIdTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "acme", "tenant-42", "t_1", "0abc"})
  void acceptsSafeNames(String value) {
    assertThat(TenantId.of(value).value()).isEqualTo(value);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "-a", "_a", "Acme", "a/b", "../x", "a b", "a.b", "é", "a\u0000b"})
  void refusesNamesThatAreNotSafeAsFolderNamesAndTags(String value) {
    assertThatThrownBy(() -> TenantId.of(value))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TENANT_INVALID));
  }

  @ParameterizedTest
  @ValueSource(ints = {63, 64})
  void limitsTheLengthTo63(int length) {
    String value = "a".repeat(length);
    if (length <= 63) {
      assertThat(TenantId.of(value).value()).hasSize(length);
    } else {
      assertThatThrownBy(() -> TenantId.of(value)).isInstanceOf(UdbException.class);
    }
  }
}
