package io.udb.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the project's shared real data sets: a {@code shared/data} folder in the working directory
 * or in any folder above it (the repository's checkouts sit beside {@code shared/}).
 */
final class SharedData {
  private SharedData() {}

  /**
   * The named file in the nearest {@code shared/data} folder at or above {@code start}.
   *
   * @param start where to start looking, usually the working directory
   * @param fileName the data set's file name, e.g. {@code seattle-weather.csv}
   * @return the file, or empty when no such folder holds it
   */
  static Optional<Path> find(Path start, String fileName) {
    for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve("data").resolve(fileName);
      if (Files.isRegularFile(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
