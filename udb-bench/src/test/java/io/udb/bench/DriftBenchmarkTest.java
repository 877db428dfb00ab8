package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DriftBenchmarkTest {

  @Test
  void measuresAllColumnsWithoutIncomeAndAgainstABaseline() throws Exception {
    Harness quick = new Harness(new HarnessSettings(Duration.ZERO, Duration.ofMillis(1), 1));
    List<String> notes = new ArrayList<>();

    List<Comparison> comparisons = new DriftBenchmark(3000).run(quick, notes::add);

    assertThat(comparisons)
        .extracting(Comparison::name)
        .containsExactly(
            "drift/all-columns",
            "drift/all-columns-approximate",
            "drift/without-income",
            "drift/against-baseline");
    assertThat(comparisons).allSatisfy(c -> assertThat(c.candidateMedian()).isPositive());
    // income is shifted by design, and the defaults for 3000 reference rows are these tests
    assertThat(notes)
        .singleElement()
        .asString()
        .contains("income wasserstein drift", "rating jensenshannon", "country jensenshannon");
  }

  @Test
  void isRegisteredUnderItsName() {
    assertThat(BenchMain.available(Path.of(""))).containsKey("drift");
    assertThat(BenchMain.available(Path.of("")).get("drift").get().name()).isEqualTo("drift");
  }
}
