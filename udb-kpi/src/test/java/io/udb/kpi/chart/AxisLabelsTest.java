package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.Function;
import java.util.stream.DoubleStream;
import org.junit.jupiter.api.Test;

class AxisLabelsTest {
  private final Function<Double, String> labels =
      AxisLabels.wholePositions(3, at -> List.of("0", "1", "Other").get((int) at));

  @Test
  void labelsWholePositionsInRangeByTheirCategory() {
    assertThat(labels.apply(0.0)).isEqualTo("0");
    assertThat(labels.apply(2.0)).isEqualTo("Other");
  }

  @Test
  void positionsOutsideTheDataDifferFromEveryCategory() {
    // XChart only finishes its tick search when all candidate labels differ
    List<String> whole = DoubleStream.of(-2, -1, 0, 1, 2, 3, 4).boxed().map(labels).toList();

    assertThat(whole).doesNotHaveDuplicates();
  }

  @Test
  void categoriesNamedLikeOutsidePositionsStillDiffer() {
    Function<Double, String> numbered = AxisLabels.wholePositions(2, at -> at == 0 ? "2" : "3");

    assertThat(DoubleStream.of(-1, 0, 1, 2, 3).boxed().map(numbered).toList())
        .doesNotHaveDuplicates();
  }

  @Test
  void positionsBetweenAreBlanksThatDifferOnlyAcrossZero() {
    // the axis ends of a bar chart, -0.5 and n - 0.5, must differ or XChart draws no ticks
    assertThat(labels.apply(-0.5)).isNotEqualTo(labels.apply(2.5));
    assertThat(labels.apply(-0.5)).isBlank();
    assertThat(labels.apply(0.5)).isBlank().isEqualTo(labels.apply(1.5));
  }
}
