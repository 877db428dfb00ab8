package io.udb.api.config;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Narrow, typed configuration handed to a plugin. Keys are plain strings (e.g. {@code root}, {@code
 * max-rows}); each getter converts the raw value and throws a {@link ConfigurationException}
 * ({@link ErrorCode#CONFIG_INVALID}) naming the key when the value cannot be converted.
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface Settings {

  /** The raw value of a key, if present. */
  Optional<String> raw(String key);

  /** All keys present. */
  Set<String> keys();

  /**
   * A string value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the value
   */
  default String getString(String key, String defaultValue) {
    return raw(key).orElse(defaultValue);
  }

  /**
   * A required string value.
   *
   * @param key the key
   * @return the value
   * @throws ConfigurationException when the key is absent or blank
   */
  default String requireString(String key) {
    return raw(key)
        .filter(v -> !v.isBlank())
        .orElseThrow(
            () ->
                new ConfigurationException(
                    ErrorCode.CONFIG_INVALID, "Missing required setting '" + key + "'"));
  }

  /**
   * An integer value.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the value
   * @throws ConfigurationException when the value is not an integer
   */
  default int getInt(String key, int defaultValue) {
    return raw(key)
        .map(v -> parseLong(key, v, Integer.MIN_VALUE, Integer.MAX_VALUE))
        .map(Long::intValue)
        .orElse(defaultValue);
  }

  /**
   * A long value; accepts size suffixes {@code KB}, {@code MB}, {@code GB} (powers of 1024).
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the value
   * @throws ConfigurationException when the value is not a number
   */
  default long getLong(String key, long defaultValue) {
    return raw(key)
        .map(v -> parseLong(key, v, Long.MIN_VALUE, Long.MAX_VALUE))
        .orElse(defaultValue);
  }

  /**
   * A boolean value ({@code true} or {@code false}, ignoring case).
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the value
   * @throws ConfigurationException for any other text
   */
  default boolean getBoolean(String key, boolean defaultValue) {
    return raw(key)
        .map(
            v -> {
              String t = v.trim().toLowerCase(Locale.ROOT);
              if (t.equals("true") || t.equals("false")) {
                return Boolean.parseBoolean(t);
              }
              throw invalid(key, v, "true or false");
            })
        .orElse(defaultValue);
  }

  /**
   * A duration: {@code 500ms}, {@code 30s}, {@code 5m}, {@code 2h}, {@code 7d}, or ISO-8601 ({@code
   * PT30S}). A bare number means milliseconds.
   *
   * @param key the key
   * @param defaultValue returned when the key is absent
   * @return the value
   * @throws ConfigurationException when the value is not a duration or is negative
   */
  default Duration getDuration(String key, Duration defaultValue) {
    return raw(key).map(v -> parseDuration(key, v)).orElse(defaultValue);
  }

  /**
   * A comma-separated list; blanks are dropped, items trimmed.
   *
   * @param key the key
   * @return the items, empty when the key is absent
   */
  default List<String> getList(String key) {
    return raw(key)
        .map(
            v -> {
              List<String> out = new ArrayList<>();
              for (String item : v.split(",")) {
                if (!item.isBlank()) {
                  out.add(item.trim());
                }
              }
              return List.copyOf(out);
            })
        .orElse(List.of());
  }

  /**
   * The settings below a prefix, with the prefix removed: {@code withPrefix("store.")} turns {@code
   * store.root} into {@code root}.
   *
   * @param prefix the prefix, usually ending in a dot
   * @return the narrowed settings
   */
  default Settings withPrefix(String prefix) {
    Map<String, String> narrowed = new TreeMap<>();
    for (String key : keys()) {
      if (key.startsWith(prefix)) {
        narrowed.put(key.substring(prefix.length()), raw(key).orElseThrow());
      }
    }
    return of(narrowed);
  }

  /** Settings with no keys. */
  static Settings empty() {
    return of(Map.of());
  }

  /**
   * Settings backed by a copy of a map.
   *
   * @param values the keys and raw values
   * @return immutable settings
   */
  static Settings of(Map<String, String> values) {
    return new MapSettings(values);
  }

  private static long parseLong(String key, String raw, long min, long max) {
    String t = raw.trim().toUpperCase(Locale.ROOT).replace("_", "");
    long factor = 1;
    for (String[] unit : new String[][] {{"KB", "1024"}, {"MB", "1048576"}, {"GB", "1073741824"}}) {
      if (t.endsWith(unit[0])) {
        factor = Long.parseLong(unit[1]);
        t = t.substring(0, t.length() - 2).trim();
        break;
      }
    }
    try {
      long value = Math.multiplyExact(Long.parseLong(t), factor);
      if (value < min || value > max) {
        throw invalid(key, raw, "a number between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException | ArithmeticException e) {
      throw invalid(key, raw, "a whole number, optionally with KB, MB or GB");
    }
  }

  private static Duration parseDuration(String key, String raw) {
    String t = raw.trim().toLowerCase(Locale.ROOT);
    Duration result;
    try {
      if (t.startsWith("p") || t.startsWith("-p")) {
        result = Duration.parse(t.toUpperCase(Locale.ROOT));
      } else {
        int split = 0;
        while (split < t.length()
            && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '-')) {
          split++;
        }
        long amount = Long.parseLong(t.substring(0, split));
        String unit = t.substring(split).trim();
        result =
            switch (unit) {
              case "", "ms" -> Duration.ofMillis(amount);
              case "s" -> Duration.ofSeconds(amount);
              case "m" -> Duration.ofMinutes(amount);
              case "h" -> Duration.ofHours(amount);
              case "d" -> Duration.ofDays(amount);
              default -> throw invalid(key, raw, "a duration such as 500ms, 30s, 5m, 2h, 7d");
            };
      }
    } catch (NumberFormatException | DateTimeParseException e) {
      throw invalid(key, raw, "a duration such as 500ms, 30s, 5m, 2h, 7d or PT30S");
    }
    if (result.isNegative()) {
      throw invalid(key, raw, "a duration that is not negative");
    }
    return result;
  }

  private static ConfigurationException invalid(String key, String raw, String expected) {
    return new ConfigurationException(
        ErrorCode.CONFIG_INVALID,
        "Setting '" + key + "' has value '" + raw + "'; expected " + expected);
  }

  /** Immutable map-backed settings. */
  final class MapSettings implements Settings {
    private final Map<String, String> values;

    private MapSettings(Map<String, String> values) {
      this.values = Map.copyOf(values);
    }

    @Override
    public Optional<String> raw(String key) {
      return Optional.ofNullable(values.get(key));
    }

    @Override
    public Set<String> keys() {
      return values.keySet();
    }

    @Override
    public String toString() {
      // Values may hold secrets; print only the keys.
      return "Settings" + Arrays.toString(new TreeMap<>(values).keySet().toArray());
    }
  }
}
