package io.udb.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

class KpiDefinitionTest {

  private static KpiDefinition.Builder avgTemperature() {
    return KpiDefinition.builder("avg_temp")
        .table("weather")
        .measure("temp_max", Aggregation.AVG)
        .time("date", Grain.MONTH);
  }

  private static void assertInvalid(ThrowingCallable build, String field, String text) {
    assertThatThrownBy(build)
        .isInstanceOfSatisfying(
            InvalidKpiException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.field()).isEqualTo(field);
            })
        .hasMessageContaining("field '" + field + "'")
        .hasMessageContaining(text);
  }

  @Test
  void buildsATableKpiWithItsDefaults() {
    KpiDefinition kpi = avgTemperature().build();

    assertThat(kpi.displayLabel()).isEqualTo("avg_temp");
    assertThat(kpi.upIsGood()).isTrue();
    assertThat(kpi.format()).isEqualTo(KpiFormat.PLAIN);
    assertThat(kpi.dimensions()).isEmpty();
    assertThat(kpi.isTimeBased()).isTrue();
    assertThat(kpi.isRawSql()).isFalse();
  }

  @Test
  void namesTheKpiAndFieldOfAGrainWithoutTimeColumn() {
    assertInvalid(
        () ->
            KpiDefinition.builder("avg_temp")
                .table("weather")
                .measure("temp_max", Aggregation.AVG)
                .grain(Grain.MONTH)
                .build(),
        "timeColumn",
        "KPI 'avg_temp'");
  }

  @Test
  void refusesATimeColumnWithoutGrain() {
    assertInvalid(() -> avgTemperature().time("date", null).build(), "grain", "needs a grain");
  }

  @Test
  void refusesAPercentileOutsideZeroToHundred() {
    assertInvalid(
        () -> avgTemperature().percentile(120).build(), "percentile", "between 0 and 100");
    assertInvalid(() -> avgTemperature().percentile(-1).build(), "percentile", "got -1.0");
  }

  @Test
  void refusesAPercentileOnAnotherAggregation() {
    assertInvalid(
        () -> avgTemperature().percentile(90).aggregation(Aggregation.SUM).build(),
        "percentile",
        "only aggregation percentile");
  }

  @Test
  void refusesASumWithoutMeasure() {
    assertInvalid(
        () -> avgTemperature().measure(null, Aggregation.SUM).build(),
        "measure",
        "needs a measure");
  }

  @Test
  void countsRowsWithoutMeasure() {
    KpiDefinition days = avgTemperature().measure(null, Aggregation.COUNT).build();

    assertThat(days.measure()).isNull();
    assertThat(days.aggregation()).isEqualTo(Aggregation.COUNT);
  }

  @Test
  void refusesARatioWithoutDenominator() {
    assertInvalid(
        () -> avgTemperature().measure(null, null).ratio(Measure.countRows(), null).build(),
        "denominator",
        "both a numerator and a denominator");
  }

  @Test
  void refusesARatioOfRatios() {
    Measure nested = new Measure(null, Aggregation.RATIO, null, null);
    assertInvalid(
        () -> avgTemperature().measure(null, null).ratio(nested, Measure.countRows()).build(),
        "numerator.aggregation",
        "cannot be ratios");
  }

  @Test
  void refusesAMeasureBesideARatio() {
    assertInvalid(
        () ->
            avgTemperature()
                .ratio(Measure.countRows().where("weather = 'sun'"), Measure.countRows())
                .build(),
        "measure",
        "numerator and denominator");
  }

  @Test
  void refusesARawSqlKpiWithAMeasure() {
    assertInvalid(
        () -> KpiDefinition.builder("raw").sql("SELECT 1 AS value").measure("x").build(),
        "measure",
        "raw-SQL KPI");
  }

  @Test
  void refusesATableTogetherWithRawSql() {
    assertInvalid(
        () -> KpiDefinition.builder("raw").sql("SELECT 1 AS value").table("weather").build(),
        "table",
        "either a table");
  }

  @Test
  void refusesThresholdsInTheWrongOrder() {
    assertInvalid(
        () -> avgTemperature().thresholds(10.0, 15.0).build(),
        "critical",
        "not be above the warning");
    KpiDefinition lowIsGood = avgTemperature().upIsGood(false).thresholds(10.0, 15.0).build();
    assertThat(lowIsGood.critical()).isEqualTo(15.0);
  }

  @Test
  void refusesARepeatedDimension() {
    assertInvalid(
        () -> avgTemperature().dimensions("weather", "WEATHER").build(), "dimensions", "repeated");
  }

  @Test
  void refusesMoreThanFiveDimensions() {
    assertInvalid(
        () -> avgTemperature().dimensions("a", "b", "c", "d", "e", "f").build(),
        "dimensions",
        "at most 5");
  }

  @Test
  void refusesAMissingName() {
    assertInvalid(() -> KpiDefinition.builder(" ").table("t").build(), "name", "needs a name");
  }

  @Test
  void refusesAnOverlongFilter() {
    assertInvalid(
        () -> avgTemperature().filter("x".repeat(4001)).build(), "filter", "longer than 4000");
  }

  @Test
  void computationHashIgnoresPresentationButNotWhatIsComputed() {
    KpiDefinition base = avgTemperature().build();
    KpiDefinition relabelled =
        base.toBuilder().label("Average max temperature").unit("°C").target(20).build();
    KpiDefinition filtered = base.toBuilder().filter("weather = 'sun'").build();
    KpiDefinition weekly = base.toBuilder().time("date", Grain.WEEK).build();

    assertThat(relabelled.computationHash()).isEqualTo(base.computationHash());
    assertThat(filtered.computationHash()).isNotEqualTo(base.computationHash());
    assertThat(weekly.computationHash()).isNotEqualTo(base.computationHash());
    assertThat(base.computationHash()).hasSize(64);
  }

  @Test
  void currencyFormatNeedsAnIsoCode() {
    assertThatThrownBy(() -> new KpiFormat(KpiFormat.Style.CURRENCY, "euro", null, null))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("ISO 4217");
    assertThat(new KpiFormat(KpiFormat.Style.CURRENCY, "EUR", null, null).unit()).isEqualTo("EUR");
  }

  @Test
  void unitTakesItsPluralForAnythingButOne() {
    KpiFormat days = new KpiFormat(KpiFormat.Style.NUMBER, "day", "days", null);

    assertThat(days.unitFor(true)).isEqualTo("day");
    assertThat(days.unitFor(false)).isEqualTo("days");
    assertThat(KpiFormat.unit("°C").unitFor(false)).isEqualTo("°C");
  }
}
