package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/** Bar charts: vertical ones with XChart's {@link CategoryChart}, horizontal ones as rectangles. */
final class BarCharts {
  /** The share of a category's slot its bars fill; the rest is the gap between categories. */
  private static final double FILL = 0.8;

  private static final FontRenderContext METRICS = new FontRenderContext(null, true, true);

  private BarCharts() {}

  /** The values to draw: by category (display order) and series, cut to the top N if asked. */
  static CategoryTable table(ChartInput input) {
    ChartSpec spec = input.spec();
    ChartInput.Categories categories = input.categories("x", spec.x());
    List<Double> values = input.numbers("y", spec.y());
    List<String> series = input.seriesNames();
    CategoryTable table =
        CategoryTable.collect(
            ChartInput.reorder(categories.labels(), categories.order()),
            ChartInput.reorder(series, categories.order()),
            ChartInput.reorder(values, categories.order()));
    if (table.categories().isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The data has no row with both an x and a y value; there is nothing to chart");
    }
    return spec.topN() == null ? table : table.topN(spec.topN());
  }

  static CategoryChart vertical(ChartInput input) {
    ChartSpec spec = input.spec();
    CategoryTable table = table(input);
    CategoryChart chart = new CategoryChart(spec.width(), spec.height(), Styler.ChartTheme.XChart);
    chart.setTitle(spec.displayTitle());
    chart.setXAxisTitle(spec.displayXLabel());
    chart.setYAxisTitle(spec.displayYLabel());
    CategoryStyler styler = chart.getStyler();
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    input.theme().styleBase(styler, scale, table.series().size() > 1);
    input.theme().styleAxes(styler, scale);
    styler.setStacked(spec.stacked());
    styler.setOverlapped(false);
    styler.setAvailableSpaceFill(FILL);
    rotateCrowdedLabels(styler, table.categories(), input.theme().tickFont(scale), spec.width());
    // bars grow from zero: no margin below it, a little headroom beyond the longest
    double[] range = valueAxis(table, spec.stacked());
    styler.setPlotContentSize(1.0);
    styler.setPlotMargin(0);
    styler.setYAxisMin(range[0]);
    styler.setYAxisMax(range[1]);
    for (int s = 0; s < table.series().size(); s++) {
      List<Double> values = new ArrayList<>();
      for (int c = 0; c < table.categories().size(); c++) {
        double value = table.value(s, c);
        if (!Double.isNaN(value)) {
          values.add(value);
        } else {
          // a gap in a group stays empty; a stack needs a number to build on
          values.add(spec.stacked() ? Double.valueOf(0) : null);
        }
      }
      chart
          .addSeries(table.series().get(s), table.categories(), values)
          .setFillColor(input.theme().color(s));
    }
    chart.setCustomYAxisTickLabelsFormatter(valueFormat(input, table));
    return chart;
  }

