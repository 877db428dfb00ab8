package io.udb.kpi.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * UDB's one chart theme. Its promises: text readable at 1200×700 (sizes scale with the image), the
 * Okabe–Ito palette, which stays distinguishable with the common colour-vision deficiencies, a
 * white background with light horizontal grid lines and nothing else behind the data, a legend only
 * when there are several series, and numbers and month names in the theme's locale. (One exception:
 * XChart formats the values printed in heatmap cells itself, with the JVM's default separators; the
 * theme only chooses their pattern.)
 *
 * <p>Immutable and thread-safe.
 */
public final class UdbChartTheme {

  /**
   * The Okabe–Ito palette (Okabe &amp; Ito, "Color Universal Design", 2002), ordered so that the
   * first colours contrast best on white; its yellow is last but one because thin yellow lines are
   * faint.
   */
  public static final List<Color> OKABE_ITO =
      List.of(
          new Color(0x0072B2), // blue
          new Color(0xE69F00), // orange
          new Color(0x009E73), // bluish green
          new Color(0xD55E00), // vermillion
          new Color(0xCC79A7), // reddish purple
          new Color(0x56B4E9), // sky blue
          new Color(0xF0E442), // yellow
          new Color(0x000000)); // black

  /** The width and height the font sizes are chosen for. */
  static final int BASE_WIDTH = ChartSpec.DEFAULT_WIDTH;

  static final int BASE_HEIGHT = ChartSpec.DEFAULT_HEIGHT;

  static final Color TEXT = new Color(0x222222);
  static final Color MUTED_TEXT = new Color(0x444444);
  static final Color GRID = new Color(0xDDDDDD);
  static final Color AXIS = new Color(0x888888);

  /**
   * Marker shapes by series, so that series differ in shape as well as colour where markers are
   * drawn.
   */
  private static final List<Marker> MARKERS =
      List.of(
          SeriesMarkers.CIRCLE,
          SeriesMarkers.SQUARE,
          SeriesMarkers.DIAMOND,
          SeriesMarkers.TRIANGLE_UP,
          SeriesMarkers.TRIANGLE_DOWN);

  private static final UdbChartTheme DEFAULTS = new UdbChartTheme(Locale.ENGLISH);

  private final Locale locale;

  private UdbChartTheme(Locale locale) {
    this.locale = Objects.requireNonNull(locale, "locale");
  }

  /** The theme with English month names and separators ({@code 1,234.5}). */
  public static UdbChartTheme defaults() {
    return DEFAULTS;
  }

  /**
   * The same theme with another locale's separators and month names.
   *
   * @param locale the locale
   * @return a theme
   */
  public UdbChartTheme withLocale(Locale locale) {
    return new UdbChartTheme(locale);
  }

  /** The locale of numbers and month names. */
  public Locale locale() {
    return locale;
  }

  /** The series colours, in the order series get them. */
  public List<Color> palette() {
    return OKABE_ITO;
  }

  /** The colour of the series with the given position, cycling through the palette. */
  Color color(int series) {
    return OKABE_ITO.get(Math.floorMod(series, OKABE_ITO.size()));
  }

  /** The marker shape of the series with the given position. */
  Marker marker(int series) {
    return MARKERS.get(Math.floorMod(series, MARKERS.size()));
  }

  /**
   * How much larger than at 1200×700 text and strokes are drawn: in proportion to the image, but
   * never below 0.7, where tick labels would shrink under 11 pixels and stop being readable.
   */
  static double scale(int width, int height) {
    double scale = Math.min(width / (double) BASE_WIDTH, height / (double) BASE_HEIGHT);
    return Math.max(0.7, Math.min(2.5, scale));
  }

  Font titleFont(double scale) {
    return font(Font.BOLD, 26, scale);
  }

  Font axisTitleFont(double scale) {
    return font(Font.PLAIN, 19, scale);
  }

  Font tickFont(double scale) {
    return font(Font.PLAIN, 16, scale);
  }

  Font legendFont(double scale) {
    return font(Font.PLAIN, 16, scale);
  }

  Font labelFont(double scale) {
    return font(Font.PLAIN, 15, scale);
  }

  float lineWidth(double scale) {
    return (float) (2.5 * scale);
  }

  int markerSize(double scale) {
    return (int) Math.round(8 * scale);
  }

  /** Applies what every chart type shares. */
  void styleBase(Styler styler, double scale, boolean legend) {
    styler.setChartBackgroundColor(Color.WHITE);
    styler.setPlotBackgroundColor(Color.WHITE);
    styler.setChartFontColor(TEXT);
    styler.setChartTitleFont(titleFont(scale));
    styler.setChartTitleVisible(true);
    styler.setChartTitleBoxVisible(false);
    styler.setChartTitlePadding(scaled(14, scale));
    styler.setChartPadding(scaled(18, scale));
    styler.setPlotBorderVisible(false);
    styler.setLegendVisible(legend);
    styler.setLegendFont(legendFont(scale));
    styler.setLegendBorderColor(Color.WHITE);
    styler.setLegendBackgroundColor(Color.WHITE);
    styler.setLegendPadding(scaled(8, scale));
    styler.setLegendSeriesLineLength(scaled(28, scale));
    styler.setLegendPosition(Styler.LegendPosition.OutsideS);
    styler.setLegendLayout(Styler.LegendLayout.Horizontal);
    styler.setSeriesColors(OKABE_ITO.toArray(Color[]::new));
    // XChart cycles dashed and dotted strokes by default; colour and marker shape tell series apart
    styler.setSeriesLines(new BasicStroke[] {new BasicStroke(lineWidth(scale))});
    styler.setSeriesMarkers(MARKERS.toArray(Marker[]::new));
    styler.setToolTipsEnabled(false);
    styler.setAntiAlias(true);
    styler.setMarkerSize(markerSize(scale));
  }

  /** Applies what charts with axes share: light horizontal grid lines, no frame, no tick marks. */
  void styleAxes(AxesChartStyler styler, double scale) {
    styler.setAxisTitleFont(axisTitleFont(scale));
    styler.setAxisTitlesVisible(true);
    styler.setAxisTitlePadding(scaled(10, scale));
    styler.setAxisTickLabelsFont(tickFont(scale));
    styler.setAxisTickLabelsColor(MUTED_TEXT);
    styler.setAxisTickPadding(scaled(6, scale));
    styler.setAxisTickMarkLength(scaled(4, scale));
    styler.setAxisTickMarksColor(AXIS);
    styler.setAxisTicksLineVisible(true);
    styler.setAxisTicksMarksVisible(false);
    styler.setPlotGridHorizontalLinesVisible(true);
    styler.setPlotGridVerticalLinesVisible(false);
    styler.setPlotGridLinesColor(GRID);
    styler.setPlotGridLinesStroke(new BasicStroke((float) Math.max(1, scale)));
    styler.setPlotTicksMarksVisible(false);
    styler.setPlotMargin(scaled(8, scale));
    styler.setXAxisTickMarkSpacingHint(scaled(90, scale));
    styler.setYAxisTickMarkSpacingHint(scaled(60, scale));
    styler.setLocale(locale);
  }

  static int scaled(int pixels, double scale) {
    return (int) Math.round(pixels * scale);
  }

  private static Font font(int style, int size, double scale) {
    return new Font(Font.SANS_SERIF, style, (int) Math.round(size * scale));
  }
}
