package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Deequ's default rules on the real data sets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConstraintSuggesterTest {
  private static final TenantId TENANT = TenantId.of("acme");

  private DataBox box;
  private final ConstraintSuggester suggester = new ConstraintSuggester();

  @BeforeAll
  void load() {
    box = TestTables.box();
    TestTables.load(box, TENANT, "cars.csv", "cars");
    TestTables.load(box, TENANT, "cars.csv", "cars_text", ", all_varchar = true");
    TestTables.load(box, TENANT, "seattle-weather.csv", "weather");
  }

  @AfterAll
  void close() {
    box.close();
  }

  private List<Suggestion> suggest(String table) {
    return suggester.suggest(box, TENANT, TableRef.of(table)).suggestions();
  }

  private static Optional<Suggestion> find(List<Suggestion> all, String rule, String column) {
    return all.stream()
        .filter(s -> s.rule().equals(rule) && column.equals(s.check().column()))
        .findFirst();
  }

  @Test
  void carsGetTheExpectedRules() {
    List<Suggestion> all = suggest("cars");
    assertThat(find(all, "CompleteIfCompleteRule", "Name").orElseThrow().check())
        .isEqualTo(new Check.Completeness("Name", Bound.eq(1), Severity.ERROR));
    assertThat(find(all, "CategoricalRangeRule", "Origin").orElseThrow().check())
        .isEqualTo(
            new Check.AllowedValues(
                "Origin", List.of("USA", "Japan", "Europe"), Bound.eq(1), Severity.ERROR));
    assertThat(find(all, "NonNegativeNumbersRule", "Cylinders").orElseThrow().check())
        .isEqualTo(new Check.NonNegative("Cylinders", Severity.ERROR));
    assertThat(find(all, "RetainCompletenessRule", "Horsepower").orElseThrow().check())
        .isEqualTo(new Check.Completeness("Horsepower", Bound.ge(0.96), Severity.ERROR));
    assertThat(find(all, "RetainCompletenessRule", "Miles_per_Gallon").orElseThrow().check())
        .isEqualTo(new Check.Completeness("Miles_per_Gallon", Bound.ge(0.96), Severity.ERROR));
    assertThat(find(all, "RetainTypeRule", "Horsepower").orElseThrow().check())
        .isEqualTo(new Check.ColumnType("Horsepower", "BIGINT", Severity.ERROR));
    assertThat(all)
        .filteredOn(s -> s.rule().equals("CompleteIfCompleteRule"))
        .extracting(s -> s.check().column())
        .containsExactly(
            "Name", "Cylinders", "Displacement", "Weight_in_lbs", "Acceleration", "Year", "Origin");
    assertThat(all).noneMatch(s -> s.rule().equals("UniqueIfApproximatelyUniqueRule"));
    assertThat(find(all, "CategoricalRangeRule", "Name")).isEmpty();
    assertThat(all).hasSize(7 + 2 + 6 + 1 + 6);
  }

  @Test
  void rationalesCiteTheStatistics() {
    List<Suggestion> all = suggest("cars");
    assertThat(find(all, "RetainCompletenessRule", "Horsepower").orElseThrow().rationale())
        .isEqualTo(
            "'Horsepower' is 98.52% complete (400 of 406 rows); the lower end of the Wilson score"
                + " 95% interval, rounded down, is 0.96");
    assertThat(find(all, "CategoricalRangeRule", "Origin").orElseThrow().rationale())
        .isEqualTo(
            "'Origin' has 3 distinct values, 0 of them occurring once: USA (254), Japan (79),"
                + " Europe (73)");
    assertThat(find(all, "NonNegativeNumbersRule", "Cylinders").orElseThrow().rationale())
        .isEqualTo("the minimum of 'Cylinders' is 3");
  }

  @Test
  void textColumnsGetTheTypeTheirTextReadsAs() {
    List<Suggestion> all = suggest("cars_text");
    assertThat(find(all, "RetainTypeRule", "Horsepower").orElseThrow().check())
        .isEqualTo(
            new Check.HasDataType("Horsepower", DataType.INTEGRAL, Bound.eq(1), Severity.ERROR));
    assertThat(find(all, "RetainTypeRule", "Acceleration").orElseThrow().check())
        .isEqualTo(
            new Check.HasDataType("Acceleration", DataType.NUMERIC, Bound.eq(1), Severity.ERROR));
    assertThat(find(all, "RetainTypeRule", "Name")).isEmpty();
    assertThat(find(all, "RetainTypeRule", "Year")).isEmpty();
  }

  @Test
  void weatherDateIsUniqueAndWeatherIsCategorical() {
    List<Suggestion> all = suggest("weather");
    assertThat(find(all, "UniqueIfApproximatelyUniqueRule", "date").orElseThrow().check())
        .isEqualTo(new Check.Uniqueness(List.of("date"), Bound.eq(1), Severity.ERROR));
    assertThat(find(all, "CategoricalRangeRule", "weather").orElseThrow().check())
        .isEqualTo(
            new Check.AllowedValues(
                "weather",
                List.of("rain", "sun", "fog", "drizzle", "snow"),
                Bound.eq(1),
                Severity.ERROR));
    assertThat(find(all, "NonNegativeNumbersRule", "temp_min")).isEmpty();
    assertThat(find(all, "NonNegativeNumbersRule", "precipitation")).isPresent();
  }

  @Test
  void suggestedSuitePassesOnTheDataItCameFrom() {
    ConstraintSuggester.SuggestedSuite suggested =
        suggester.suggest(box, TENANT, TableRef.of("cars"));
    QualityReport report =
        new QualityService()
            .run(
                box,
                TENANT,
                TableRef.of("cars"),
                suggested.suite(),
                QualityOptions.defaults().withHistory(false));
    assertThat(report.passed()).isTrue();
    assertThat(report.checks()).hasSize(suggested.suggestions().size());
  }

  @Test
  void statisticsOfCarsColumns() {
    List<ColumnStats> stats = SuggestionStatistics.compute(box, TENANT, TableRef.of("cars"));
    ColumnStats horsepower = stats.get(4);
    assertThat(horsepower.name()).isEqualTo("Horsepower");
    assertThat(horsepower.kind()).isEqualTo("numeric");
    assertThat(horsepower.count()).isEqualTo(400);
    assertThat(horsepower.missing()).isEqualTo(6);
    assertThat(horsepower.min()).isEqualTo(46.0);
    assertThat(horsepower.max()).isEqualTo(230.0);
    assertThat(horsepower.rowCount()).isEqualTo(406);
    assertThat(horsepower.dataType()).isEqualTo("BIGINT");
    assertThat(horsepower.inferredType()).isEqualTo(DataType.INTEGRAL);
    assertThat(horsepower.completeness()).isCloseTo(400.0 / 406, within(1e-12));
    ColumnStats origin = stats.get(8);
    assertThat(origin.kind()).isEqualTo("categorical");
    assertThat(origin.distinct()).isEqualTo(3);
    assertThat(origin.topValues())
        .containsExactly(
            new ValueCount("USA", 254), new ValueCount("Japan", 79), new ValueCount("Europe", 73));
    ColumnStats name = stats.get(0);
    assertThat(name.kind()).isEqualTo("text");
    assertThat(name.distinct()).isEqualTo(311);
    assertThat(name.topValues()).isEmpty();
    assertThat(stats.get(7).kind()).isEqualTo("datetime");
  }

  @Test
  void normalIntervalGivesTheWaldBound() {
    ConstraintSuggester wald =
        new ConstraintSuggester(
            List.of(
                new SuggestionRules.RetainCompleteness(ConfidenceInterval.NORMAL, 0.95, 0.2, 1.0)));
    List<Suggestion> all = wald.suggest(box, TENANT, TableRef.of("cars")).suggestions();
    assertThat(all)
        .extracting(Suggestion::check)
        .containsExactly(
            new Check.Completeness("Miles_per_Gallon", Bound.ge(0.96), Severity.ERROR),
            new Check.Completeness("Horsepower", Bound.ge(0.97), Severity.ERROR));
  }
}
