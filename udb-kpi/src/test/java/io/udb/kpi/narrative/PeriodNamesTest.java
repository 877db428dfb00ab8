package io.udb.kpi.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.kpi.Grain;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class PeriodNamesTest {
  private static final LocalDate JUNE_2015 = LocalDate.of(2015, 6, 1);

  @Test
  void namesPeriodsByGrain() {
    assertThat(PeriodNames.label(Grain.DAY, JUNE_2015)).isEqualTo("1 June 2015");
    assertThat(PeriodNames.label(Grain.WEEK, JUNE_2015)).isEqualTo("week of 1 June 2015");
    assertThat(PeriodNames.label(Grain.MONTH, JUNE_2015)).isEqualTo("June 2015");
    assertThat(PeriodNames.label(Grain.QUARTER, LocalDate.of(2015, 4, 1))).isEqualTo("Q2 2015");
    assertThat(PeriodNames.label(Grain.YEAR, LocalDate.of(2015, 1, 1))).isEqualTo("2015");
  }

  @Test
  void placesPeriodsWithTheirPreposition() {
    assertThat(PeriodNames.during(Grain.DAY, JUNE_2015)).isEqualTo("on 1 June 2015");
    assertThat(PeriodNames.during(Grain.WEEK, JUNE_2015)).isEqualTo("in the week of 1 June 2015");
    assertThat(PeriodNames.during(Grain.MONTH, JUNE_2015)).isEqualTo("in June 2015");
  }

  @Test
  void shortensThePreviousPeriodWithinTheSameYear() {
    assertThat(PeriodNames.previous(Grain.MONTH, LocalDate.of(2015, 5, 1), JUNE_2015))
        .isEqualTo("May");
    assertThat(
            PeriodNames.previous(Grain.MONTH, LocalDate.of(2014, 12, 1), LocalDate.of(2015, 1, 1)))
        .isEqualTo("December 2014");
    assertThat(
            PeriodNames.previous(Grain.QUARTER, LocalDate.of(2015, 1, 1), LocalDate.of(2015, 4, 1)))
        .isEqualTo("Q1");
    assertThat(
            PeriodNames.previous(
                Grain.QUARTER, LocalDate.of(2014, 10, 1), LocalDate.of(2015, 1, 1)))
        .isEqualTo("Q4 2014");
    assertThat(PeriodNames.previous(Grain.YEAR, LocalDate.of(2014, 1, 1), JUNE_2015))
        .isEqualTo("2014");
    assertThat(PeriodNames.previous(Grain.WEEK, LocalDate.of(2015, 5, 25), JUNE_2015))
        .isEqualTo("the previous week");
    assertThat(PeriodNames.previous(Grain.DAY, LocalDate.of(2015, 5, 31), JUNE_2015))
        .isEqualTo("the previous day");
  }

  @Test
  void namesAYearAgoInFull() {
    assertThat(PeriodNames.reference(Grain.MONTH, LocalDate.of(2014, 6, 1))).isEqualTo("June 2014");
    assertThat(PeriodNames.reference(Grain.WEEK, LocalDate.of(2014, 6, 2)))
        .isEqualTo("the week of 2 June 2014");
  }
}
