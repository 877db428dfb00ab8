package io.udb.security.ratelimit;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.security.audit.SecurityAudit;
import java.util.Locale;

/**
 * Chooses the rate-limit backend from settings: {@code rate-limit.backend=memory} (default) or
 * {@code redis} (with {@code rate-limit.redis-url}, optional {@code rate-limit.redis-key-prefix}
 * and {@code rate-limit.redis-timeout}). Limits come from {@link RateLimitSettings#from(Settings)}.
 */
public final class RateLimiters {

  /** The backend setting. */
  public static final String BACKEND_KEY = RateLimitSettings.PREFIX + "backend";

  private RateLimiters() {}

  /**
   * Creates the configured limiter, auditing nothing.
   *
   * @param settings the settings
   * @return the limiter; the caller closes it
   */
  public static RateLimiter create(Settings settings) {
    return create(settings, SecurityAudit.none());
  }

  /**
   * Creates the configured limiter.
   *
   * @param settings the settings
   * @param audit receives every refusal
   * @return the limiter; the caller closes it
   * @throws ConfigurationException naming the key when a setting is not valid or the Redis
   *     dependencies are missing
   */
  public static RateLimiter create(Settings settings, SecurityAudit audit) {
    RateLimitSettings limits = RateLimitSettings.from(settings);
    String backend = settings.getString(BACKEND_KEY, "memory").trim().toLowerCase(Locale.ROOT);
    return switch (backend) {
      case "memory" -> new InMemoryRateLimiter(limits, audit);
      case "redis" -> RedisRateLimiterFactory.create(settings, limits, audit);
      default ->
          throw new ConfigurationException(
              ErrorCode.CONFIG_INVALID,
              "Setting '"
                  + BACKEND_KEY
                  + "' has value '"
                  + backend
                  + "'; expected memory or redis");
    };
  }
}
