package io.udb.quality.check;

import static io.udb.quality.check.Bound.between;
import static io.udb.quality.check.Bound.ge;
import static io.udb.quality.check.Bound.gt;
import static io.udb.quality.check.Bound.lt;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckJsonTest {
  private static final TableRef CARS = TableRef.of("cars");

  /** One check of every kind, through the DSL. */
  static CheckSuite everyKind() {
    return Checks.on("cars")
        .isComplete("Name")
        .hasCompleteness("Horsepower", ge(0.95))
        .asWarning()
        .isUnique("id")
        .hasUniqueness(List.of("a", "b"), gt(0.5))
        .isPrimaryKey("a", "b")
        .hasDistinctness("Name", between(0.1, 0.9))
        .hasDistinctness(List.of("a", "b"), lt(1))
        .isContainedIn("Origin", Set.of("USA"))
        .isContainedIn("Cylinders", List.of(4, 6.5, true), ge(0.9))
        .hasMin("x", ge(0))
        .hasMax("x", Bound.le(10))
        .hasMean("x", between(1, 2))
        .hasSum("x", Bound.eq(3))
        .hasStandardDeviation("x", lt(1))
        .isNonNegative("x")
        .matches("code", "[A-Z]{3}")
        .matches("code", "[A-Z]+", ge(0.5))
        .isEmail("e")
        .isUrl("u")
        .isCreditCard("c")
        .hasDataType("x", DataType.NUMERIC)
        .hasDataType("x", DataType.BOOLEAN, ge(0.5))
        .hasRowCount(between(1, 1000))
        .satisfies("positive", "x > 0")
        .satisfies("mostly", "x > 1", ge(0.8))
        .isFresh("ts", Duration.ofHours(24))
        .referencesTable("fk", "other", "pk")
        .hasColumns("a", "b")
        .lacksColumns("ssn")
        .hasColumnType("x", "DOUBLE")
        .build();
  }

  @Test
  void everyCheckSurvivesARoundTripThroughItsJsonForm() {
    CheckSuite suite = everyKind();
    String json = Json.write(CheckJson.toJson(suite));
    CheckSuite parsed = CheckJson.parseSuite(CARS, json);
    assertThat(parsed).isEqualTo(suite);
    assertThat(parsed.checks()).extracting(Check::type).contains(CheckType.values());
  }

  @Test
  void everyCheckOfTheDslIsValidAgainstTheSchema() {
    String request =
        Json.write(java.util.Map.of("table", "cars", "checks", CheckJson.toJson(everyKind())));
    assertThat(JsonSchemas.violations(JsonSchemas.REQUEST_ID, request)).isEmpty();
  }

  @Test
  void parsesTheDocumentedExamples() {
    CheckSuite suite =
        CheckJson.parseSuite(
            CARS,
            """
            [{"check":"completeness","column":"x","min":0.95,"severity":"error"},
             {"check":"completeness","column":"Name"},
             {"check":"allowed_values","column":"Origin","values":["USA","Europe","Japan"]},
             {"check":"satisfies","name":"positive_hp","predicate":"Horsepower > 0"},
             {"check":"row_count","exclusiveMin":0,"max":500,"severity":"warning"},
             {"check":"freshness","column":"ts","maxAge":"P7D"},
             {"check":"uniqueness","columns":["a","b"]},
             {"check":"mean","column":"x","equals":2}]
            """);
    assertThat(suite.checks())
        .containsExactly(
            new Check.Completeness("x", ge(0.95), Severity.ERROR),
            new Check.Completeness("Name", Bound.eq(1), Severity.ERROR),
            new Check.AllowedValues(
                "Origin", List.of("USA", "Europe", "Japan"), Bound.eq(1), Severity.ERROR),
            new Check.Satisfies("positive_hp", "Horsepower > 0", Bound.eq(1), Severity.ERROR),
            new Check.RowCount(new Bound(0.0, false, 500.0, true), Severity.WARNING),
            new Check.Freshness("ts", Duration.ofDays(7), Severity.ERROR),
            new Check.Uniqueness(List.of("a", "b"), Bound.eq(1), Severity.ERROR),
            new Check.Statistic("x", CheckType.MEAN, Bound.eq(2), Severity.ERROR));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "[{\"check\":\"completenes\",\"column\":\"x\"}]|0|check|unknown check 'completenes'",
        "[{\"column\":\"x\"}]|0|check|missing or not a string",
        "[{\"check\":\"completeness\",\"colum\":\"x\"}]|0|colum|unknown field for check"
            + " 'completeness'",
        "[{\"check\":\"completeness\",\"column\":\"x\"},{\"check\":\"completeness\",\"column\":"
            + "\"x\",\"min\":\"high\"}]|1|min|expected a number",
        "[{\"check\":\"completeness\",\"column\":3}]|0|column|expected a string",
        "[{\"check\":\"completeness\"}]|0|column|required",
        "[{\"check\":\"completeness\",\"column\":\"x\",\"severity\":\"fatal\"}]|0|severity|"
            + "expected 'warning' or 'error'",
        "[{\"check\":\"min\",\"column\":\"x\"}]|0|min|needs a bound",
        "[{\"check\":\"min\",\"column\":\"x\",\"min\":5,\"max\":1}]|0|min|empty",
        "[{\"check\":\"min\",\"column\":\"x\",\"min\":1,\"exclusiveMin\":2}]|0|exclusiveMin|"
            + "either 'min' or 'exclusiveMin'",
        "[{\"check\":\"row_count\",\"equals\":1,\"max\":2}]|0|equals|cannot be combined",
        "[{\"check\":\"freshness\",\"column\":\"t\",\"maxAge\":\"24h\"}]|0|maxAge|ISO-8601",
        "[{\"check\":\"data_type\",\"column\":\"t\",\"type\":\"money\"}]|0|type|Unknown data type",
        "[{\"check\":\"allowed_values\",\"column\":\"t\",\"values\":[]}]|0|values|non-empty",
        "[{\"check\":\"allowed_values\",\"column\":\"t\",\"values\":[null]}]|0|values|no nulls",
        "[{\"check\":\"uniqueness\",\"column\":\"a\",\"columns\":[\"b\"]}]|0|columns|either",
        "[{\"check\":\"required_columns\",\"columns\":[1]}]|0|columns|array of strings",
        "[{\"check\":\"pattern\",\"column\":\"c\"}]|0|pattern|required",
        "[{\"check\":\"satisfies\",\"name\":\"n\",\"predicate\":\" \"}]|0||not blank",
        "[42]|0||expected an object",
      })
  void refusesMalformedChecksNamingIndexAndField(
      String json, int index, String field, String problem) {
    assertThatThrownBy(() -> CheckJson.parseSuite(CARS, json))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.index()).isEqualTo(index);
              assertThat(e.field()).isEqualTo(field);
              assertThat(e.getMessage())
                  .startsWith("checks[" + index + "]" + (field == null ? "" : "." + field) + ": ")
                  .contains(problem);
            });
  }

  @Test
  void unknownCheckMessageListsTheKnownOnes() {
    assertThatThrownBy(() -> CheckJson.parseSuite(CARS, "[{\"check\":\"nope\"}]"))
        .hasMessageContaining("expected one of completeness, uniqueness, primary_key");
  }

  @Test
  void refusesTextThatIsNotAnArrayOfChecks() {
    assertThatThrownBy(() -> CheckJson.parseSuite(CARS, "{\"check\":\"completeness\"}"))
        .isInstanceOfSatisfying(
            InvalidCheckException.class,
            e -> {
              assertThat(e.index()).isEqualTo(-1);
              assertThat(e.field()).isEqualTo("checks");
            });
    assertThatThrownBy(() -> CheckJson.parseSuite(CARS, "[{"))
        .isInstanceOf(InvalidCheckException.class)
        .hasMessageStartingWith("request.checks: not valid JSON");
  }

  @Test
  void schemaRefusesWhatTheParserRefuses() {
    assertThat(
            JsonSchemas.violations(
                JsonSchemas.REQUEST_ID,
                "{\"table\":\"cars\",\"checks\":[{\"check\":\"completeness\",\"colum\":\"x\"}]}"))
        .isNotEmpty();
    assertThat(
            JsonSchemas.violations(
                JsonSchemas.REQUEST_ID,
                "{\"table\":\"cars\",\"checks\":[{\"check\":\"min\",\"column\":\"x\"}]}"))
        .isNotEmpty();
    assertThat(JsonSchemas.violations(JsonSchemas.REQUEST_ID, "{\"table\":\"cars\"}")).isNotEmpty();
    assertThat(
            JsonSchemas.violations(JsonSchemas.REQUEST_ID, "{\"table\":\"cars\",\"suggest\":true}"))
        .isEmpty();
  }
}
