package io.udb.kpi.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class ValueFormatTest {

  @Test
  void separatesThousands() {
    ValueFormat format = ValueFormat.forRange(null, Locale.ENGLISH, 0, 2_000_000);

    assertThat(format.format(1_234_567)).isEqualTo("1,234,567");
  }

  @Test
  void showsAsManyDecimalsAsTheRangeNeeds() {
    assertThat(ValueFormat.forRange(null, Locale.ENGLISH, 0, 30).format(7.5)).isEqualTo("7.5");
    assertThat(ValueFormat.forRange(null, Locale.ENGLISH, 0, 30).format(18.4444)).isEqualTo("18.4");
    assertThat(ValueFormat.forRange(null, Locale.ENGLISH, 0, 0.5).format(0.125)).isEqualTo("0.125");
    assertThat(ValueFormat.forRange(null, Locale.ENGLISH, 0, 5000).format(1250.4))
        .isEqualTo("1,250");
    assertThat(ValueFormat.forRange(null, Locale.ENGLISH, 42, 42).format(42)).isEqualTo("42");
  }

  @Test
  void followsTheLocale() {
    assertThat(ValueFormat.forRange(null, Locale.GERMANY, 0, 30_000).format(12_345.6))
        .isEqualTo("12.346");
    assertThat(ValueFormat.forRange("#,##0.0", Locale.GERMANY, 0, 10).format(1234.5))
        .isEqualTo("1.234,5");
  }

  @Test
  void usesTheGivenPattern() {
    ValueFormat format = ValueFormat.forRange("0.0%", Locale.ENGLISH, 0, 1);

    assertThat(format.format(0.125)).isEqualTo("12.5%");
    // the pattern alone, for XChart's heatmap cells, formats alike
    assertThat(
            new java.text.DecimalFormat(
                    format.pattern(), java.text.DecimalFormatSymbols.getInstance(Locale.ENGLISH))
                .format(0.125))
        .isEqualTo("12.5%");
  }

  @Test
  void neverShowsMinusZero() {
    assertThat(ValueFormat.forRange(null, Locale.ENGLISH, 0, 1000).format(-0.0001)).isEqualTo("0");
  }

  @Test
  void countsAreWholeNumbers() {
    assertThat(ValueFormat.counts(Locale.ENGLISH).format(12_000)).isEqualTo("12,000");
  }
}
