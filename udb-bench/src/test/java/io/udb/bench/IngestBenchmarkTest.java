package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestBenchmarkTest {
  @TempDir Path temp;

  @Test
  void isRegisteredUnderItsName() {
    assertThat(BenchMain.available(Path.of(""))).containsKey(IngestBenchmark.NAME);
  }

  @Test
  void generatesTheRequestedRowsWithAHeader() throws Exception {
    Path file = IngestBenchmark.generate(temp.resolve("g.csv"), 1000);
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);

    assertThat(lines).hasSize(1001);
    assertThat(lines.get(0)).isEqualTo("id,customer,amount,day,region,flag,note");
    assertThat(lines.get(1)).startsWith("0,customer_0,0.0,2020-01-01,north,true,note ");
  }
}
