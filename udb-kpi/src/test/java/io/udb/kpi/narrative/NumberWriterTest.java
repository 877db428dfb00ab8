package io.udb.kpi.narrative;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.kpi.KpiFormat;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class NumberWriterTest {
  private static final NumberWriter US = new NumberWriter(Locale.US, 3);
  private static final NumberWriter GERMANY = new NumberWriter(Locale.GERMANY, 3);
  private static final KpiFormat CELSIUS = KpiFormat.unit("°C");
  private static final KpiFormat DAYS = new KpiFormat(KpiFormat.Style.NUMBER, "day", "days", null);
  private static final KpiFormat PERCENT = new KpiFormat(KpiFormat.Style.PERCENT, null, null, null);
  private static final KpiFormat EURO = new KpiFormat(KpiFormat.Style.CURRENCY, "EUR", null, null);

  @Test
  void roundsToSignificantDigitsWithoutRoundingAwayWholeDigits() {
    assertThat(US.number(18.4123, null)).isEqualTo("18.4");
    assertThat(US.number(2.0967, null)).isEqualTo("2.1");
    assertThat(US.number(0.012345, null)).isEqualTo("0.0123");
    assertThat(US.number(1234567.89, null)).isEqualTo("1,234,568");
    assertThat(US.number(12.0, null)).isEqualTo("12");
    assertThat(US.number(0.0, null)).isEqualTo("0");
    assertThat(US.number(-3.456, null)).isEqualTo("-3.46");
    assertThat(US.number(2.25, null)).isEqualTo("2.25");
    assertThat(new NumberWriter(Locale.US, 2).number(2.25, null)).isEqualTo("2.3");
  }

  @Test
  void significantDigitsAreConfigurable() {
    assertThat(new NumberWriter(Locale.US, 2).number(18.4123, null)).isEqualTo("18");
    assertThat(new NumberWriter(Locale.US, 5).number(18.4123, null)).isEqualTo("18.412");
  }

  @Test
  void fixedDecimalsKeepTrailingZeros() {
    assertThat(US.number(18.4163, 2)).isEqualTo("18.42");
    assertThat(US.number(18, 1)).isEqualTo("18.0");
  }

  @Test
  void writesTheLocalesSeparators() {
    assertThat(GERMANY.number(18.4123, null)).isEqualTo("18,4");
    assertThat(GERMANY.number(1234567.89, null)).isEqualTo("1.234.568");
    assertThat(GERMANY.value(18.4123, CELSIUS)).isEqualTo("18,4 °C");
    assertThat(GERMANY.percent(12.94)).isEqualTo("+12,9\u00a0%");
    assertThat(GERMANY.signed(-1.44, CELSIUS)).isEqualTo("-1,44 °C");
  }

  @Test
  void attachesUnitsAndTheirPlurals() {
    assertThat(US.value(18.4123, CELSIUS)).isEqualTo("18.4 °C");
    assertThat(US.value(45.2, KpiFormat.unit("%"))).isEqualTo("45.2%");
    assertThat(US.value(1, DAYS)).isEqualTo("1 day");
    assertThat(US.value(1.0004, DAYS)).isEqualTo("1 day");
    assertThat(US.value(2, DAYS)).isEqualTo("2 days");
    assertThat(US.value(0, DAYS)).isEqualTo("0 days");
    assertThat(US.magnitude(-1, DAYS)).isEqualTo("1 day");
  }

  @Test
  void writesFractionsAsPercentagesAndTheirChangesInPoints() {
    assertThat(US.value(0.129032, PERCENT)).isEqualTo("12.9%");
    assertThat(US.magnitude(-0.070968, PERCENT)).isEqualTo("7.1 percentage points");
    assertThat(US.magnitude(0.01, PERCENT)).isEqualTo("1 percentage point");
  }

  @Test
  void writesMoneyInTheLocalesCurrencyStyle() {
    assertThat(US.value(1234.5, EURO)).isEqualTo("€1,234.50");
    assertThat(GERMANY.value(1234.5, EURO)).isEqualTo("1.234,50\u00a0€");
    assertThat(US.signed(12.3, EURO)).isEqualTo("+€12.30");
    assertThat(US.signed(-5, EURO)).isEqualTo("-€5.00");
  }

  @Test
  void signsChangesExplicitly() {
    assertThat(US.signed(1.4, CELSIUS)).isEqualTo("+1.4 °C");
    assertThat(US.signed(-0.3, CELSIUS)).isEqualTo("-0.3 °C");
    assertThat(US.signed(0, CELSIUS)).isEqualTo("0 °C");
    assertThat(US.percent(12.94)).isEqualTo("+12.9%");
    assertThat(US.percent(-13.45)).isEqualTo("-13.5%");
    assertThat(US.percent(0)).isEqualTo("0%");
  }
}
