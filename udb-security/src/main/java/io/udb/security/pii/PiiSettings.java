package io.udb.security.pii;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The PII settings, read from keys below {@code pii.}:
 *
 * <ul>
 *   <li>{@code pii.max-value-length} (default 4096): values are cut to this many characters before
 *       detection;
 *   <li>{@code pii.pattern-budget} (default 100000): {@code charAt} calls a user pattern may make
 *       on one value;
 *   <li>{@code pii.sample-size} (default 1000): non-null values examined per column;
 *   <li>{@code pii.match-threshold} (default 0.5): share of sampled values a detector must match
 *       for the column to get its tag, in (0, 1];
 *   <li>{@code pii.patterns.<name>=<regex>}: user patterns, tagged {@code pii.custom.<name>}.
 * </ul>
 *
 * @param maxValueLength at least 64
 * @param patternBudget at least 1000
 * @param sampleSize at least 1
 * @param matchThreshold in (0, 1]
 * @param patterns user pattern name to regular expression, sorted by name
 */
public record PiiSettings(
    int maxValueLength,
    long patternBudget,
    int sampleSize,
    double matchThreshold,
    Map<String, String> patterns) {
  /** Default {@code pii.max-value-length}. */
  public static final int DEFAULT_MAX_VALUE_LENGTH = 4096;

  /** Default {@code pii.pattern-budget}. */
  public static final long DEFAULT_PATTERN_BUDGET = 100_000;

  /** Default {@code pii.sample-size}. */
  public static final int DEFAULT_SAMPLE_SIZE = 1000;

  /** Default {@code pii.match-threshold}. */
  public static final double DEFAULT_MATCH_THRESHOLD = 0.5;

  private static final String PREFIX = "pii.";
  private static final String PATTERNS = "patterns.";

  /**
   * Validates the values and compiles every pattern once.
   *
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} naming the bad key
   */
  public PiiSettings {
    require(maxValueLength >= 64, "max-value-length", "at least 64");
    require(patternBudget >= 1000, "pattern-budget", "at least 1000");
    require(sampleSize >= 1, "sample-size", "at least 1");
    require(matchThreshold > 0 && matchThreshold <= 1, "match-threshold", "a number in (0, 1]");
    Map<String, String> sorted = new TreeMap<>(patterns);
    for (Map.Entry<String, String> pattern : sorted.entrySet()) {
      String key = PREFIX + PATTERNS + pattern.getKey();
      if (!PiiTag.isValidCustomName(pattern.getKey())) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '"
                + key
                + "': a pattern name must be 1-64 characters of a-z, 0-9, '_' or '-', starting"
                + " with a letter or digit");
      }
      try {
        Pattern.compile(pattern.getValue());
      } catch (PatternSyntaxException e) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '" + key + "' is not a valid regular expression: " + e.getDescription());
      }
    }
    patterns = Collections.unmodifiableMap(sorted);
  }

  /** The defaults, without user patterns. */
  public static PiiSettings defaults() {
    return new PiiSettings(
        DEFAULT_MAX_VALUE_LENGTH,
        DEFAULT_PATTERN_BUDGET,
        DEFAULT_SAMPLE_SIZE,
        DEFAULT_MATCH_THRESHOLD,
        Map.of());
  }

  /**
   * Reads the {@code pii.*} keys.
   *
   * @param settings settings that hold the keys with their {@code pii.} prefix
   * @return the validated settings
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} naming the bad key
   */
  public static PiiSettings from(Settings settings) {
    Settings pii = settings.withPrefix(PREFIX);
    Map<String, String> patterns = new TreeMap<>();
    Settings patternSettings = pii.withPrefix(PATTERNS);
    for (String name : patternSettings.keys()) {
      patterns.put(name, patternSettings.raw(name).orElseThrow());
    }
    return new PiiSettings(
        pii.getInt("max-value-length", DEFAULT_MAX_VALUE_LENGTH),
        pii.getLong("pattern-budget", DEFAULT_PATTERN_BUDGET),
        pii.getInt("sample-size", DEFAULT_SAMPLE_SIZE),
        threshold(pii),
        patterns);
  }

  private static double threshold(Settings pii) {
    String raw = pii.raw("match-threshold").orElse(null);
    if (raw == null) {
      return DEFAULT_MATCH_THRESHOLD;
    }
    try {
      return Double.parseDouble(raw.trim());
    } catch (NumberFormatException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Setting 'pii.match-threshold' has value '" + raw + "'; expected a number in (0, 1]");
    }
  }

  private static void require(boolean ok, String key, String expected) {
    if (!ok) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Setting '" + PREFIX + key + "' must be " + expected);
    }
  }
}
