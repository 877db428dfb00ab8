package io.udb.core.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the real data sets used by tests: vendored in {@code udb-examples} once it holds them,
 * otherwise in the {@code shared/data} folder beside the repository.
 */
final class SharedTestData {
  private SharedTestData() {}

  /**
   * The file of a data set, when present.
   *
   * @param name the file name, e.g. {@code seattle-weather.csv}
   * @return its path, or empty when neither location holds it
   */
  static Optional<Path> find(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path vendored = dir.resolve("udb-examples/src/main/resources/data").resolve(name);
      if (Files.isRegularFile(vendored)) {
        return Optional.of(vendored);
      }
      Path shared = dir.resolveSibling("shared").resolve("data");
      if (dir.getParent() != null && Files.isDirectory(shared)) {
        Path file = shared.resolve(name);
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
      }
    }
    return Optional.empty();
  }
}
