package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnomalyStrategyTest {

  @Test
  void relativeChangeAgainstTheMeanOfTheHistory() {
    AnomalyStrategy rule = new AnomalyStrategy.RelativeChange(0.2, 0.5);
    assertThat(rule.detect(60, List.of(100.0, 100.0))).contains("dropped 40.0%");
    assertThat(rule.detect(81, List.of(90.0, 110.0))).isEmpty();
    assertThat(rule.detect(151, List.of(100.0))).contains("rose 51.0%");
    assertThat(rule.detect(5, List.of(0.0, 0.0))).contains("rose from 0");
  }

  @Test
  void absoluteChangeWithOneSideOpen() {
    AnomalyStrategy rule = new AnomalyStrategy.AbsoluteChange(5.0, null);
    assertThat(rule.detect(94, List.of(100.0))).contains("dropped by 6");
    assertThat(rule.detect(1_000, List.of(100.0))).isEmpty();
  }

  @Test
  void standardDeviationsNeedTwoEarlierValues() {
    AnomalyStrategy rule = new AnomalyStrategy.StandardDeviations(2);
    assertThat(rule.detect(1_000, List.of(1.0))).isEmpty();
    assertThat(rule.detect(13, List.of(10.0, 12.0))).isEmpty();
    assertThat(rule.detect(20, List.of(10.0, 12.0)))
        .contains("is 6.4 standard deviations above the mean");
    assertThat(rule.detect(0.99, List.of(1.0, 1.0))).contains("dropped below its constant value 1");
  }

  @Test
  void limitsAreValidated() {
    assertThatThrownBy(() -> new AnomalyStrategy.RelativeChange(null, null))
        .isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> new AnomalyStrategy.AbsoluteChange(-1.0, null))
        .isInstanceOf(UdbException.class);
    assertThatThrownBy(() -> new AnomalyStrategy.StandardDeviations(0))
        .isInstanceOf(UdbException.class);
  }
}
