package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HarnessTest {

  /** A clock that only moves when an operation says it took time: fully deterministic. */
  private static final class FakeClock {
    private long nanos;

    long read() {
      return nanos;
    }

    void advance(long by) {
      nanos += by;
    }
  }

  private static Harness harness(FakeClock clock, Duration warmup, Duration slice, int rounds) {
    return new Harness(new HarnessSettings(warmup, slice, rounds), clock::read);
  }

  @Test
  void measuresOperationsPerSecondOfEachSideFromTheClock() throws Exception {
    FakeClock clock = new FakeClock();
    Comparison result =
        harness(clock, Duration.ZERO, Duration.ofSeconds(1), 3)
            .compare("fake", () -> clock.advance(2_000_000), () -> clock.advance(1_000_000));

    assertThat(result.rounds()).hasSize(3);
    assertThat(result.candidateMedian()).isEqualTo(500.0);
    assertThat(result.baselineMedian()).isEqualTo(1000.0);
    assertThat(result.ratio()).isEqualTo(0.5);
    assertThat(result.minRatio()).isEqualTo(0.5);
    assertThat(result.maxRatio()).isEqualTo(0.5);
  }

  @Test
  void countsAnOperationOverrunningTheSliceAgainstTheTimeItReallyTook() throws Exception {
    FakeClock clock = new FakeClock();
    // 3 ops of 400 ms overrun a 1 s slice: 3 ops in 1.2 s, not 3 ops per second.
    Comparison result =
        harness(clock, Duration.ZERO, Duration.ofSeconds(1), 1)
            .compare("fake", () -> clock.advance(400_000_000), () -> clock.advance(250_000_000));

    assertThat(result.candidateMedian()).isCloseTo(2.5, within(1e-9));
    assertThat(result.baselineMedian()).isCloseTo(4.0, within(1e-9));
  }

  @Test
  void warmsUpBothSidesThenAlternatesCandidateAndBaseline() throws Exception {
    FakeClock clock = new FakeClock();
    List<String> slices = new ArrayList<>();
    Comparison result =
        harness(clock, Duration.ofMillis(10), Duration.ofMillis(5), 3)
            .compare(
                "fake",
                () -> {
                  record(slices, "A");
                  clock.advance(1_000_000);
                },
                () -> {
                  record(slices, "B");
                  clock.advance(1_000_000);
                });

    // warm-up A, warm-up B, then three rounds of A, B
    assertThat(slices).containsExactly("A", "B", "A", "B", "A", "B", "A", "B");
    assertThat(result.rounds()).hasSize(3);
  }

  @Test
  void warmUpIsNotCountedInTheRounds() throws Exception {
    FakeClock clock = new FakeClock();
    int[] calls = {0};
    // The candidate is slow (10 ms) for its first 100 calls, the warm-up, then fast (1 ms).
    Comparison result =
        harness(clock, Duration.ofSeconds(1), Duration.ofSeconds(1), 2)
            .compare(
                "fake",
                () -> clock.advance(calls[0]++ < 100 ? 10_000_000 : 1_000_000),
                () -> clock.advance(1_000_000));

    assertThat(result.candidateMedian()).isEqualTo(1000.0);
    assertThat(result.ratio()).isEqualTo(1.0);
  }

  @Test
  void medianAndRatioRangeComeFromThePerRoundRates() {
    Comparison result =
        new Comparison(
            "fake",
            List.of(
                new Round(100, 200), // 0.5
                new Round(300, 100), // 3.0
                new Round(150, 100), // 1.5
                new Round(90, 100), // 0.9
                new Round(1000, 250))); // 4.0

    assertThat(result.candidateMedian()).isEqualTo(150.0);
    assertThat(result.baselineMedian()).isEqualTo(100.0);
    assertThat(result.ratio()).isEqualTo(1.5);
    assertThat(result.minRatio()).isEqualTo(0.5);
    assertThat(result.maxRatio()).isEqualTo(4.0);
  }

  @Test
  void ratioIsTheRatioOfMediansNotTheMedianOfRatios() {
    Comparison skewed =
        new Comparison(
            "fake",
            List.of(
                new Round(100, 100),
                new Round(200, 100),
                new Round(300, 1000),
                new Round(400, 10)));
    // medians (200+300)/2 = 250 and (100+100)/2 = 100; the per-round ratios 1, 2, 0.3 and 40
    // have the median 1.5
    assertThat(skewed.candidateMedian()).isEqualTo(250.0);
    assertThat(skewed.baselineMedian()).isEqualTo(100.0);
    assertThat(skewed.ratio()).isEqualTo(2.5);
  }

  @Test
  void medianOfEvenCountIsTheMeanOfTheTwoMiddleValues() {
    assertThat(Comparison.median(new double[] {4, 1, 3, 2})).isEqualTo(2.5);
    assertThat(Comparison.median(new double[] {7})).isEqualTo(7.0);
    assertThat(Comparison.median(new double[] {5, 1, 9})).isEqualTo(5.0);
  }

  @Test
  void refusesAComparisonWithoutRounds() {
    assertThatThrownBy(() -> new Comparison("fake", List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least one round");
  }

  @Test
  void refusesANonPositiveRate() {
    assertThatThrownBy(() -> new Round(0, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("candidateOpsPerSecond");
  }

  @Test
  void propagatesAFailingOperation() {
    FakeClock clock = new FakeClock();
    Harness harness = harness(clock, Duration.ZERO, Duration.ofSeconds(1), 1);

    assertThatThrownBy(
            () ->
                harness.compare(
                    "fake",
                    () -> clock.advance(1),
                    () -> {
                      throw new IllegalStateException("baseline broke");
                    }))
        .hasMessage("baseline broke");
  }

  private static void record(List<String> slices, String side) {
    if (slices.isEmpty() || !slices.get(slices.size() - 1).equals(side)) {
      slices.add(side);
    }
  }
}
