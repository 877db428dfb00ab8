package io.udb.security.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SecretNamesTest {

  @ParameterizedTest
  @ValueSource(strings = {"a", "db.password", "API_KEY-2", ".hidden", "a..b"})
  void acceptsNames(String name) {
    assertThat(SecretNames.requireValid(name)).isEqualTo(name);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "...", "../x", "a/b", "a\\b", "a b", "ä", "a\u0000"})
  void refusesNames(String name) {
    assertThat(SecretNames.isValid(name)).isFalse();
    assertThatThrownBy(() -> SecretNames.requireValid(name))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
  }

  @ParameterizedTest
  @ValueSource(ints = {128, 129})
  void limitsTheLength(int length) {
    assertThat(SecretNames.isValid("x".repeat(length))).isEqualTo(length <= 128);
  }
}