  static XYChart horizontal(ChartInput input) {
    ChartSpec spec = input.spec();
    CategoryTable table = table(input);
    int seriesCount = table.series().size();
    XYChart chart =
        XyCharts.newChart(input, seriesCount > 1, XYSeries.XYSeriesRenderStyle.PolygonArea);
    // the value axis runs along x: the titles swap with the axes
    chart.setXAxisTitle(spec.displayYLabel());
    chart.setYAxisTitle(spec.displayXLabel());
    AxesChartStyler styler = chart.getStyler();
    styler.setPlotGridHorizontalLinesVisible(false);
    styler.setPlotGridVerticalLinesVisible(true);
    Rectangles rectangles = new Rectangles(chart, null, 1);
    int n = table.categories().size();
    if (seriesCount > 1) {
      for (int s = 0; s < seriesCount; s++) {
        rectangles.legendEntry(0, 0, input.theme().color(s), table.series().get(s));
      }
    }
    for (int c = 0; c < n; c++) {
      // the first category at the top, where reading starts
      double centre = n - 1 - c;
      double positive = 0;
      double negative = 0;
      for (int s = 0; s < seriesCount; s++) {
        double value = table.value(s, c);
        if (Double.isNaN(value)) {
          continue;
        }
        double bottom;
        double top;
        double from;
        double to;
        if (spec.stacked()) {
          bottom = centre - FILL / 2;
          top = centre + FILL / 2;
          from = value >= 0 ? positive : negative + value;
          to = value >= 0 ? positive + value : negative;
          if (value >= 0) {
            positive += value;
          } else {
            negative += value;
          }
        } else {
          double height = FILL / seriesCount;
          top = centre + FILL / 2 - s * height;
          bottom = top - height;
          from = Math.min(0, value);
          to = Math.max(0, value);
        }
        rectangles.add(from, to, bottom, top, input.theme().color(s), null);
      }
    }
    List<String> labels = table.categories();
    double[] range = valueAxis(table, spec.stacked());
    styler.setPlotContentSize(1.0);
    styler.setPlotMargin(0);
    styler.setYAxisMin(-0.5);
    styler.setYAxisMax(n - 0.5);
    styler.setXAxisMin(range[0]);
    styler.setXAxisMax(range[1]);
    chart.setCustomYAxisTickLabelsFormatter(
        AxisLabels.wholePositions(n, at -> labels.get((int) (n - 1 - at))));
    styler.setYAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
    // XChart steps by 1, 2, 5 or 10 times a power of ten, chosen from a spacing hint in pixels: a
    // hint of about one category's height makes the step 1, so that every bar is labelled, for
    // plot heights between about half and all of the image. A label needs its font's height.
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    int fontHeight = input.theme().tickFont(scale).getSize();
    styler.setYAxisTickMarkSpacingHint(
        Math.max((int) (fontHeight * 1.3), (int) (spec.height() * 0.7 / n)));
    chart.setCustomXAxisTickLabelsFormatter(valueFormat(input, table));
    return chart;
  }

  private static ValueFormat valueFormat(ChartInput input, CategoryTable table) {
    return ValueFormat.forRange(
        input.spec().numberFormat(),
        input.theme().locale(),
        Math.min(0, minValue(table, input.spec().stacked())),
        maxValue(table, input.spec().stacked()));
  }

  /**
   * The ends of the value axis: zero and 5% beyond the longest bars. Zero itself lies a hair inside
   * the axis, because XChart leaves out a tick that falls exactly on an axis end.
   */
  static double[] valueAxis(double min, double max) {
    double low = Math.min(0, min) * 1.05;
    double high = Math.max(0, max) * 1.05;
    if (low == high) {
      high = 1;
    }
    double hair = (high - low) * 0.001;
    return new double[] {low < 0 ? low : -hair, high > 0 ? high : hair};
  }

  private static double[] valueAxis(CategoryTable table, boolean stacked) {
    return valueAxis(minValue(table, stacked), maxValue(table, stacked));
  }

  private static double minValue(CategoryTable table, boolean stacked) {
    double min = 0;
    for (int c = 0; c < table.categories().size(); c++) {
      double sum = 0;
      for (int s = 0; s < table.series().size(); s++) {
        double value = table.value(s, c);
        if (!Double.isNaN(value) && value < 0) {
          sum = stacked ? sum + value : Math.min(sum, value);
        }
      }
      min = Math.min(min, sum);
    }
    return min;
  }

  private static double maxValue(CategoryTable table, boolean stacked) {
    double max = 0;
    for (int c = 0; c < table.categories().size(); c++) {
      double sum = 0;
      for (int s = 0; s < table.series().size(); s++) {
        double value = table.value(s, c);
        if (!Double.isNaN(value) && value > 0) {
          sum = stacked ? sum + value : Math.max(sum, value);
        }
      }
      max = Math.max(max, sum);
    }
    return max;
  }

  /**
   * Turns the category labels by 45° when side by side they would not fit under their bars, and
   * shows only every so many when even turned they would overlap.
   */
  private static void rotateCrowdedLabels(
      AxesChartStyler styler, List<String> labels, Font font, int width) {
    double widest = 0;
    for (String label : labels) {
      widest = Math.max(widest, font.getStringBounds(label, METRICS).getWidth());
    }
    double plotWidth = width * 0.8;
    double slot = plotWidth / Math.max(1, labels.size());
    if (widest * 1.15 > slot) {
      styler.setXAxisLabelRotation(45);
      styler.setXAxisLabelAlignment(AxesChartStyler.TextAlignment.Right);
      // turned labels read well about two line heights apart
      double turned = font.getSize() * 2.0;
      if (turned > slot) {
        styler.setXAxisMaxLabelCount(Math.max(2, (int) (plotWidth / turned)));
      }
    }
  }
}
