package io.udb.kpi.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.kpi.Aggregation;
import io.udb.kpi.Breakdown;
import io.udb.kpi.Contributor;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiFormat;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiSeries;
import io.udb.kpi.KpiStatus;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NarrativeWriterTest {
  private static final NarrativeWriter US = new NarrativeWriter(Locale.US, 3);
  private static final LocalDate JUNE_2015 = LocalDate.of(2015, 6, 1);
  private static final LocalDate MAY_2015 = LocalDate.of(2015, 5, 1);
  private static final LocalDate JUNE_2014 = LocalDate.of(2014, 6, 1);

  private static KpiDefinition.Builder temperature() {
    return KpiDefinition.builder("avg_temp")
        .label("average max temperature")
        .table("weather")
        .measure("temp_max", Aggregation.AVG)
        .time("date", Grain.MONTH)
        .unit("°C");
  }

  private static KpiDefinition.Builder sunnyDays() {
    return KpiDefinition.builder("sunny")
        .label("Number of sunny days")
        .table("weather")
        .aggregation(Aggregation.COUNT)
        .filter("weather = 'sun'")
        .time("date", Grain.MONTH)
        .format(new KpiFormat(KpiFormat.Style.NUMBER, "day", "days", null));
  }

  /** A result as the engine would assemble it from these numbers. */
  private static KpiResult result(
      KpiDefinition definition,
      LocalDate period,
      Double value,
      LocalDate previousPeriod,
      Double previous,
      LocalDate yearAgoPeriod,
      Double yearAgo,
      Breakdown... breakdowns) {
    Boolean targetMet =
        definition.target() == null || value == null
            ? null
            : !KpiStatus.beyond(value, definition.target(), definition.upIsGood());
    return new KpiResult(
        definition,
        period,
        value,
        previousPeriod,
        previous,
        yearAgoPeriod,
        yearAgo,
        KpiStatus.of(value, definition.warning(), definition.critical(), definition.upIsGood()),
        targetMet,
        value == null && period == null ? 0 : 100,
        100,
        5,
        false,
        0,
        List.of(breakdowns),
        KpiSeries.EMPTY);
  }

  private static KpiResult monthly(KpiDefinition definition, double value, Double previous) {
    return result(
        definition, JUNE_2015, value, previous == null ? null : MAY_2015, previous, null, null);
  }

  private static Breakdown weather(boolean decomposable, double sun, double rain) {
    return new Breakdown(
        "weather",
        decomposable,
        List.of(
            new Contributor("sun", 20.0, 18.0, 2.0, sun),
            new Contributor("rain", 15.0, 14.0, 1.0, rain)),
        0);
  }

  @Test
  void tellsTheChangeFromThePreviousPeriodAndItsLargestContribution() {
    KpiResult june =
        result(
            temperature().build(),
            JUNE_2015,
            18.4,
            MAY_2015,
            16.3,
            null,
            null,
            weather(true, 1.4, 0.7));

    assertThat(US.write(List.of(june)))
        .isEqualTo(
            "Average max temperature was 18.4 °C in June 2015, up 2.1 °C (+12.9%) from May;"
                + " the largest contribution came from weather = sun (+1.4 °C).");
  }

  @Test
  void saysNothingAboutAComparisonWithoutData() {
    assertThat(US.write(List.of(monthly(temperature().build(), 18.4, null))))
        .isEqualTo("Average max temperature was 18.4 °C in June 2015.");
  }

  @Test
  void saysDownWithANegativePercentage() {
    assertThat(US.write(List.of(monthly(temperature().build(), 16.3, 18.4))))
        .isEqualTo(
            "Average max temperature was 16.3 °C in June 2015, down 2.1 °C (-11.4%) from May.");
  }

  @Test
  void saysUnchangedWithoutNumbers() {
    assertThat(US.write(List.of(monthly(sunnyDays().build(), 5, 5.0))))
        .isEqualTo("Number of sunny days was 5 days in June 2015, unchanged from May.");
  }

  @Test
  void pluralisesUnitsByTheNumberWritten() {
    assertThat(US.write(List.of(monthly(sunnyDays().build(), 1, 2.0))))
        .isEqualTo("Number of sunny days was 1 day in June 2015, down 1 day (-50%) from May.");
    assertThat(US.write(List.of(monthly(sunnyDays().build(), 4, 1.0))))
        .isEqualTo("Number of sunny days was 4 days in June 2015, up 3 days (+300%) from May.");
  }

  @Test
  void leavesOutThePercentageOfAChangeFromZero() {
    assertThat(US.write(List.of(monthly(sunnyDays().build(), 3, 0.0))))
        .isEqualTo("Number of sunny days was 3 days in June 2015, up 3 days from May.");
  }

  @Test
  void namesThePreviousPeriodInFullAcrossAYear() {
    KpiResult january =
        result(
            temperature().build(),
            LocalDate.of(2015, 1, 1),
            10.15,
            LocalDate.of(2014, 12, 1),
            10.14,
            null,
            null);

    assertThat(US.describe(january))
        .isEqualTo(
            "Average max temperature was 10.2 °C in January 2015, up 0.01 °C (+0.0986%) from"
                + " December 2014.");
  }

  @Test
  void addsTheYearOnYearComparisonWhenTheDataHoldsIt() {
    KpiResult june =
        result(temperature().build(), JUNE_2015, 18.4, MAY_2015, 16.3, JUNE_2014, 17.9);

    assertThat(US.describe(june))
        .isEqualTo(
            "Average max temperature was 18.4 °C in June 2015, up 2.1 °C (+12.9%) from May."
                + " It was up 0.5 °C (+2.79%) from June 2014.");
  }

  @Test
  void writesNumbersInTheGivenLocale() {
    KpiResult june =
        result(
            temperature().build(),
            JUNE_2015,
            18.4,
            MAY_2015,
            16.3,
            null,
            null,
            weather(true, 1.4, 0.7));

    assertThat(new NarrativeWriter(Locale.GERMANY, 3).write(List.of(june)))
        .isEqualTo(
            "Average max temperature was 18,4 °C in June 2015, up 2,1 °C (+12,9\u00a0%) from May;"
                + " the largest contribution came from weather = sun (+1,4 °C).");
  }

  @Test
  void callsAChangeOfANonAdditiveKpiTheLargestChange() {
    KpiResult median =
        result(
            temperature()
                .measure("temp_max", Aggregation.MEDIAN)
                .label("median max temperature")
                .build(),
            JUNE_2015,
            18.4,
            MAY_2015,
            16.3,
            null,
            null,
            weather(false, -3.0, 1.0));

    assertThat(US.describe(median))
        .isEqualTo(
            "Median max temperature was 18.4 °C in June 2015, up 2.1 °C (+12.9%) from May;"
                + " the largest change was in weather = sun (-3 °C).");
  }

  @Test
  void skipsTheContributionClauseWhenNothingContributed() {
    KpiResult flat =
        result(
            temperature().build(),
            JUNE_2015,
            18.4,
            MAY_2015,
            16.3,
            null,
            null,
            weather(true, 0.0, 0.0));

    assertThat(US.describe(flat)).doesNotContain("contribution");
  }

  @Test
  void writesPercentagesAndTheirChangesInPoints() {
    KpiDefinition share =
        KpiDefinition.builder("sunny_share")
            .label("share of sunny days")
            .table("weather")
            .ratio(
                io.udb.kpi.Measure.countRows().where("weather = 'sun'"),
                io.udb.kpi.Measure.countRows())
            .time("date", Grain.MONTH)
            .format(new KpiFormat(KpiFormat.Style.PERCENT, null, null, null))
            .build();
    KpiResult december =
        result(
            share,
            LocalDate.of(2015, 12, 1),
            4.0 / 31,
            LocalDate.of(2015, 11, 1),
            6.0 / 30,
            null,
            null);

    assertThat(US.describe(december))
        .isEqualTo(
            "Share of sunny days was 12.9% in December 2015, down 7.1 percentage points (-35.5%)"
                + " from November.");
  }

  @Test
  void namesPeriodsOfEveryGrain() {
    KpiDefinition weekly = temperature().time("date", Grain.WEEK).build();
    KpiDefinition daily = temperature().time("date", Grain.DAY).build();
    KpiDefinition quarterly = temperature().time("date", Grain.QUARTER).build();

    assertThat(
            US.describe(
                result(
                    weekly,
                    LocalDate.of(2015, 12, 28),
                    6.0,
                    LocalDate.of(2015, 12, 21),
                    7.0,
                    null,
                    null)))
        .isEqualTo(
            "Average max temperature was 6 °C in the week of 28 December 2015, down 1 °C (-14.3%)"
                + " from the previous week.");
    assertThat(US.describe(result(daily, LocalDate.of(2015, 12, 31), 5.6, null, null, null, null)))
        .isEqualTo("Average max temperature was 5.6 °C on 31 December 2015.");
    assertThat(
            US.describe(
                result(
                    quarterly,
                    LocalDate.of(2015, 10, 1),
                    11.9,
                    LocalDate.of(2015, 7, 1),
                    24.8,
                    null,
                    null)))
        .isEqualTo("Average max temperature was 11.9 °C in Q4 2015, down 12.9 °C (-52%) from Q3.");
  }

  @Test
  void tellsWhenThereIsNoValueOrNoData() {
    assertThat(US.describe(result(temperature().build(), JUNE_2015, null, null, null, null, null)))
        .isEqualTo("Average max temperature had no value in June 2015.");
    assertThat(US.describe(result(temperature().build(), null, null, null, null, null, null)))
        .isEqualTo("Average max temperature had no data.");
  }

  @Test
  void writesAKpiWithoutPeriodsAsOneValue() {
    KpiDefinition total =
        KpiDefinition.builder("total")
            .label("total revenue")
            .table("orders")
            .measure("amount", Aggregation.SUM)
            .format(new KpiFormat(KpiFormat.Style.CURRENCY, "EUR", null, null))
            .build();

    assertThat(US.describe(result(total, null, 1234567.891, null, null, null, null)))
        .isEqualTo("Total revenue was €1,234,567.89.");
  }

  @Test
  void tellsWhenAValueIsBeyondAThreshold() {
    KpiDefinition warm = temperature().thresholds(20.0, 10.0).build();
    KpiDefinition windy =
        temperature().label("wind").unit("m/s").upIsGood(false).thresholds(5.0, 7.0).build();

    assertThat(US.describe(monthly(warm, 8.4, null)))
        .isEqualTo(
            "Average max temperature was 8.4 °C in June 2015. This is below the critical"
                + " threshold of 10 °C.");
    assertThat(US.describe(monthly(windy, 6.2, null)))
        .isEqualTo("Wind was 6.2 m/s in June 2015. This is above the warning threshold of 5 m/s.");
    assertThat(US.describe(monthly(warm, 22, null))).doesNotContain("threshold");
  }

  @Test
  void summarisesTargetsWithTheRightNumber() {
    KpiResult missed = monthly(temperature().target(20).build(), 18.4, null);
    KpiResult met = monthly(sunnyDays().target(3).build(), 5, null);
    KpiResult metToo = monthly(temperature().name("b").target(10).build(), 18.4, null);
    KpiResult metThree = monthly(temperature().name("c").target(10).build(), 18.4, null);
    KpiResult noTarget = monthly(temperature().name("d").build(), 18.4, null);

    assertThat(US.write(List.of(missed, met, metToo, metThree)))
        .endsWith(" 1 of 4 KPIs missed its target.");
    assertThat(
            US.write(
                List.of(missed, monthly(sunnyDays().target(9).build(), 5, null), metToo, noTarget)))
        .endsWith(" 2 of 3 KPIs missed their targets.");
    assertThat(US.write(List.of(met, metToo, metThree))).endsWith(" All 3 KPIs met their targets.");
    assertThat(US.write(List.of(missed, noTarget)))
        .endsWith(" Average max temperature missed its target of 20 °C.");
    assertThat(US.write(List.of(noTarget))).doesNotContain("target");
  }
}
