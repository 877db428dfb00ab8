package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;

class ChartSpecTest {

  private static AbstractThrowableAssert<?, ? extends Throwable> assertInvalid(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void builderDefaultsToTheReadableSize() {
    ChartSpec spec = ChartSpec.builder(ChartType.LINE).x("month").y("value").build();

    assertThat(spec.width()).isEqualTo(1200);
    assertThat(spec.height()).isEqualTo(700);
    assertThat(spec.orientation()).isEqualTo(BarOrientation.VERTICAL);
    assertThat(spec.stacked()).isFalse();
    assertThat(spec.title()).isNull();
  }

  @Test
  void derivesTitleAndAxisTitlesFromTheFieldNames() {
    ChartSpec line =
        ChartSpec.builder(ChartType.LINE)
            .x("month")
            .y("avg_temp")
            .series("city")
            .unit("°C")
            .build();
    ChartSpec histogram = ChartSpec.builder(ChartType.HISTOGRAM).x("wind").unit("m/s").build();
    ChartSpec heatmap = ChartSpec.builder(ChartType.HEATMAP).x("a").y("b").value("r").build();

    assertThat(line.displayTitle()).isEqualTo("avg_temp by month and city");
    assertThat(line.displayXLabel()).isEqualTo("month");
    assertThat(line.displayYLabel()).isEqualTo("avg_temp (°C)");
    assertThat(histogram.displayTitle()).isEqualTo("Distribution of wind");
    assertThat(histogram.displayXLabel()).isEqualTo("wind (m/s)");
    assertThat(histogram.displayYLabel()).isEqualTo("Count");
    assertThat(heatmap.displayTitle()).isEqualTo("r by a and b");
  }

  @Test
  void givenTitlesAndLabelsWin() {
    ChartSpec spec =
        ChartSpec.builder(ChartType.SCATTER)
            .x("a")
            .y("b")
            .title("Max against min")
            .xLabel("Minimum")
            .yLabel("Maximum (°C)")
            .unit("°C")
            .build();

    assertThat(spec.displayTitle()).isEqualTo("Max against min");
    assertThat(spec.displayXLabel()).isEqualTo("Minimum");
    assertThat(spec.displayYLabel()).isEqualTo("Maximum (°C)");
  }

  @Test
  void jsonFormRoundTrips() {
    ChartSpec spec =
        ChartSpec.builder(ChartType.BAR)
            .title("Precipitation by weather")
            .x("weather")
            .y("precipitation")
            .series("year")
            .xLabel("Weather")
            .yLabel("Precipitation")
            .size(800, 500)
            .numberFormat("#,##0.0")
            .unit("mm")
            .orientation(BarOrientation.HORIZONTAL)
            .stacked(true)
            .topN(5)
            .build();

    assertThat(ChartSpec.fromJson(spec.toJson())).isEqualTo(spec);
    assertThat(ChartSpec.fromMap(spec.toMap())).isEqualTo(spec);
  }

  @Test
  void jsonFormLeavesOutDefaults() {
    ChartSpec spec =
        ChartSpec.builder(ChartType.LINE).x("month").y("value").grain(DateGrain.MONTH).build();

    assertThat(spec.toJson())
        .isEqualTo(
            "{\"type\":\"line\",\"x\":\"month\",\"y\":\"value\",\"width\":1200,\"height\":700,"
                + "\"grain\":\"month\"}");
  }

  @Test
  void readsTheJsonFormWithDefaults() {
    ChartSpec spec =
        ChartSpec.fromJson(
            "{\"type\":\"Histogram\",\"x\":\"wind\",\"bins\":12,\"numberFormat\":\"0.0\"}");

    assertThat(spec)
        .isEqualTo(
            ChartSpec.builder(ChartType.HISTOGRAM).x("wind").bins(12).numberFormat("0.0").build());
  }

  @Test
  void jsonErrorsNameTheField() {
    assertInvalid(() -> ChartSpec.fromJson("{\"x\":\"a\"}"))
        .hasMessage(
            "Chart spec field 'type' is required: one of line, bar, scatter, histogram, pie, donut,"
                + " heatmap");
    assertInvalid(() -> ChartSpec.fromJson("{\"type\":\"area\",\"x\":\"a\"}"))
        .hasMessage(
            "Chart spec field 'type' must be one of line, bar, scatter, histogram, pie, donut,"
                + " heatmap, got 'area'");
    assertInvalid(() -> ChartSpec.fromJson("{\"type\":\"line\",\"x\":\"a\",\"y\":3}"))
        .hasMessage("Chart spec field 'y' must be a string, got 3");
    assertInvalid(
            () ->
                ChartSpec.fromJson(
                    "{\"type\":\"line\",\"x\":\"a\",\"y\":\"b\",\"width\":\"wide\"}"))
        .hasMessage("Chart spec field 'width' must be a whole number, got \"wide\"");
    assertInvalid(
            () -> ChartSpec.fromJson("{\"type\":\"line\",\"x\":\"a\",\"y\":\"b\",\"width\":12.5}"))
        .hasMessage("Chart spec field 'width' must be a whole number, got 12.5");
    assertInvalid(
            () ->
                ChartSpec.fromJson(
                    "{\"type\":\"bar\",\"x\":\"a\",\"y\":\"b\",\"stacked\":\"yes\"}"))
        .hasMessage("Chart spec field 'stacked' must be true or false, got \"yes\"");
    assertInvalid(
            () ->
                ChartSpec.fromJson(
                    "{\"type\":\"line\",\"x\":\"a\",\"y\":\"b\",\"grain\":\"hour\"}"))
        .hasMessage(
            "Chart spec field 'grain' must be one of day, week, month, quarter, year, got 'hour'");
    assertInvalid(
            () ->
                ChartSpec.fromJson(
                    "{\"type\":\"bar\",\"x\":\"a\",\"y\":\"b\",\"orientation\":\"diagonal\"}"))
        .hasMessage(
            "Chart spec field 'orientation' must be one of vertical, horizontal, got 'diagonal'");
    assertInvalid(
            () -> ChartSpec.fromJson("{\"type\":\"line\",\"x\":\"a\",\"y\":\"b\",\"colour\":1}"))
        .hasMessageStartingWith(
            "Chart spec field 'colour' is not known; the fields are type, title,");
  }

  @Test
  void refusesTextThatIsNotAJsonObject() {
    assertInvalid(() -> ChartSpec.fromJson("{\"type\":"))
        .hasMessageStartingWith("Chart spec is not valid JSON");
    assertInvalid(() -> ChartSpec.fromJson("[1,2]"))
        .hasMessageStartingWith("Chart spec must be a JSON object");
    assertInvalid(() -> ChartSpec.fromJson(null)).hasMessage("Chart spec is missing");
  }

  @Test
  void refusesFieldsATypeDoesNotTake() {
    assertInvalid(() -> ChartSpec.builder(ChartType.LINE).x("a").build())
        .hasMessage("Chart spec field 'y' is required for a line chart: name a column of the data");
    assertInvalid(() -> ChartSpec.builder(ChartType.HISTOGRAM).x("a").y("b").build())
        .hasMessage("Chart spec field 'y' does not apply to a histogram chart; leave it out");
    assertInvalid(() -> ChartSpec.builder(ChartType.PIE).x("a").y("b").series("c").build())
        .hasMessage("Chart spec field 'series' does not apply to a pie chart; leave it out");
    assertInvalid(() -> ChartSpec.builder(ChartType.HEATMAP).x("a").y("b").build())
        .hasMessage(
            "Chart spec field 'value' is required for a heatmap chart: name a column of the data");
    assertInvalid(() -> ChartSpec.builder(ChartType.LINE).x("a").y("b").stacked(true).build())
        .hasMessage("Chart spec field 'stacked' applies to bar charts only, not to a line chart");
    assertInvalid(
            () ->
                ChartSpec.builder(ChartType.PIE)
                    .x("a")
                    .y("b")
                    .orientation(BarOrientation.HORIZONTAL)
                    .build())
        .hasMessage(
            "Chart spec field 'orientation' applies to bar charts only, not to a pie chart");
    assertInvalid(() -> ChartSpec.builder(ChartType.LINE).x("a").y("b").topN(3).build())
        .hasMessage(
            "Chart spec field 'topN' applies to bar, pie and donut charts only, not to a line chart");
    assertInvalid(() -> ChartSpec.builder(ChartType.BAR).x("a").y("b").bins(3).build())
        .hasMessage("Chart spec field 'bins' applies to histograms only, not to a bar chart");
    assertInvalid(
            () -> ChartSpec.builder(ChartType.SCATTER).x("a").y("b").grain(DateGrain.DAY).build())
        .hasMessage(
            "Chart spec field 'grain' does not apply to a scatter chart, whose x is a number");
  }

  @Test
  void refusesValuesOutOfRange() {
    assertInvalid(() -> ChartSpec.builder(ChartType.BAR).x("a").y("b").size(100, 700).build())
        .hasMessage("Chart spec field 'width' must be between 200 and 4000 pixels, got 100");
    assertInvalid(() -> ChartSpec.builder(ChartType.BAR).x("a").y("b").size(1200, 5000).build())
        .hasMessage("Chart spec field 'height' must be between 200 and 4000 pixels, got 5000");
    assertInvalid(() -> ChartSpec.builder(ChartType.BAR).x("a").y("b").topN(0).build())
        .hasMessage("Chart spec field 'topN' must be between 1 and 50, got 0");
    assertInvalid(() -> ChartSpec.builder(ChartType.HISTOGRAM).x("a").bins(201).build())
        .hasMessage("Chart spec field 'bins' must be between 1 and 200, got 201");
    assertInvalid(() -> ChartSpec.builder(ChartType.BAR).x(" ").y("b").build())
        .hasMessage("Chart spec field 'x' must not be blank; leave it out instead");
  }

  @Test
  void refusesANumberFormatThatIsNotAPattern() {
    assertInvalid(
            () -> ChartSpec.builder(ChartType.BAR).x("a").y("b").numberFormat("#,##0.0.0").build())
        .hasMessageStartingWith(
            "Chart spec field 'numberFormat' is not a decimal format pattern such as #,##0.0");
  }

  @Test
  void readsAMapWithNestedValuesAsAnError() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("type", "bar");
    fields.put("x", Map.of("nested", true));
    fields.put("y", "b");

    assertInvalid(() -> ChartSpec.fromMap(fields))
        .hasMessage("Chart spec field 'x' must be a string, got {\"nested\":true}");
  }
}
