package io.udb.core.security;

import io.udb.api.config.Settings;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.event.EventSink;
import io.udb.api.secret.SecretsProvider;
import io.udb.core.event.EventFactory;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import io.udb.security.auth.JwtAuthenticator;
import io.udb.security.auth.JwtSettings;
import io.udb.security.authz.AccessPolicy;
import io.udb.security.authz.QuotaEnforcer;
import io.udb.security.authz.QuotaSettings;
import io.udb.security.authz.TableGrants;
import io.udb.security.oauth.OAuthFlow;
import io.udb.security.oauth.OAuthFlowSettings;
import io.udb.security.oauth.OAuthProviders;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import io.udb.security.pii.PiiDetectors;
import io.udb.security.pii.PiiSettings;
import io.udb.security.ratelimit.RateLimiter;
import io.udb.security.ratelimit.RateLimiters;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds the {@link UdbSecurity} of a DataBox from its {@code security.*} settings (given here with
 * that prefix removed). The library's defaults live in the security classes; the only ones set here
 * are the request rate limits a DataBox applies when none are configured.
 */
public final class SecurityAssembly {
  /** Requests per minute per tenant, principal and operation class when nothing is configured. */
  public static final int DEFAULT_REQUESTS_PER_MINUTE = 600;

  private SecurityAssembly() {}

  /**
   * Builds the controls.
   *
   * @param settings the {@code security.*} settings without their prefix
   * @param engine the engine, for stored classifications
   * @param secrets the secrets provider, for OAuth2 tokens and client secrets
   * @param events builds {@code udb.security.denied} events
   * @param sink receives them
   * @param metrics receives the counts
   * @param clock the clock
   * @return the controls
   * @throws io.udb.api.ConfigurationException when a setting is invalid
   */
  public static UdbSecurity assemble(
      Settings settings,
      AnalyticsEngine engine,
      SecretsProvider secrets,
      EventFactory events,
      EventSink sink,
      UdbMetrics metrics,
      Clock clock) {
    CoreSecurityAudit audit = new CoreSecurityAudit(events, sink, metrics);
    RateLimiter limiter = RateLimiters.create(withRateDefaults(settings), audit);
    try {
      TableGrants grants = TableGrants.from(settings, audit);
      QuotaEnforcer quotas = new QuotaEnforcer(QuotaSettings.from(settings), limiter, audit);
      PiiSettings pii = PiiSettings.from(settings);
      MaskingPolicy masking = MaskingPolicy.of(PiiDetectors.of(pii));
      ClassificationStore classifications =
          new ClassificationStore(engine, new ColumnClassifier(pii), clock);
      JwtAuthenticator authenticator =
          UdbSecurity.configured(settings, "auth.")
              ? new JwtAuthenticator(JwtSettings.from(settings.withPrefix("auth.")), audit, clock)
              : null;
      OAuthFlow oauth =
          UdbSecurity.configured(settings, "oauth.providers.")
              ? new OAuthFlow(
                  OAuthProviders.from(settings),
                  secrets,
                  OAuthFlowSettings.from(settings),
                  audit,
                  clock,
                  provider -> metrics.count(MetricNames.OAUTH_INITIATIONS, 1, "provider", provider))
              : null;
      return new UdbSecurity(
          audit,
          new AccessPolicy(grants, audit),
          quotas,
          limiter,
          masking,
          classifications,
          authenticator,
          oauth);
    } catch (RuntimeException e) {
      limiter.close();
      throw e;
    }
  }

  private static Settings withRateDefaults(Settings settings) {
    Map<String, String> merged = new HashMap<>();
    for (String key : settings.keys()) {
      merged.put(key, settings.raw(key).orElseThrow());
    }
    merged.putIfAbsent(
        "rate-limit.default.capacity", Integer.toString(DEFAULT_REQUESTS_PER_MINUTE));
    merged.putIfAbsent("rate-limit.default.refill-period", "1m");
    return Settings.of(merged);
  }
}
