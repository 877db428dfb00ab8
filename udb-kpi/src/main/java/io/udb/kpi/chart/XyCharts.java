package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** Line and scatter charts: XChart's {@link XYChart}. */
final class XyCharts {
  /** Lines with at most this many points per series show a marker at each point. */
  private static final int MARKER_LIMIT = 40;

  /** Scatter plots with more points than this draw translucent points, so that density shows. */
  private static final int DENSE_SCATTER = 200;

  private XyCharts() {}

  static XYChart line(ChartInput input) {
    ChartSpec spec = input.spec();
    XPositions x =
        XPositions.of(
            input.column("x", spec.x()), spec.grain(), spec.numberFormat(), input.theme().locale());
    List<Double> y = input.numbers("y", spec.y());
    Map<String, List<double[]>> series = group(x.positions(), y, input.seriesNames());
    XYChart chart = newChart(input, series.size() > 1, XYSeries.XYSeriesRenderStyle.Line);
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    int index = 0;
    for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
      List<double[]> points = entry.getValue();
      points.sort(Comparator.comparingDouble(p -> p[0]));
      XYSeries line = chart.addSeries(entry.getKey(), xs(points), ys(points));
      Color color = input.theme().color(index);
      line.setLineColor(color);
      line.setMarkerColor(color);
      line.setLineWidth(input.theme().lineWidth(scale));
      line.setMarker(
          points.size() <= MARKER_LIMIT ? input.theme().marker(index) : SeriesMarkers.NONE);
      index++;
    }
    chart.setCustomXAxisTickLabelsFormatter(
        x.grain() != null || x.categorical()
            ? AxisLabels.widestLongest(x.labeller(), input.theme().tickFont(scale))
            : x.labeller());
    chart.setCustomYAxisTickLabelsFormatter(valueFormat(input, y));
    return chart;
  }

  static XYChart scatter(ChartInput input) {
    ChartSpec spec = input.spec();
    List<Double> x = input.numbers("x", spec.x());
    List<Double> y = input.numbers("y", spec.y());
    Map<String, List<double[]>> series = group(x, y, input.seriesNames());
    XYChart chart = newChart(input, series.size() > 1, XYSeries.XYSeriesRenderStyle.Scatter);
    int total = series.values().stream().mapToInt(List::size).sum();
    int index = 0;
    for (Map.Entry<String, List<double[]>> entry : series.entrySet()) {
      List<double[]> points = entry.getValue();
      XYSeries dots = chart.addSeries(entry.getKey(), xs(points), ys(points));
      Color color = input.theme().color(index);
      dots.setMarker(input.theme().marker(index));
      index++;
      dots.setMarkerColor(total > DENSE_SCATTER ? translucent(color) : color);
    }
    chart.getStyler().setPlotGridVerticalLinesVisible(true);
    chart.setCustomXAxisTickLabelsFormatter(
        ValueFormat.forRange(spec.numberFormat(), input.theme().locale(), min(x), max(x)));
    chart.setCustomYAxisTickLabelsFormatter(valueFormat(input, y));
    return chart;
  }

  /** An XY chart in the theme, with titles and no data. */
  static XYChart newChart(
      ChartInput input, boolean legend, XYSeries.XYSeriesRenderStyle renderStyle) {
    ChartSpec spec = input.spec();
    XYChart chart = new XYChart(spec.width(), spec.height(), Styler.ChartTheme.XChart);
    chart.setTitle(spec.displayTitle());
    chart.setXAxisTitle(spec.displayXLabel());
    chart.setYAxisTitle(spec.displayYLabel());
    XYStyler styler = chart.getStyler();
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    input.theme().styleBase(styler, scale, legend);
    input.theme().styleAxes(styler, scale);
    styler.setDefaultSeriesRenderStyle(renderStyle);
    styler.setZoomEnabled(false);
    styler.setCursorEnabled(false);
    return chart;
  }

  static ValueFormat valueFormat(ChartInput input, List<Double> values) {
    return ValueFormat.forRange(
        input.spec().numberFormat(), input.theme().locale(), min(values), max(values));
  }

  static double min(List<Double> values) {
    return values.stream().filter(v -> v != null).mapToDouble(v -> v).min().orElse(0);
  }

  static double max(List<Double> values) {
    return values.stream().filter(v -> v != null).mapToDouble(v -> v).max().orElse(0);
  }

  /** The (x, y) points of each series, skipping rows with a missing x or y. */
  private static Map<String, List<double[]>> group(
      List<Double> x, List<Double> y, List<String> seriesNames) {
    Map<String, List<double[]>> series = new LinkedHashMap<>();
    for (int row = 0; row < x.size(); row++) {
      if (x.get(row) == null || y.get(row) == null) {
        continue;
      }
      series
          .computeIfAbsent(seriesNames.get(row), name -> new ArrayList<>())
          .add(new double[] {x.get(row), y.get(row)});
    }
    if (series.isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The data has no row with both an x and a y value; there is nothing to chart");
    }
    Map<String, List<double[]>> ordered = new LinkedHashMap<>();
    for (String name : ChartValues.seriesOrder(List.copyOf(series.keySet()))) {
      ordered.put(name, series.get(name));
    }
    return ordered;
  }

  private static double[] xs(List<double[]> points) {
    return points.stream().mapToDouble(p -> p[0]).toArray();
  }

  private static double[] ys(List<double[]> points) {
    return points.stream().mapToDouble(p -> p[1]).toArray();
  }

  private static Color translucent(Color color) {
    return new Color(color.getRed(), color.getGreen(), color.getBlue(), 110);
  }
}
