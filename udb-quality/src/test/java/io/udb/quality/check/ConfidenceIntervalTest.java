package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.UdbException;
import org.junit.jupiter.api.Test;

/** Reference values computed independently from the textbook formulas. */
class ConfidenceIntervalTest {

  @Test
  void zScoreOfNinetyFivePercent() {
    assertThat(ConfidenceInterval.zScore(0.95)).isCloseTo(1.959963984540054, within(1e-12));
  }

  @Test
  void wilsonLowerBound() {
    assertThat(ConfidenceInterval.WILSON.lowerBound(0.5, 100, 0.95))
        .isCloseTo(0.4038315303659957, within(1e-12));
    assertThat(ConfidenceInterval.WILSON.lowerBound(400.0 / 406, 406, 0.95))
        .isCloseTo(0.9681375259471356, within(1e-12));
  }

  @Test
  void normalLowerBound() {
    assertThat(ConfidenceInterval.NORMAL.lowerBound(400.0 / 406, 406, 0.95))
        .isCloseTo(0.9734844706457716, within(1e-12));
  }

  @Test
  void roundsDownToTwoDecimals() {
    assertThat(ConfidenceInterval.WILSON.roundedLowerBound(400.0 / 406, 406, 0.95)).isEqualTo(0.96);
    assertThat(ConfidenceInterval.NORMAL.roundedLowerBound(400.0 / 406, 406, 0.95)).isEqualTo(0.97);
  }

  @Test
  void wilsonStaysWithinZeroAndOneWhereNormalWouldNot() {
    assertThat(ConfidenceInterval.WILSON.lowerBound(0.01, 10, 0.95)).isBetween(0.0, 0.01);
    assertThat(ConfidenceInterval.NORMAL.lowerBound(0.01, 10, 0.95)).isZero();
  }

  @Test
  void refusesConfidenceOutsideTheOpenUnitInterval() {
    assertThatThrownBy(() -> ConfidenceInterval.zScore(1.0)).isInstanceOf(UdbException.class);
  }
}
