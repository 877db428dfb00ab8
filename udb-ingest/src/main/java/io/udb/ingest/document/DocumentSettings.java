package io.udb.ingest.document;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Limits and fragmenting of document ingest. A hostile document (a zip bomb, a huge file, a parser
 * that never finishes) meets one of these limits and fails its load with {@link
 * ErrorCode#INPUT_TOO_LARGE}; it never exhausts memory or hangs a job.
 *
 * @param maxInputBytes the largest document file accepted ({@code max-input-bytes}, default 100 MB)
 * @param maxCharacters the most characters of text one document may yield ({@code max-characters},
 *     default 10,000,000); more stops its parse
 * @param maxExpansion the most characters of text per byte of the file once a document has yielded
 *     a million characters ({@code max-expansion}, default 20; Tika's zip-bomb guard: real
 *     documents stay far below it, a zip bomb far above)
 * @param parseTimeout the longest one document may take to parse ({@code parse-timeout}, default 60
 *     s)
 * @param parserThreads the threads that parse documents, shared by all loads of one service or
 *     connector ({@code parser-threads}, default 2); a parse that is stopped by its timeout keeps
 *     its thread only until the parser next produces text
 * @param fragmentSize the most characters of one fragment ({@code fragment-size}, default 1000)
 * @param fragmentOverlap how many characters of whole sentences a fragment repeats from the end of
 *     the previous one ({@code fragment-overlap}, default 100; less than the size)
 */
public record DocumentSettings(
    long maxInputBytes,
    int maxCharacters,
    int maxExpansion,
    Duration parseTimeout,
    int parserThreads,
    int fragmentSize,
    int fragmentOverlap) {

  /** Validates the settings. */
  public DocumentSettings {
    Objects.requireNonNull(parseTimeout, "parseTimeout");
    if (maxInputBytes <= 0 || maxCharacters <= 0 || maxExpansion <= 0 || parserThreads <= 0) {
      throw invalid("Document limits must be positive");
    }
    if (parseTimeout.isZero() || parseTimeout.isNegative()) {
      throw invalid("Setting 'parse-timeout' must be positive");
    }
    if (fragmentSize < 50) {
      throw invalid("Setting 'fragment-size' must be at least 50 characters");
    }
    if (fragmentOverlap < 0 || fragmentOverlap >= fragmentSize) {
      throw invalid("Setting 'fragment-overlap' must be at least 0 and less than 'fragment-size'");
    }
  }

  /**
   * The defaults: 100 MB files, 10M characters, expansion 20, 60 s, 2 threads, 1000-character
   * fragments overlapping by 100.
   */
  public static DocumentSettings defaults() {
    return new DocumentSettings(100L << 20, 10_000_000, 20, Duration.ofSeconds(60), 2, 1000, 100);
  }

  /**
   * Reads the settings (those under {@code ingest.documents.} for file ingest, under {@code
   * connector.documents.} for the connector).
   *
   * @param settings the settings
   * @return the settings, defaults for absent keys
   * @throws ConfigurationException naming a malformed key
   */
  public static DocumentSettings from(Settings settings) {
    DocumentSettings d = defaults();
    return new DocumentSettings(
        settings.getLong("max-input-bytes", d.maxInputBytes()),
        settings.getInt("max-characters", d.maxCharacters()),
        settings.getInt("max-expansion", d.maxExpansion()),
        settings.getDuration("parse-timeout", d.parseTimeout()),
        settings.getInt("parser-threads", d.parserThreads()),
        settings.getInt("fragment-size", d.fragmentSize()),
        settings.getInt("fragment-overlap", d.fragmentOverlap()));
  }

  /**
   * These settings with another fragment size and overlap (e.g. a connection's own).
   *
   * @param size the most characters of one fragment
   * @param overlap the characters repeated from the previous fragment
   * @return the settings
   */
  public DocumentSettings withFragments(int size, int overlap) {
    return new DocumentSettings(
        maxInputBytes, maxCharacters, maxExpansion, parseTimeout, parserThreads, size, overlap);
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }
}
