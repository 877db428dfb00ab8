package io.udb.core.security;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.security.audit.SecurityAudit;
import io.udb.security.auth.JwtAuthenticator;
import io.udb.security.authz.AccessPolicy;
import io.udb.security.authz.QuotaEnforcer;
import io.udb.security.oauth.OAuthFlow;
import io.udb.security.pii.MaskingPolicy;
import io.udb.security.ratelimit.RateLimiter;
import java.util.Objects;
import java.util.Optional;

/**
 * The security controls one DataBox enforces, built from the {@code security.*} settings:
 * authorization with table grants, quotas, rate limits, PII masking with stored classifications,
 * and, when configured, JWT authentication and OAuth2 connector flows. Every control reports its
 * denials to the same {@link SecurityAudit}.
 */
public final class UdbSecurity implements AutoCloseable {
  private final SecurityAudit audit;
  private final AccessPolicy access;
  private final QuotaEnforcer quotas;
  private final RateLimiter rateLimiter;
  private final MaskingPolicy masking;
  private final ClassificationStore classifications;
  private final JwtAuthenticator authenticator;
  private final OAuthFlow oauth;

  /**
   * Assembles the controls.
   *
   * @param audit where denials go
   * @param access the permission table and table grants
   * @param quotas tenant quotas
   * @param rateLimiter request rate limits
   * @param masking PII masking
   * @param classifications stored column classifications
   * @param authenticator JWT verification, or {@code null} when not configured
   * @param oauth OAuth2 flows, or {@code null} when no provider is configured
   */
  public UdbSecurity(
      SecurityAudit audit,
      AccessPolicy access,
      QuotaEnforcer quotas,
      RateLimiter rateLimiter,
      MaskingPolicy masking,
      ClassificationStore classifications,
      JwtAuthenticator authenticator,
      OAuthFlow oauth) {
    this.audit = Objects.requireNonNull(audit, "audit");
    this.access = Objects.requireNonNull(access, "access");
    this.quotas = Objects.requireNonNull(quotas, "quotas");
    this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
    this.masking = Objects.requireNonNull(masking, "masking");
    this.classifications = Objects.requireNonNull(classifications, "classifications");
    this.authenticator = authenticator;
    this.oauth = oauth;
  }

  /** Where denials are reported. */
  public SecurityAudit audit() {
    return audit;
  }

  /** The permission table and table grants. */
  public AccessPolicy access() {
    return access;
  }

  /** Tenant quotas. */
  public QuotaEnforcer quotas() {
    return quotas;
  }

  /** Request rate limits. */
  public RateLimiter rateLimiter() {
    return rateLimiter;
  }

  /** PII masking. */
  public MaskingPolicy masking() {
    return masking;
  }

  /** Stored column classifications. */
  public ClassificationStore classifications() {
    return classifications;
  }

  /** JWT verification, when {@code security.auth.*} is configured. */
  public Optional<JwtAuthenticator> authenticator() {
    return Optional.ofNullable(authenticator);
  }

  /** OAuth2 flows for connectors, when {@code security.oauth.providers.*} is configured. */
  public Optional<OAuthFlow> oauth() {
    return Optional.ofNullable(oauth);
  }

  /**
   * Whether any key of a settings group is present.
   *
   * @param settings the settings
   * @param prefix the group's prefix
   * @return true when configured
   */
  static boolean configured(Settings settings, String prefix) {
    return settings.keys().stream().anyMatch(k -> k.startsWith(prefix));
  }

  /** The authenticator, or a typed error when authentication is not configured. */
  public JwtAuthenticator requireAuthenticator() {
    return authenticator()
        .orElseThrow(
            () ->
                new UdbException(
                    ErrorCode.CONFIG_INVALID,
                    "JWT authentication is not configured; set security.auth.hmac-secret,"
                        + " security.auth.jwks-url or security.auth.jwks-file"));
  }

  @Override
  public void close() {
    rateLimiter.close();
  }
}
