package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class DateGrainTest {
  private static final LocalDate JUNE_17 = LocalDate.of(2015, 6, 17);

  @Test
  void labelsAPeriodByItsGrain() {
    assertThat(DateGrain.DAY.label(LocalDate.of(2015, 6, 1), Locale.ENGLISH))
        .isEqualTo("2015-06-01");
    assertThat(DateGrain.WEEK.label(JUNE_17, Locale.ENGLISH)).isEqualTo("2015-W25");
    assertThat(DateGrain.MONTH.label(JUNE_17, Locale.ENGLISH)).isEqualTo("Jun 2015");
    assertThat(DateGrain.QUARTER.label(JUNE_17, Locale.ENGLISH)).isEqualTo("Q2 2015");
    assertThat(DateGrain.YEAR.label(JUNE_17, Locale.ENGLISH)).isEqualTo("2015");
  }

  @Test
  void monthNamesFollowTheLocale() {
    assertThat(DateGrain.MONTH.label(LocalDate.of(2015, 3, 1), Locale.GERMAN))
        .isEqualTo("März 2015");
  }

  @Test
  void weeksBelongToTheirIsoYear() {
    // 2015-12-31 is a Thursday in week 53 of 2015; 2016-01-03 (Sunday) still belongs to it
    assertThat(DateGrain.WEEK.label(LocalDate.of(2016, 1, 3), Locale.ENGLISH))
        .isEqualTo("2015-W53");
    assertThat(DateGrain.WEEK.periodStart(LocalDate.of(2016, 1, 3)))
        .isEqualTo(LocalDate.of(2015, 12, 28));
  }

  @Test
  void periodsAreNumberedConsecutively() {
    for (DateGrain grain : DateGrain.values()) {
      LocalDate start = grain.periodStart(JUNE_17);
      long index = grain.index(JUNE_17);
      assertThat(grain.startOf(index)).as(grain.name()).isEqualTo(start);
      assertThat(grain.index(start.minusDays(1))).as(grain.name()).isEqualTo(index - 1);
      assertThat(grain.startOf(index + 1)).as(grain.name()).isAfter(JUNE_17);
    }
    assertThat(DateGrain.WEEK.index(LocalDate.of(1969, 12, 29))).isZero();
    assertThat(DateGrain.MONTH.startOf(-1)).isEqualTo(LocalDate.of(-1, 12, 1));
  }

  @Test
  void infersTheCoarsestGrainTheDatesFit() {
    assertThat(DateGrain.infer(List.of(LocalDate.of(2014, 1, 1), LocalDate.of(2015, 1, 1))))
        .isEqualTo(DateGrain.YEAR);
    assertThat(DateGrain.infer(List.of(LocalDate.of(2015, 1, 1), LocalDate.of(2015, 4, 1))))
        .isEqualTo(DateGrain.QUARTER);
    assertThat(
            DateGrain.infer(
                List.of(
                    LocalDate.of(2015, 1, 1), LocalDate.of(2015, 2, 1), LocalDate.of(2015, 4, 1))))
        .isEqualTo(DateGrain.MONTH);
    assertThat(DateGrain.infer(List.of(LocalDate.of(2015, 6, 1), LocalDate.of(2015, 6, 8))))
        .isEqualTo(DateGrain.WEEK);
    assertThat(DateGrain.infer(List.of(LocalDate.of(2015, 6, 1), LocalDate.of(2015, 6, 2))))
        .isEqualTo(DateGrain.DAY);
    assertThat(DateGrain.infer(List.of(LocalDate.of(2015, 1, 1), LocalDate.of(2015, 1, 1))))
        .isEqualTo(DateGrain.DAY);
  }

  @Test
  void readsJsonNamesIgnoringCase() {
    assertThat(DateGrain.fromJsonName("Quarter")).contains(DateGrain.QUARTER);
    assertThat(DateGrain.fromJsonName("hour")).isEmpty();
    assertThat(DateGrain.MONTH.jsonName()).isEqualTo("month");
  }
}
