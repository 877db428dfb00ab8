package io.udb.kpi.chart;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.awt.Color;
import org.knowm.xchart.PieChart;
import org.knowm.xchart.PieSeries;
import org.knowm.xchart.style.PieStyler;
import org.knowm.xchart.style.Styler;

/** Pie and donut charts: shares of a whole, each slice labelled with its name and share. */
final class PieCharts {
  /** The colour of the "Other" slice: grey, so that it does not compete with named slices. */
  private static final Color OTHER = new Color(0xAAAAAA);

  private PieCharts() {}

  static PieChart pie(ChartInput input, boolean donut) {
    ChartSpec spec = input.spec();
    // largest slice first, from three o'clock anticlockwise (XChart 3.8 draws clockwise pies
    // wrongly): the smallest slices end up just below three o'clock, where their labels stack
    // vertically instead of running into each other as they do at the top
    CategoryTable table = BarCharts.table(input).sortedByTotal();
    for (int c = 0; c < table.categories().size(); c++) {
      if (table.value(0, c) < 0) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Chart spec field 'y' names the column '"
                + spec.y()
                + "', which has negative values; slices of a pie need values of at least 0");
      }
    }
    double total = 0;
    for (int c = 0; c < table.categories().size(); c++) {
      total += Double.isNaN(table.value(0, c)) ? 0 : table.value(0, c);
    }
    if (!(total > 0)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Chart spec field 'y' names the column '"
              + spec.y()
              + "', whose values add up to 0: a pie of them has no slices");
    }
    PieChart chart = new PieChart(spec.width(), spec.height(), Styler.ChartTheme.XChart);
    chart.setTitle(spec.displayTitle());
    PieStyler styler = chart.getStyler();
    double scale = UdbChartTheme.scale(spec.width(), spec.height());
    input.theme().styleBase(styler, scale, false);
    styler.setDefaultSeriesRenderStyle(
        donut ? PieSeries.PieSeriesRenderStyle.Donut : PieSeries.PieSeriesRenderStyle.Pie);
    styler.setCircular(true);
    styler.setLabelsVisible(true);
    styler.setLabelType(PieStyler.LabelType.NameAndPercentage);
    styler.setLabelsFont(input.theme().labelFont(scale));
    styler.setLabelsFontColor(UdbChartTheme.TEXT);
    styler.setLabelsFontColorAutomaticEnabled(false);
    styler.setLabelsDistance(donut ? 1.18 : 1.12);
    styler.setForceAllLabelsVisible(true);
    styler.setStartAngleInDegrees(270);
    styler.setSliceBorderWidth(2 * scale);
    styler.setPlotContentSize(0.7);
    styler.setDecimalPattern("#,##0.#");
    if (donut) {
      styler.setDonutThickness(0.4);
    }
    for (int c = 0; c < table.categories().size(); c++) {
      double value = table.value(0, c);
      String name = table.categories().get(c);
      PieSeries slice = chart.addSeries(name, Double.isNaN(value) ? 0 : value);
      slice.setFillColor(
          name.equals(CategoryTable.OTHER) && spec.topN() != null ? OTHER : input.theme().color(c));
    }
    return chart;
  }
}
