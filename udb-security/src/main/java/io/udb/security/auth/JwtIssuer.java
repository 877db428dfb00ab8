package io.udb.security.auth;

import io.jsonwebtoken.JwtBuilder;
import io.jsonwebtoken.Jwts;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * Mints {@code HS256} tokens that a {@link JwtAuthenticator} with the same settings accepts: for
 * tests, demos and hosts that issue their own tokens. Uses the configured claim names, issuer and
 * audience, and sets {@code iat}, {@code exp} and a random {@code jti}. Thread-safe.
 */
public final class JwtIssuer {
  private static final Duration MAX_TTL = Duration.ofDays(1);

  private final JwtSettings settings;
  private final SecretKey key;
  private final Clock clock;
  private final JacksonJwtSerializer json = new JacksonJwtSerializer();

  /**
   * Creates an issuer on the system clock.
   *
   * @param settings settings with an {@code hmac-secret}
   * @throws ConfigurationException when no HMAC secret is configured
   */
  public JwtIssuer(JwtSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * Creates an issuer.
   *
   * @param settings settings with an {@code hmac-secret}
   * @param clock the clock that sets {@code iat} and {@code exp}
   * @throws ConfigurationException when no HMAC secret is configured
   */
  public JwtIssuer(JwtSettings settings, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    byte[] secret = settings.hmacKeyBytes();
    if (secret == null) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Issuing tokens needs '" + JwtSettings.KEY_HMAC_SECRET + "'; it signs with HS256");
    }
    this.key = new SecretKeySpec(secret, SigningAlgorithm.HS256.jcaHmacName());
    Arrays.fill(secret, (byte) 0);
  }

  /**
   * Mints a token for a principal.
   *
   * @param principal whose subject, tenant and roles the token carries
   * @param ttl how long the token is valid: more than zero, at most one day
   * @return the compact signed token
   * @throws IllegalArgumentException when the TTL is out of range
   */
  public String issue(Principal principal, Duration ttl) {
    Objects.requireNonNull(principal, "principal");
    Objects.requireNonNull(ttl, "ttl");
    if (ttl.isNegative() || ttl.isZero() || ttl.compareTo(MAX_TTL) > 0) {
      throw new IllegalArgumentException("Token TTL must be more than zero and at most " + MAX_TTL);
    }
    Instant now = clock.instant();
    List<String> roles = principal.roles().stream().sorted().map(Role::externalName).toList();
    JwtBuilder builder =
        Jwts.builder()
            .json(json)
            .subject(principal.subject())
            .issuedAt(Date.from(now))
            .expiration(Date.from(now.plus(ttl)))
            .id(UUID.randomUUID().toString())
            .claim(settings.tenantClaim(), principal.tenant().value())
            .claim(settings.rolesClaim(), roles);
    if (settings.issuer() != null) {
      builder = builder.issuer(settings.issuer());
    }
    if (settings.audience() != null) {
      builder = builder.audience().add(settings.audience()).and();
    }
    return builder.signWith(key, Jwts.SIG.HS256).compact();
  }
}
