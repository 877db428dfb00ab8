package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import org.junit.jupiter.api.Test;

class ProfileOptionsTest {

  @Test
  void defaultsAreExactFullAndUnmasked() {
    ProfileOptions d = ProfileOptions.defaults();

    assertThat(d.approximate()).isFalse();
    assertThat(d.minimal()).isFalse();
    assertThat(d.principalIfAny()).isEmpty();
    assertThat(d.maxNumericCorrelationColumns()).isEqualTo(20);
    assertThat(d.maxCategoricalCorrelationColumns()).isEqualTo(15);
    assertThat(d.alerts()).isEqualTo(AlertThresholds.defaults());
  }

  @Test
  void builderRoundTripsAndValidates() {
    ProfileOptions o =
        ProfileOptions.builder().histogramBins(50).topValues(3).datetimePeriod("week").build();

    assertThat(o.toBuilder().build()).isEqualTo(o);
    assertThat(o.histogramBins()).isEqualTo(50);
    assertThatThrownBy(() -> ProfileOptions.builder().histogramBins(0).build())
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("histogramBins");
    assertThatThrownBy(() -> ProfileOptions.builder().datetimePeriod("decade").build())
        .hasMessageContaining("datetimePeriod");
    assertThatThrownBy(() -> ProfileOptions.builder().maxCategoricalCorrelationColumns(61).build())
        .hasMessageContaining("0..60");
  }

  @Test
  void alertThresholdsDefaultToYdataAndValidate() {
    AlertThresholds t = AlertThresholds.defaults();

    assertThat(t.highCardinality()).isEqualTo(50);
    assertThat(t.highCorrelation()).isEqualTo(0.9);
    assertThat(t.imbalance()).isEqualTo(0.5);
    assertThat(t.missing()).isEqualTo(0.01);
    assertThat(t.zeros()).isEqualTo(0.01);
    assertThat(t.skewness()).isEqualTo(20);
    assertThat(t.enabled(AlertType.UNIFORM)).isTrue();
    AlertThresholds off = t.toBuilder().disable(AlertType.UNIFORM).build();
    assertThat(off.enabled(AlertType.UNIFORM)).isFalse();
    assertThat(off.toBuilder().enable(AlertType.UNIFORM).build()).isEqualTo(t);
    assertThatThrownBy(() -> AlertThresholds.builder().missing(1.5).build())
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("missing must be within 0..1");
  }
}
