package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BenchOptionsTest {

  @Test
  void defaultsToAllBenchmarksWithDefaultSettings() {
    BenchOptions options = BenchOptions.parse();

    assertThat(options.names()).containsExactly("all");
    assertThat(options.settings()).isEqualTo(HarnessSettings.defaults());
  }

  @Test
  void readsNamesAndOptionsInBothSpellings() {
    BenchOptions options =
        BenchOptions.parse(
            "guarded-query", "--warmup-seconds", "0.5", "--measure-seconds=2", "--rounds", "7");

    assertThat(options.names()).containsExactly("guarded-query");
    assertThat(options.settings())
        .isEqualTo(new HarnessSettings(Duration.ofMillis(500), Duration.ofSeconds(2), 7));
  }

  @Test
  void refusesUnknownOption() {
    assertThatThrownBy(() -> BenchOptions.parse("--fast"))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Unknown option --fast")
        .satisfies(
            e -> assertThat(((UdbException) e).code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void refusesZeroMeasureTimeAndZeroRounds() {
    assertThatThrownBy(() -> BenchOptions.parse("--measure-seconds", "0"))
        .hasMessageContaining("--measure-seconds must be above 0");
    assertThatThrownBy(() -> BenchOptions.parse("--rounds=0"))
        .hasMessageContaining("--rounds needs a whole number of at least 1");
  }

  @Test
  void refusesOptionWithoutValue() {
    assertThatThrownBy(() -> BenchOptions.parse("--rounds"))
        .hasMessageContaining("Option --rounds needs a value");
  }
}
