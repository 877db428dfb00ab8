package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class HistogramBinsTest {

  @Test
  void smallSamplesGetSturgesBins() {
    // 8 values: Sturges gives 4 bins of width 1.75 over 0..7, which rounds up to 2;
    // Freedman–Diaconis would give 2 * 3.5 / 2 = 3.5, wider, so Sturges wins
    double[] values = {0, 1, 2, 3, 4, 5, 6, 7};

    HistogramBins bins = HistogramBins.of(values, null, 200);

    assertThat(bins.edges()).containsExactly(0, 2, 4, 6, 8);
    assertThat(bins.counts()).containsExactly(2, 2, 2, 2);
  }

  @Test
  void largeSamplesGetFreedmanDiaconisBins() {
    // 1,000 evenly spread values over 0..999: IQR 499.5, FD width 2 * 499.5 / 10 = 99.9,
    // Sturges 999 / 11 = 90.8; the smaller, 90.8, rounds up to 100
    double[] values = IntStream.range(0, 1000).asDoubleStream().toArray();

    HistogramBins bins = HistogramBins.of(values, null, 200);

    assertThat(bins.size()).isEqualTo(10);
    assertThat(bins.edges()[0]).isEqualTo(0);
    assertThat(bins.edges()[10]).isEqualTo(1000);
    assertThat(bins.counts()).containsOnly(100);
  }

  @Test
  void freedmanDiaconisWinsWhenOutliersStretchTheRange() {
    double[] values = new double[100];
    for (int i = 0; i < 99; i++) {
      values[i] = i % 10;
    }
    values[99] = 1000;

    double width = HistogramBins.autoWidth(sorted(values));

    // Sturges: 1000 / 8 = 125; FD: 2 * IQR / cbrt(100) = 2 * 5 / 4.64 = 2.15
    assertThat(width).isCloseTo(2 * 5 / Math.cbrt(100), within(1e-9));
  }

  @Test
  void countsEveryValueOnceAndTheLastEdgeIsClosed() {
    double[] values = {0.1, 0.2, 0.2, 0.5, 0.5, 0.9, 1.0};

    HistogramBins bins = HistogramBins.of(values, 4, 200);

    assertThat(Arrays.stream(bins.counts()).sum()).isEqualTo(values.length);
    assertThat(bins.edges()[0]).isEqualTo(0.1);
    assertThat(bins.edges()[4]).isEqualTo(1.0);
    assertThat(bins.counts()[3]).isEqualTo(2);
  }

  @Test
  void aValueOnAnInnerEdgeOpensTheNextBin() {
    HistogramBins bins = HistogramBins.of(new double[] {0, 1, 2, 3, 4}, 2, 200);

    assertThat(bins.edges()).containsExactly(0, 2, 4);
    assertThat(bins.counts()).containsExactly(2, 3);
  }

  @Test
  void equalValuesMakeOneBin() {
    HistogramBins bins = HistogramBins.of(new double[] {3, 3, 3}, null, 200);

    assertThat(bins.counts()).containsExactly(3);
    assertThat(bins.edges()[0]).isLessThan(3);
    assertThat(bins.edges()[1]).isGreaterThan(3);
  }

  @Test
  void roundsWidthsUpToOneTwoTwoAndAHalfOrFive() {
    assertThat(HistogramBins.niceAtLeast(0.35)).isEqualTo(0.5);
    assertThat(HistogramBins.niceAtLeast(1.2)).isEqualTo(2);
    assertThat(HistogramBins.niceAtLeast(2.1)).isEqualTo(2.5);
    assertThat(HistogramBins.niceAtLeast(7)).isEqualTo(10);
    assertThat(HistogramBins.niceAtLeast(100)).isEqualTo(100);
  }

  @Test
  void neverMakesMoreBinsThanTheLimit() {
    double[] values = IntStream.range(0, 100_000).asDoubleStream().map(v -> v * v).toArray();

    assertThat(HistogramBins.of(values, null, 50).size()).isLessThanOrEqualTo(50);
  }

  private static double[] sorted(double[] values) {
    double[] copy = values.clone();
    Arrays.sort(copy);
    return copy;
  }
}
