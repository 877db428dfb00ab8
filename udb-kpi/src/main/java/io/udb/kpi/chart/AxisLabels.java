package io.udb.kpi.chart;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.function.Function;
import java.util.function.LongFunction;

/**
 * Tick labels for a numeric XChart axis that stands for something else: categories or periods at
 * whole positions.
 *
 * <p>XChart 3.8's tick search (AxisTickCalculator_) has two traps that decide the shape of these
 * labels. It draws no ticks at all when the labels of the axis ends are equal, and it widens the
 * tick spacing until all labels of its candidate ticks are distinct, candidates beyond both ends
 * included, never giving up: labels that stay equal at every spacing hang the render. So every
 * whole position gets a distinct label (positions outside the data get their number, which is never
 * drawn because it lies outside the axis), and positions between whole ones get one of two blanks,
 * which differ at the axis ends but repeat at every fractional spacing, so that the search settles
 * on whole steps.
 */
final class AxisLabels {
  /** Marks the label of a position outside the data, so that it cannot equal a category. */
  private static final String OUTSIDE = "\u200B";

  private AxisLabels() {}

  /**
   * Labels whole positions {@code 0..count-1} by a function and all others as above.
   *
   * @param count how many positions carry a label
   * @param label the label of a whole position in range
   */
  static Function<Double, String> wholePositions(int count, LongFunction<String> label) {
    return position -> {
      if (!isWhole(position)) {
        return position < 0 ? "" : " ";
      }
      long at = Math.round(position);
      return at >= 0 && at < count ? label.apply(at) : at + OUTSIDE;
    };
  }

  /**
   * Labels every whole position by a function that is distinct for distinct positions, e.g. periods
   * of a date axis, and positions between them as above.
   *
   * @param label the label of a whole position
   */
  static Function<Double, String> everyWholePosition(LongFunction<String> label) {
    return position -> {
      if (!isWhole(position)) {
        return position < 0 ? "" : " ";
      }
      return label.apply(Math.round(position));
    };
  }

  /**
   * Lengthens each label by invisible zero-width spaces, one per pixel of its width in the font, so
   * that the label with the most characters is the widest one.
   *
   * @param labels the labels
   * @param font the font they are drawn in
   */
  static Function<Double, String> widestLongest(Function<Double, String> labels, Font font) {
    FontRenderContext context = new FontRenderContext(null, true, false);
    return position -> {
      String label = labels.apply(position);
      if (label.isBlank()) {
        return label;
      }
      double width = new TextLayout(label, font, context).getOutline(null).getBounds2D().getWidth();
      return label + OUTSIDE.repeat((int) Math.ceil(width));
    };
  }

  static boolean isWhole(double position) {
    return Math.abs(position - Math.rint(position)) < 1e-6;
  }
}
