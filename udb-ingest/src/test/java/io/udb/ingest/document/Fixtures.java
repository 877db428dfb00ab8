package io.udb.ingest.document;

import java.nio.file.Path;

/** The document fixtures made by {@code documents/make-fixtures.sh}. */
public final class Fixtures {
  private Fixtures() {}

  /** A generated fixture by file name. */
  public static Path file(String name) {
    return Path.of("src/test/resources/documents/generated").resolve(name).toAbsolutePath();
  }

  /** The text with every run of whitespace made one space (PDF text breaks lines anywhere). */
  public static String flat(String text) {
    return text.replaceAll("\\s+", " ");
  }
}
