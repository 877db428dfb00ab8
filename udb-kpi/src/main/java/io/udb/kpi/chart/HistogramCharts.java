package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/** Histograms: bins computed from the values, drawn as adjacent rectangles on a numeric axis. */
final class HistogramCharts {
  private HistogramCharts() {}

  static XYChart histogram(ChartInput input) {
    ChartSpec spec = input.spec();
    double[] values =
        input.numbers("x", spec.x()).stream()
            .filter(Objects::nonNull)
            .mapToDouble(v -> v)
            .toArray();
    if (values.length == 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The column '" + spec.x() + "' has no values to count");
    }
    HistogramBins bins = HistogramBins.of(values, spec.bins(), ChartSpec.MAX_BINS);
    XYChart chart = XyCharts.newChart(input, false, XYSeries.XYSeriesRenderStyle.PolygonArea);
    // a thin white line between neighbouring bins shows where one ends and the next begins
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    Rectangles rectangles = new Rectangles(chart, java.awt.Color.WHITE, (float) Math.max(1, scale));
    double[] edges = bins.edges();
    long[] counts = bins.counts();
    long highest = 0;
    for (int i = 0; i < counts.length; i++) {
      // empty bins are drawn too: a flat rectangle keeps the edges evenly spaced for the ticks
      rectangles.add(edges[i], edges[i + 1], 0, counts[i], input.theme().color(0), null);
      highest = Math.max(highest, counts[i]);
    }
    // the bars stand on the x axis: no margin below zero, a little headroom above the highest;
    // at least 0 to 5, so that tiny counts still get whole-number ticks
    double[] range = BarCharts.valueAxis(0, Math.max(5, highest));
    chart.getStyler().setPlotContentSize(1.0);
    chart.getStyler().setPlotMargin(0);
    chart.getStyler().setYAxisMin(range[0]);
    chart.getStyler().setYAxisMax(range[1]);
    // a hair beyond the outer edges: XChart leaves out a tick that falls exactly on an axis end
    double hair = (edges[edges.length - 1] - edges[0]) * 0.001;
    chart.getStyler().setXAxisMin(edges[0] - hair);
    chart.getStyler().setXAxisMax(edges[edges.length - 1] + hair);
    chart.setCustomXAxisTickLabelsFormatter(
        ValueFormat.forRange(
            spec.numberFormat(), input.theme().locale(), edges[0], edges[edges.length - 1]));
    chart.setCustomYAxisTickLabelsFormatter(ValueFormat.counts(input.theme().locale()));
    return chart;
  }
}
