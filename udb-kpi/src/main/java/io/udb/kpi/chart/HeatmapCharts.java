package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.awt.Color;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.HeatMapStyler;
import org.knowm.xchart.style.Styler;

/**
 * Heatmaps: a value per pair of categories, each cell coloured and labelled with its value. Values
 * on both sides of zero (a correlation matrix) get a diverging scale centred on zero, others a
 * sequential one; both run between Okabe–Ito colours and stay readable in grey.
 */
final class HeatmapCharts {
  private static final Color[] DIVERGING = {
    new Color(0x0072B2), new Color(0x9CC7E4), Color.WHITE, new Color(0xF3B98D), new Color(0xD55E00)
  };
  private static final Color[] SEQUENTIAL = {
    new Color(0xF4F9FD), new Color(0x9CC7E4), new Color(0x0072B2)
  };

  private HeatmapCharts() {}

  /**
   * The value rounded up to two significant digits, e.g. 0.876 to 0.88, 1.0000000000000002 to 1.
   */
  static double roundUp(double value) {
    if (value == 0) {
      return 0;
    }
    // rounding noise first: 1.0000000000000002 from a correlation is 1
    BigDecimal clean = new BigDecimal(value).round(new MathContext(10, RoundingMode.HALF_EVEN));
    return clean.round(new MathContext(2, RoundingMode.CEILING)).doubleValue();
  }

  static HeatMapChart heatmap(ChartInput input) {
    ChartSpec spec = input.spec();
    ChartInput.Categories columns = input.categories("x", spec.x());
    ChartInput.Categories rows = input.categories("y", spec.y());
    List<Double> values = input.numbers("value", spec.value());
    Map<String, Integer> xIndex = new LinkedHashMap<>();
    for (int row : columns.order()) {
      if (columns.labels().get(row) != null) {
        xIndex.putIfAbsent(columns.labels().get(row), xIndex.size());
      }
    }
    Map<String, Integer> yIndex = new LinkedHashMap<>();
    for (int row : rows.order()) {
      if (rows.labels().get(row) != null) {
        yIndex.putIfAbsent(rows.labels().get(row), yIndex.size());
      }
    }
    int yCount = yIndex.size();
    List<Number[]> cells = new ArrayList<>();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (int row = 0; row < values.size(); row++) {
      String x = columns.labels().get(row);
      String y = rows.labels().get(row);
      Double value = values.get(row);
      if (x == null || y == null || value == null) {
        continue;
      }
      // XChart counts rows upwards; the first row of the data goes on top, as in a table
      cells.add(new Number[] {xIndex.get(x), yCount - 1 - yIndex.get(y), value});
      min = Math.min(min, value);
      max = Math.max(max, value);
    }
    if (cells.isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The data has no row with an x, a y and a value; there is nothing to chart");
    }
    List<String> yLabels = new ArrayList<>(yIndex.keySet());
    Collections.reverse(yLabels);
    HeatMapChart chart = new HeatMapChart(spec.width(), spec.height(), Styler.ChartTheme.XChart);
    chart.setTitle(spec.displayTitle());
    chart.setXAxisTitle(spec.displayXLabel());
    chart.setYAxisTitle(spec.displayYLabel());
    HeatMapStyler styler = chart.getStyler();
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    input.theme().styleBase(styler, scale, true);
    input.theme().styleAxes(styler, scale);
    styler.setPlotGridHorizontalLinesVisible(false);
    styler.setLegendPosition(Styler.LegendPosition.OutsideE);
    styler.setLegendLayout(Styler.LegendLayout.Vertical);
    styler.setShowValue(true);
    styler.setValueFont(input.theme().labelFont(scale));
    styler.setValueFontColor(UdbChartTheme.TEXT);
    styler.setDrawBorder(true);
    ValueFormat format =
        ValueFormat.forRange(spec.numberFormat(), input.theme().locale(), min, max);
    styler.setHeatMapDecimalValueFormatter(format);
    // XChart formats the cells itself, with a pattern and the JVM's default separators
    styler.setHeatMapValueDecimalPattern(format.pattern());
    styler.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
    // the colour scale prints its ends as raw doubles: round ones read well
    if (min < 0 && max > 0) {
      double bound = roundUp(Math.max(-min, max));
      styler.setRangeColors(DIVERGING);
      styler.setMin(-bound);
      styler.setMax(bound);
    } else {
      styler.setRangeColors(SEQUENTIAL);
      styler.setMin(-roundUp(-min));
      styler.setMax(max > min ? roundUp(max) : -roundUp(-min) + 1);
    }
    chart.addSeries(spec.value(), new ArrayList<>(xIndex.keySet()), yLabels, cells);
    return chart;
  }
}
