package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ColumnKindTest {

  @ParameterizedTest
  @CsvSource({
    "BIGINT, NUMERIC",
    "'DECIMAL(18,3)', NUMERIC",
    "double, NUMERIC",
    "UTINYINT, NUMERIC",
    "BOOLEAN, BOOLEAN",
    "DATE, DATETIME",
    "TIMESTAMP WITH TIME ZONE, DATETIME",
    "TIMESTAMP_NS, DATETIME",
    "TIME, CATEGORICAL",
    "'INTEGER[]', CATEGORICAL",
    "UUID, CATEGORICAL"
  })
  void typesDecideTheKindOfNonStrings(String type, ColumnKind kind) {
    assertThat(ColumnKind.of(type, 10, 100)).isEqualTo(kind);
  }

  @Test
  void stringsWithFewDistinctValuesAreCategorical() {
    assertThat(ColumnKind.of("VARCHAR", 50, 100)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(ColumnKind.of("VARCHAR", 51, 100)).isEqualTo(ColumnKind.TEXT);
    assertThat(ColumnKind.of("VARCHAR", 500, 10_000)).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(ColumnKind.of("VARCHAR", 501, 10_000)).isEqualTo(ColumnKind.TEXT);
    assertThat(ColumnKind.of("VARCHAR", 501, 10_000, 1000, 0.0)).isEqualTo(ColumnKind.CATEGORICAL);
  }

  @Test
  void contractNamesRoundTrip() {
    for (ColumnKind kind : ColumnKind.values()) {
      assertThat(ColumnKind.fromId(kind.id())).isEqualTo(kind);
    }
    assertThat(ColumnKind.TEXT.id()).isEqualTo("text");
    assertThat(ColumnKind.TEXT.isString()).isTrue();
    assertThatThrownBy(() -> ColumnKind.fromId("ordinal"))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("numeric, categorical, datetime, boolean or text");
  }
}
