package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class QuantilesTest {

  @Test
  void ranksBracketTheQuantilePosition() {
    assertThat(Quantiles.ranks(10, 0.25)).containsExactly(2, 3);
    assertThat(Quantiles.fraction(10, 0.25)).isEqualTo(0.25);
    assertThat(Quantiles.ranks(1, 0.95)).containsExactly(0, 0);
    assertThat(Quantiles.ranks(5, 1.0)).containsExactly(4, 4);
  }

  @Test
  void interpolationIsLinearFromTheNearerEnd() {
    assertThat(Quantiles.interpolate(1.0, 3.0, 0.25)).isEqualTo(1.5);
    assertThat(Quantiles.interpolate(1.0, 3.0, 0.75)).isEqualTo(2.5);
    assertThat(Quantiles.interpolate(null, 3.0, 0.5)).isNull();
  }

  @Test
  void binCountsComeFromStructsOrMaps() {
    assertThat(Quantiles.binCounts(List.<Object>of(Map.of("k", 2, "n", 5L)), 3))
        .containsExactly(0, 0, 5);
    assertThat(Quantiles.binCounts(Map.of("0", 4L, "1", 1L), 2)).containsExactly(4, 1);
  }

  @Test
  void periodsIncludeEmptyOnes() {
    assertThat(Periods.between("2020-11-01", "2021-02-01", "month"))
        .containsExactly("2020-11-01", "2020-12-01", "2021-01-01", "2021-02-01");
    assertThat(Periods.between("2020-01-01", "2021-01-01", "quarter")).hasSize(5);
  }
}
