package io.udb.security.oauth;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link OAuthFlow}, read from {@code oauth.*} keys.
 *
 * @param pendingTtl how long a started authorization may take to come back ({@code
 *     oauth.pending-ttl}, default 10 minutes)
 * @param refreshSkew an access token expiring within this window is refreshed before use ({@code
 *     oauth.refresh-skew}, default 60 seconds)
 * @param httpTimeout connect and read timeout of each call to a provider ({@code
 *     oauth.http-timeout}, default 10 seconds)
 * @param maxPending the most pending authorizations kept in memory; beyond it the least recently
 *     used are dropped ({@code oauth.max-pending}, default 10,000)
 */
public record OAuthFlowSettings(
    Duration pendingTtl, Duration refreshSkew, Duration httpTimeout, int maxPending) {

  /** The default pending-authorization time to live. */
  public static final Duration DEFAULT_PENDING_TTL = Duration.ofMinutes(10);

  /** The default refresh skew. */
  public static final Duration DEFAULT_REFRESH_SKEW = Duration.ofSeconds(60);

  /** The default HTTP timeout. */
  public static final Duration DEFAULT_HTTP_TIMEOUT = Duration.ofSeconds(10);

  /** The default bound on pending authorizations. */
  public static final int DEFAULT_MAX_PENDING = 10_000;

  /** Validates the values. */
  public OAuthFlowSettings {
    Objects.requireNonNull(pendingTtl, "pendingTtl");
    Objects.requireNonNull(refreshSkew, "refreshSkew");
    Objects.requireNonNull(httpTimeout, "httpTimeout");
    if (pendingTtl.isZero() || pendingTtl.isNegative()) {
      throw invalid("oauth.pending-ttl must be positive");
    }
    if (refreshSkew.isNegative()) {
      throw invalid("oauth.refresh-skew must not be negative");
    }
    if (httpTimeout.isZero()
        || httpTimeout.isNegative()
        || httpTimeout.toMillis() > Integer.MAX_VALUE) {
      throw invalid("oauth.http-timeout must be positive and below 24 days");
    }
    if (maxPending < 1) {
      throw invalid("oauth.max-pending must be at least 1");
    }
  }

  /** The defaults. */
  public static OAuthFlowSettings defaults() {
    return new OAuthFlowSettings(
        DEFAULT_PENDING_TTL, DEFAULT_REFRESH_SKEW, DEFAULT_HTTP_TIMEOUT, DEFAULT_MAX_PENDING);
  }

  /**
   * Reads {@code oauth.pending-ttl}, {@code oauth.refresh-skew}, {@code oauth.http-timeout} and
   * {@code oauth.max-pending}; absent keys take the defaults.
   *
   * @param settings the settings (other keys are ignored)
   * @return the validated settings
   * @throws ConfigurationException ({@link ErrorCode#CONFIG_INVALID}) for a bad value
   */
  public static OAuthFlowSettings from(Settings settings) {
    return new OAuthFlowSettings(
        settings.getDuration("oauth.pending-ttl", DEFAULT_PENDING_TTL),
        settings.getDuration("oauth.refresh-skew", DEFAULT_REFRESH_SKEW),
        settings.getDuration("oauth.http-timeout", DEFAULT_HTTP_TIMEOUT),
        settings.getInt("oauth.max-pending", DEFAULT_MAX_PENDING));
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }
}
