package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.engine.TableRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class QualityRequestTest {

  @Test
  void parsesChecksAndFlags() {
    QualityRequest request =
        QualityRequest.parse(
            "{\"table\":\"cars\",\"checks\":[{\"check\":\"completeness\",\"column\":\"Name\"}],"
                + "\"quarantine\":true}");
    assertThat(request.table()).isEqualTo(TableRef.of("cars"));
    assertThat(request.suite().checks())
        .containsExactly(new Check.Completeness("Name", Bound.eq(1), Severity.ERROR));
    assertThat(request.quarantine()).isTrue();
    assertThat(request.suggest()).isFalse();
  }

  @Test
  void suggestAloneIsARequest() {
    QualityRequest request = QualityRequest.parse("{\"table\":\"cars\",\"suggest\":true}");
    assertThat(request.suggest()).isTrue();
    assertThat(request.suite().checks()).isEmpty();
  }

  @Test
  void refusesRequestWithoutChecksOrSuggestion() {
    assertThatThrownBy(() -> QualityRequest.parse("{\"table\":\"cars\",\"checks\":[]}"))
        .isInstanceOf(InvalidCheckException.class)
        .hasMessage("request.checks: give at least one check, or \"suggest\": true");
  }

  @Test
  void refusesUnknownFieldsAndWrongTypes() {
    assertThatThrownBy(() -> QualityRequest.parse("{\"table\":\"cars\",\"sugest\":true}"))
        .isInstanceOfSatisfying(
            InvalidCheckException.class, e -> assertThat(e.field()).isEqualTo("sugest"));
    assertThatThrownBy(() -> QualityRequest.parse("{\"table\":\"cars\",\"suggest\":\"yes\"}"))
        .hasMessage("request.suggest: expected true or false");
    assertThatThrownBy(() -> QualityRequest.parse("{\"suggest\":true}"))
        .hasMessage("request.table: required, a table name");
    assertThatThrownBy(() -> QualityRequest.parse("[]"))
        .hasMessage("request: expected a JSON object");
  }

  @Test
  void errorsInsideChecksKeepTheirIndex() {
    assertThatThrownBy(
            () ->
                QualityRequest.parse(
                    "{\"table\":\"t\",\"checks\":[{\"check\":\"row_count\",\"min\":1},"
                        + "{\"check\":\"row_count\",\"min\":true}]}"))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e -> {
              assertThat(e.index()).isEqualTo(1);
              assertThat(e.field()).isEqualTo("min");
            });
  }

  @Test
  void builtSuiteIsForTheRequestedTable() {
    QualityRequest request =
        new QualityRequest(
            TableRef.of("t"), new CheckSuite(TableRef.of("t"), List.of()), true, false);
    assertThat(request.suite().table().name()).isEqualTo("t");
  }
}
