package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryResult;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Objects;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.VectorGraphicsEncoder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Draws charts with XChart, headless, into PNG and SVG bytes.
 *
 * <p>Thread-safe: each call builds its own XChart objects and formats, and nothing global is set
 * (no system property, no default locale). Rendering needs no display: Java 2D draws into an
 * in-memory image, which works with {@code java.awt.headless=true}, the JDK's default when no
 * display is present.
 */
public final class ChartRenderer {
  private final UdbChartTheme theme;

  /** A renderer in the default theme. */
  public ChartRenderer() {
    this(UdbChartTheme.defaults());
  }

  /**
   * A renderer in a theme.
   *
   * @param theme the theme
   */
  public ChartRenderer(UdbChartTheme theme) {
    this.theme = Objects.requireNonNull(theme, "theme");
  }

  /** The theme charts are drawn in. */
  public UdbChartTheme theme() {
    return theme;
  }

  /**
   * Renders a chart.
   *
   * @param spec what to draw
   * @param data the rows to draw
   * @return the PNG and the SVG
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the spec names a column the
   *     data lacks, a column holds the wrong kind of values, or nothing is left to draw
   */
  public RenderedChart render(ChartSpec spec, ChartData data) {
    Objects.requireNonNull(spec, "spec");
    Objects.requireNonNull(data, "data");
    Chart<?, ?> chart = chart(spec, data);
    return new RenderedChart(spec, png(chart), svg(chart));
  }

  /**
   * Renders a chart of a query result.
   *
   * @param spec what to draw
   * @param result the rows to draw
   * @return the PNG and the SVG
   */
  public RenderedChart render(ChartSpec spec, QueryResult result) {
    return render(spec, ChartData.of(result));
  }

  /**
   * Suggests a chart for data from its shape: a date column and a numeric one give a line chart
   * (split into series by a category column with few values); a category and a number give bars of
   * the {@value ChartHeuristics#DEFAULT_TOP_N} largest categories with the rest summed into "Other"
   * (horizontal when labels are long); two numbers give a scatter plot; one number a histogram. The
   * first column of each kind is used.
   *
   * @param data the rows
   * @param title the title, or {@code null} to derive one from the columns
   * @return a spec for {@link #render}
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when the data has no numeric
   *     column with values
   */
  public ChartSpec suggest(ChartData data, String title) {
    return ChartHeuristics.suggest(data, title);
  }

  /** The XChart chart of a spec and its data, styled and filled, not yet drawn. */
  Chart<?, ?> chart(ChartSpec spec, ChartData data) {
    ChartInput input = new ChartInput(spec, data, theme);
    return switch (spec.type()) {
      case LINE -> XyCharts.line(input);
      case SCATTER -> XyCharts.scatter(input);
      case BAR ->
          spec.orientation() == BarOrientation.HORIZONTAL
              ? BarCharts.horizontal(input)
              : BarCharts.vertical(input);
      case HISTOGRAM -> HistogramCharts.histogram(input);
      case PIE -> PieCharts.pie(input, false);
      case DONUT -> PieCharts.pie(input, true);
      case HEATMAP -> HeatmapCharts.heatmap(input);
    };
  }

  private static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Could not encode the chart as PNG", e);
    }
  }

  private static byte[] svg(Chart<?, ?> chart) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      VectorGraphicsEncoder.saveVectorGraphic(
          chart, out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.INTERNAL, "Could not encode the chart as SVG", e);
    }
    return out.toByteArray();
  }
}
