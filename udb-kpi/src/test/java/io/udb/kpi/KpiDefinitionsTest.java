package io.udb.kpi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class KpiDefinitionsTest {

  @Test
  void readsTheContractRequest() {
    List<KpiDefinition> kpis =
        KpiDefinitions.listFromJson(
            """
            {"kpis":[{"name":"avg_temp","table":"weather","measure":"temp_max",
              "aggregation":"avg","timeColumn":"date","grain":"month",
              "filter":"weather <> 'snow'","dimension":"weather"}]}
            """);

    assertThat(kpis)
        .containsExactly(
            KpiDefinition.builder("avg_temp")
                .table("weather")
                .measure("temp_max", Aggregation.AVG)
                .time("date", Grain.MONTH)
                .filter("weather <> 'snow'")
                .dimensions("weather")
                .build());
  }

  @Test
  void readsYamlWithRatioPercentileShorthandAndPresentation() {
    List<KpiDefinition> kpis =
        KpiDefinitions.listFromYaml(
            """
            kpis:
              - name: sunny_share
                label: share of sunny days
                table: weather
                aggregation: ratio
                numerator: {aggregation: count, filter: "weather = 'sun'"}
                denominator: {aggregation: count}
                timeColumn: date
                grain: quarter
                format: percent
                target: 0.3
              - name: p90_wind
                table: weather
                measure: wind
                aggregation: percentile(90)
                unit: m/s
                upIsGood: false
                warning: 5
                critical: 7
            """);

    KpiDefinition share = kpis.get(0);
    assertThat(share.aggregation()).isEqualTo(Aggregation.RATIO);
    assertThat(share.numerator()).isEqualTo(Measure.countRows().where("weather = 'sun'"));
    assertThat(share.denominator()).isEqualTo(Measure.countRows());
    assertThat(share.grain()).isEqualTo(Grain.QUARTER);
    assertThat(share.format().style()).isEqualTo(KpiFormat.Style.PERCENT);
    assertThat(share.target()).isEqualTo(0.3);
    KpiDefinition wind = kpis.get(1);
    assertThat(wind.aggregation()).isEqualTo(Aggregation.PERCENTILE);
    assertThat(wind.percentile()).isEqualTo(90.0);
    assertThat(wind.format().unit()).isEqualTo("m/s");
    assertThat(wind.upIsGood()).isFalse();
    assertThat(wind.warning()).isEqualTo(5.0);
    assertThat(wind.critical()).isEqualTo(7.0);
  }

  @Test
  void roundTripsThroughJsonAndYaml() {
    List<KpiDefinition> kpis =
        List.of(
            KpiDefinition.builder("rain")
                .label("Total precipitation")
                .table("weather")
                .measure("precipitation", Aggregation.SUM)
                .time("date", Grain.WEEK)
                .dimensions("weather", "wind")
                .format(new KpiFormat(KpiFormat.Style.NUMBER, "millimetre", "millimetres", 1))
                .target(100)
                .thresholds(50.0, 20.0)
                .build(),
            KpiDefinition.builder("revenue")
                .table("orders")
                .percentile(95)
                .measure("amount")
                .format(new KpiFormat(KpiFormat.Style.CURRENCY, "EUR", null, null))
                .upIsGood(false)
                .build(),
            KpiDefinition.builder("raw")
                .sql("SELECT date AS period, temp_max AS value FROM weather")
                .grain(Grain.DAY)
                .build());

    assertThat(KpiDefinitions.listFromJson(KpiDefinitions.toJson(kpis))).isEqualTo(kpis);
    assertThat(KpiDefinitions.listFromYaml(KpiDefinitions.toYaml(kpis))).isEqualTo(kpis);
  }

  @Test
  void readsAnAlreadyParsedRequestBody() {
    Map<String, Object> body =
        Json.readObject("{\"kpis\":[{\"name\":\"n\",\"table\":\"t\",\"aggregation\":\"count\"}]}");

    assertThat(KpiDefinitions.listFromMap(body))
        .containsExactly(
            KpiDefinition.builder("n").table("t").aggregation(Aggregation.COUNT).build());
  }

  @Test
  void refusesAnUnknownFieldByName() {
    assertThatThrownBy(
            () ->
                KpiDefinitions.fromJson(
                    "{\"name\":\"x\",\"table\":\"t\",\"aggregation\":\"sum\",\"measure\":\"a\","
                        + "\"dimention\":\"b\"}"))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("dimention"))
        .hasMessageContaining("unknown field")
        .hasMessageContaining("dimensions");
  }

  @Test
  void refusesABadGrainListingTheGoodOnes() {
    assertThatThrownBy(
            () ->
                KpiDefinitions.fromJson(
                    "{\"name\":\"x\",\"table\":\"t\",\"aggregation\":\"count\","
                        + "\"timeColumn\":\"d\",\"grain\":\"fortnight\"}"))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("grain"))
        .hasMessage(
            "KPI 'x', field 'grain': must be one of day, week, month, quarter, year; got"
                + " 'fortnight'");
  }

  @Test
  void refusesAnUnknownAggregation() {
    assertThatThrownBy(
            () ->
                KpiDefinitions.fromJson(
                    "{\"name\":\"x\",\"table\":\"t\",\"aggregation\":\"mean\",\"measure\":\"a\"}"))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("aggregation"))
        .hasMessageContaining("got 'mean'");
  }

  @Test
  void refusesAMeasureThatIsNotAString() {
    assertThatThrownBy(
            () ->
                KpiDefinitions.fromJson(
                    "{\"name\":\"x\",\"table\":\"t\",\"aggregation\":\"sum\",\"measure\":3}"))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("measure"))
        .hasMessageContaining("must be a string");
  }

  @Test
  void refusesAPercentileGivenTwice() {
    assertThatThrownBy(
            () ->
                KpiDefinitions.fromJson(
                    "{\"name\":\"x\",\"table\":\"t\",\"aggregation\":\"percentile(90)\","
                        + "\"percentile\":95,\"measure\":\"a\"}"))
        .isInstanceOfSatisfying(
            InvalidKpiException.class, e -> assertThat(e.field()).isEqualTo("percentile"));
  }

  @Test
  void refusesTextThatIsNotJson() {
    assertThatThrownBy(() -> KpiDefinitions.listFromJson("{\"kpis\": [}"))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("not valid JSON");
  }
}
