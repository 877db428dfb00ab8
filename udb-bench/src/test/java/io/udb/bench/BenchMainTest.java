package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class BenchMainTest {

  private static Benchmark named(String name) {
    return new Benchmark() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public List<Comparison> run(Harness harness, Consumer<String> notes) {
        return List.of(new Comparison(name, List.of(new Round(900, 1000))));
      }
    };
  }

  private static Map<String, Supplier<Benchmark>> twoBenchmarks() {
    Map<String, Supplier<Benchmark>> available = new LinkedHashMap<>();
    available.put("first", () -> named("first"));
    available.put("second", () -> named("second"));
    return available;
  }

  @Test
  void allSelectsEveryBenchmarkOnceInRegistrationOrder() {
    List<Benchmark> selected = BenchMain.select(List.of("second", "all"), twoBenchmarks());

    assertThat(selected).extracting(Benchmark::name).containsExactly("second", "first");
  }

  @Test
  void refusesUnknownBenchmarkNamingTheKnownOnes() {
    assertThatThrownBy(() -> BenchMain.select(List.of("nope"), twoBenchmarks()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Unknown benchmark 'nope'")
        .hasMessageContaining("[first, second]");
  }

  @Test
  void knowsTheGuardedQueryBenchmark() {
    assertThat(BenchMain.available(Path.of(""))).containsKey("guarded-query");
  }

  @Test
  void knowsTheProfileBenchmark() {
    assertThat(BenchMain.available(Path.of(""))).containsKey("profile");
  }

  @Test
  void slowOperationsKeepThreeSignificantDigits() {
    assertThat(BenchMain.rate(0.16234)).isEqualTo("0.162");
    assertThat(BenchMain.rate(12.345)).isEqualTo("12.3");
    assertThat(BenchMain.rate(1234.5)).isEqualTo("1,235");
  }

  @Test
  void reportIsAMarkdownTableWithRatioAndMachine() {
    String report =
        BenchMain.report(
            List.of(
                new Comparison("fake/op", List.of(new Round(900, 1000), new Round(1100, 1000)))),
            List.of("fake: 3 rows"),
            HarnessSettings.defaults());

    assertThat(report)
        .contains(
            "| benchmark | UDB ops/s | baseline ops/s | ratio (UDB/baseline) | ratio min-max |")
        .contains("| fake/op | 1,000 | 1,000 | 1.00x | 0.90-1.10 |")
        .contains(Runtime.getRuntime().availableProcessors() + " available processors")
        .contains("java.version " + System.getProperty("java.version"))
        .contains("5 s warm-up per side, then 5 interleaved rounds of 3 s per side")
        .contains("Data: fake: 3 rows");
  }
}
