package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.kpi.KpiDefinition;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class KpiBenchmarkTest {

  @Test
  void measuresTheThreeComparisonsOnASmallTable() throws Exception {
    List<String> notes = new ArrayList<>();
    Harness harness = new Harness(new HarnessSettings(Duration.ZERO, Duration.ofMillis(1), 1));

    List<Comparison> comparisons = new KpiBenchmark(20_000).run(harness, notes::add);

    assertThat(comparisons)
        .extracting(Comparison::name)
        .containsExactly("kpi/20-vs-1", "kpi/cached-vs-first", "kpi/20-vs-duckdb");
    assertThat(notes.get(0)).contains("20,000 generated rows");
    assertThat(notes.get(1)).contains("scan index 0 for all");
  }

  @Test
  void definesTwentyDistinctMonthlyKpisOverOneTable() {
    List<KpiDefinition> kpis = KpiBenchmark.twentyKpis();

    assertThat(kpis).hasSize(20);
    assertThat(kpis).extracting(KpiDefinition::name).doesNotHaveDuplicates();
    assertThat(kpis).extracting(KpiDefinition::table).containsOnly("sales");
    assertThat(kpis).extracting(KpiDefinition::timeColumn).containsOnly("day");
  }

  @Test
  void isRegisteredUnderItsName() {
    assertThat(BenchMain.available(Path.of(""))).containsKey(KpiBenchmark.NAME);
  }
}
