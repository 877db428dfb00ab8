package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileBenchmarkTest {

  @Test
  void runsEachModeAgainstSummarizeOnASmallTable() throws Exception {
    List<String> notes = new ArrayList<>();
    Harness once = new Harness(new HarnessSettings(Duration.ZERO, Duration.ofMillis(1), 1));

    List<Comparison> comparisons = new ProfileBenchmark(2_000).run(once, notes::add);

    assertThat(comparisons)
        .extracting(Comparison::name)
        .containsExactly(
            "profile/full-vs-summarize",
            "profile/approximate-vs-summarize",
            "profile/minimal-vs-summarize");
    assertThat(comparisons).allSatisfy(c -> assertThat(c.ratio()).isPositive());
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("2000 generated rows x 8 columns"));
    // describe, moments, distribution, MAD, Cramér's V, sample (the id is a key: no duplicates)
    assertThat(notes).anySatisfy(n -> assertThat(n).contains("profile/full: 6 statements"));
    assertThat(notes)
        .anySatisfy(n -> assertThat(n).contains("DuckDB threads for the profile and SUMMARIZE: 2"));
  }

  @Test
  void rowCountComesFromASystemPropertyAndIsValidated() {
    String before = System.getProperty(ProfileBenchmark.ROWS_PROPERTY);
    try {
      System.setProperty(ProfileBenchmark.ROWS_PROPERTY, "lots");
      assertThatThrownBy(ProfileBenchmark::fromSystemProperties)
          .isInstanceOf(UdbException.class)
          .hasMessageContaining(ProfileBenchmark.ROWS_PROPERTY);
      assertThatThrownBy(() -> new ProfileBenchmark(0)).isInstanceOf(UdbException.class);
    } finally {
      if (before == null) {
        System.clearProperty(ProfileBenchmark.ROWS_PROPERTY);
      } else {
        System.setProperty(ProfileBenchmark.ROWS_PROPERTY, before);
      }
    }
  }
}
