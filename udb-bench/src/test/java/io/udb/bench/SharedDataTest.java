package io.udb.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SharedDataTest {

  @Test
  void findsTheFileInASharedDataFolderAboveTheStart(@TempDir Path root) throws Exception {
    Path data = Files.createDirectories(root.resolve("shared/data"));
    Path csv = Files.writeString(data.resolve("seattle-weather.csv"), "date\n");
    Path checkout = Files.createDirectories(root.resolve("wt/bench/udb-bench"));

    assertThat(SharedData.find(checkout, "seattle-weather.csv")).contains(csv);
  }

  @Test
  void findsNothingWhenNoFolderAboveHoldsTheFile(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("shared/data"));
    Path checkout = Files.createDirectories(root.resolve("wt/bench"));

    assertThat(SharedData.find(checkout, "seattle-weather.csv")).isEmpty();
  }
}
