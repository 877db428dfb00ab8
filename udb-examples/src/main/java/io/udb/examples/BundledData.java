package io.udb.examples;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The real data sets shipped inside this module's jar (see {@code data/ATTRIBUTION.md}), copied to
 * a temporary file because UDB loads files through DuckDB's own reader.
 */
final class BundledData {
  /** The Seattle weather data set: NOAA NCDC, public domain, 1,461 days of 2012-2015. */
  static final String SEATTLE_WEATHER = "seattle-weather.csv";

  private BundledData() {}

  /**
   * Copies a bundled data set to a new temporary file; the caller deletes it.
   *
   * @param name the file name below {@code data/}
   * @return the temporary copy
   * @throws IOException when the data set is missing from the jar or cannot be copied
   */
  static Path extract(String name) throws IOException {
    Path target = Files.createTempFile("udb-" + name.replace(".csv", "") + "-", ".csv");
    try (InputStream in = BundledData.class.getResourceAsStream("/data/" + name)) {
      if (in == null) {
        Files.deleteIfExists(target);
        throw new IOException("The bundled data set data/" + name + " is missing");
      }
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
    }
    return target;
  }
}
