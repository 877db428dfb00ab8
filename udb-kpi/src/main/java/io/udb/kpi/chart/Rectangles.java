package io.udb.kpi.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Filled rectangles on an {@link XYChart}, each a closed polygon series. XChart 3.8 draws bars only
 * upwards from a category axis; horizontal bars, and histogram bars on a continuous axis, are drawn
 * this way instead.
 */
final class Rectangles {
  private final XYChart chart;
  private final Color outline;
  private final BasicStroke stroke;
  private int count;

  /**
   * Draws on a chart.
   *
   * @param chart the chart
   * @param outline the outline colour of every rectangle, or {@code null} for its fill colour
   * @param outlineWidth the outline width in pixels
   */
  Rectangles(XYChart chart, Color outline, float outlineWidth) {
    this.chart = chart;
    this.outline = outline;
    this.stroke = new BasicStroke(outlineWidth);
  }

  /**
   * Adds one rectangle.
   *
   * @param x0 left
   * @param x1 right
   * @param y0 bottom
   * @param y1 top
   * @param color fill colour
   * @param legendLabel the legend entry this rectangle stands for, or {@code null} for none
   */
  void add(double x0, double x1, double y0, double y1, Color color, String legendLabel) {
    // series names must be unique; the legend shows the label instead
    XYSeries rectangle =
        chart.addSeries(
            "rect-" + count++, new double[] {x0, x1, x1, x0}, new double[] {y0, y0, y1, y1});
    rectangle.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.PolygonArea);
    rectangle.setMarker(SeriesMarkers.NONE);
    rectangle.setFillColor(color);
    rectangle.setLineColor(outline != null ? outline : color);
    rectangle.setLineStyle(stroke);
    rectangle.setShowInLegend(legendLabel != null);
    if (legendLabel != null) {
      rectangle.setLabel(legendLabel);
    }
  }

  /**
   * Adds a legend entry: an empty rectangle, so that the legend lists series in their own order
   * rather than in the order their first bars happen to be drawn.
   */
  void legendEntry(double x, double y, Color color, String label) {
    add(x, x, y, y, color, label);
  }
}
