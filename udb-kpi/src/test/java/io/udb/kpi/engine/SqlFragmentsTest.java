package io.udb.kpi.engine;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.kpi.InvalidKpiException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SqlFragmentsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "temp_max",
        "temp_max - temp_min",
        "weather = 'sun; -- not a comment /* nor this */'",
        "\"odd;--name\" > 0",
        "weather = 'it''s'",
        "weather = E'it\\'s; fine'",
        "regexp_matches(weather, '^s\\d*$')",
        "coalesce((temp_max), (temp_min))",
        "temp_max / 2 * 3",
        "typee'x' IS NOT NULL"
      })
  void acceptsExpressions(String fragment) {
    assertThatCode(() -> SqlFragments.check("k", "measure", fragment)).doesNotThrowAnyException();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "temp_max; DROP TABLE weather",
        "temp_max -- the rest is gone",
        "temp_max /* hidden */",
        "temp_max) FROM weather UNION SELECT (1",
        "(temp_max",
        "$$text$$",
        "temp_max > ?",
        "temp_max > $1",
        "weather = 'never closed",
        "\"never closed",
        "E'\\'' -- desynchronised lexers would miss this comment",
        "weather = 'a'\u0000"
      })
  void refusesWhatCouldReshapeTheStatement(String fragment) {
    assertThatThrownBy(() -> SqlFragments.check("k", "filter", fragment))
        .isInstanceOf(InvalidKpiException.class)
        .hasMessageStartingWith("KPI 'k', field 'filter': ");
  }
}
