package io.udb.security.ratelimit;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The limit of each operation class. Settings keys: {@code rate-limit.<class>.capacity} and {@code
 * rate-limit.<class>.refill-period}. The class {@value #DEFAULT_CLASS} (built-in: {@value
 * #DEFAULT_CAPACITY} per minute) applies to every class not configured, and supplies the capacity
 * or period a class leaves out. Immutable and thread-safe.
 */
public final class RateLimitSettings {

  /** The class whose limit applies to every class without its own. */
  public static final String DEFAULT_CLASS = "default";

  /** Ad-hoc SQL. */
  public static final String QUERY = "query";

  /** Uploads and loads. */
  public static final String INGEST = "ingest";

  /** Starting jobs. */
  public static final String JOB = "job";

  /** Built-in capacity of the default class. */
  public static final long DEFAULT_CAPACITY = 60;

  /** Built-in refill period of the default class. */
  public static final Duration DEFAULT_REFILL_PERIOD = Duration.ofMinutes(1);

  static final String PREFIX = "rate-limit.";

  /** Keys under {@code rate-limit.} that are not class limits. */
  static final Set<String> BACKEND_KEYS =
      Set.of("backend", "redis-url", "redis-key-prefix", "redis-timeout");

  private static final String CAPACITY = ".capacity";
  private static final String REFILL_PERIOD = ".refill-period";

  private final RateLimit defaultLimit;
  private final Map<String, RateLimit> limits;

  /**
   * Creates settings.
   *
   * @param defaultLimit the limit of every class not in {@code limits}
   * @param limits the limit per operation class
   */
  public RateLimitSettings(RateLimit defaultLimit, Map<String, RateLimit> limits) {
    this.defaultLimit = Objects.requireNonNull(defaultLimit, "defaultLimit");
    limits.keySet().forEach(RateLimitKey::requireValidClass);
    this.limits = Map.copyOf(limits);
  }

  /** The built-in limits: {@value #DEFAULT_CAPACITY} per minute for every class. */
  public static RateLimitSettings defaults() {
    return new RateLimitSettings(RateLimit.of(DEFAULT_CAPACITY, DEFAULT_REFILL_PERIOD), Map.of());
  }

  /**
   * Reads the limits from {@code rate-limit.<class>.capacity} and {@code
   * rate-limit.<class>.refill-period}.
   *
   * @param settings the settings (keys outside {@code rate-limit.} are ignored)
   * @return the limits
   * @throws ConfigurationException naming the key when a value or key is not valid
   */
  public static RateLimitSettings from(Settings settings) {
    Set<String> classes = new TreeSet<>();
    for (String key : settings.keys()) {
      if (!key.startsWith(PREFIX) || BACKEND_KEYS.contains(key.substring(PREFIX.length()))) {
        continue;
      }
      String rest = key.substring(PREFIX.length());
      String operationClass;
      if (rest.endsWith(CAPACITY)) {
        operationClass = rest.substring(0, rest.length() - CAPACITY.length());
      } else if (rest.endsWith(REFILL_PERIOD)) {
        operationClass = rest.substring(0, rest.length() - REFILL_PERIOD.length());
      } else {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Unknown setting '"
                + key
                + "'; expected rate-limit.<class>.capacity, rate-limit.<class>.refill-period or"
                + " one of rate-limit."
                + new TreeSet<>(BACKEND_KEYS));
      }
      try {
        RateLimitKey.requireValidClass(operationClass);
      } catch (UdbException e) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID, "Setting '" + key + "': " + e.getMessage());
      }
      classes.add(operationClass);
    }
    RateLimit fallback =
        readLimit(settings, DEFAULT_CLASS, RateLimit.of(DEFAULT_CAPACITY, DEFAULT_REFILL_PERIOD));
    Map<String, RateLimit> limits = new HashMap<>();
    for (String operationClass : classes) {
      if (!operationClass.equals(DEFAULT_CLASS)) {
        limits.put(operationClass, readLimit(settings, operationClass, fallback));
      }
    }
    return new RateLimitSettings(fallback, limits);
  }

  private static RateLimit readLimit(Settings settings, String operationClass, RateLimit fallback) {
    try {
      return RateLimit.of(
          settings.getLong(PREFIX + operationClass + CAPACITY, fallback.capacity()),
          settings.getDuration(PREFIX + operationClass + REFILL_PERIOD, fallback.refillPeriod()));
    } catch (ConfigurationException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Rate limit of class '" + operationClass + "' is not valid: " + e.getMessage());
    }
  }

  /**
   * The limit of an operation class.
   *
   * @param operationClass the class
   * @return its configured limit, or the default class's
   */
  public RateLimit limitFor(String operationClass) {
    return limits.getOrDefault(operationClass, defaultLimit);
  }

  /** The limit of every class without its own. */
  public RateLimit defaultLimit() {
    return defaultLimit;
  }

  /** The classes with their own limit. */
  public Map<String, RateLimit> limits() {
    return limits;
  }
}
