package io.udb.quality.drift;

/**
 * Bin edges and bin lookup exactly as numpy 1.24 computes them, so that a value lying on an edge
 * lands in the same bin as in Evidently and scipy.
 */
final class Histograms {
  private Histograms() {}

  /**
   * {@code numpy.linspace(start, stop, num)}: {@code i * step + start} with {@code step = (stop -
   * start) / (num - 1)}, the last value set to {@code stop}.
   */
  static double[] linspace(double start, double stop, int num) {
    double[] y = new double[num];
    int div = num - 1;
    double delta = stop - start;
    double step = delta / div;
    for (int i = 0; i < num; i++) {
      y[i] = step == 0 ? (i / (double) div) * delta + start : i * step + start;
    }
    y[num - 1] = stop;
    return y;
  }

  /**
   * {@code numpy.histogram_bin_edges(data, bins=k)} for data spanning {@code [min, max]}: {@code k}
   * equal-width bins, the range widened by 0.5 on both sides when it is empty.
   */
  static double[] equalWidthEdges(double min, double max, int bins) {
    double first = min;
    double last = max;
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    return linspace(first, last, bins + 1);
  }

  /**
   * {@code numpy.histogram_bin_edges(data, bins='sturges')} for {@code size} values spanning {@code
   * [min, max]}: width {@code (max - min) / (log2(size) + 1)}, at least 1 for integer data, and
   * {@code ceil(range / width)} equal bins.
   *
   * @param min smallest value
   * @param max largest value
   * @param size number of values
   * @param integral whether the data has an integer type
   * @return the edges
   */
  static double[] sturgesEdges(double min, double max, long size, boolean integral) {
    double first = min;
    double last = max;
    if (first == last) {
      first -= 0.5;
      last += 0.5;
    }
    double width = (max - min) / (log2(size) + 1.0);
    int bins;
    if (width != 0) {
      if (integral && width < 1) {
        width = 1;
      }
      bins = (int) Math.ceil((last - first) / width);
    } else {
      bins = 1;
    }
    return linspace(first, last, bins + 1);
  }

  /**
   * The base-2 logarithm of a positive count, exact for powers of two like C's {@code log2}.
   *
   * @param value a positive number
   * @return its logarithm
   */
  static double log2(long value) {
    int exponent = 63 - Long.numberOfLeadingZeros(value);
    long power = 1L << exponent;
    if (value == power) {
      return exponent;
    }
    // split off the exponent so that only the mantissa's logarithm is rounded
    double mantissa = (double) value / power;
    return exponent + Math.log(mantissa) / Math.log(2);
  }

  /** The number of elements of the sorted array that are {@code < value}. */
  static int lowerBound(double[] sorted, double value) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < value) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
