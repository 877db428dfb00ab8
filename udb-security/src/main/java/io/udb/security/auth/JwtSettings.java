package io.udb.security.auth;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import io.udb.security.auth.SigningAlgorithm.Family;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * How bearer tokens are verified. Built from configuration with {@link #from(Settings)}; the
 * constructor checks everything that can be checked before the first token arrives, so a
 * misconfiguration fails start-up with {@link ErrorCode#CONFIG_INVALID} instead of refusing every
 * request later.
 *
 * <p>At least one key source is required: an HMAC secret (for {@code HS256/384/512}) or a JWKS
 * document by URL or file (for {@code RS*}, {@code PS*}, {@code ES*}). Both may be configured; each
 * algorithm then verifies only with the key family it belongs to. {@code toString()} never prints
 * the secret.
 *
 * @param hmacSecret the base64 HMAC secret, or null; at least 32 bytes once decoded
 * @param jwksUrl where to fetch the JWKS document ({@code https}, or {@code http} on a loopback
 *     host or with {@code jwksAllowHttp}), or null
 * @param jwksFile a local JWKS document, or null; not together with {@code jwksUrl}
 * @param issuer the required {@code iss}, or null to accept any
 * @param audience a value the {@code aud} claim must contain, or null to accept any
 * @param clockSkew tolerance for {@code exp}, {@code nbf} and {@code iat}; null means 30s, at most
 *     10 minutes
 * @param tenantClaim the claim holding the tenant id; null means {@code tenant}
 * @param rolesClaim the claim holding the role array; null means {@code roles}
 * @param jwksRefreshMinInterval least time between two fetches caused by unknown key ids; null
 *     means 30s, at least 1s
 * @param jwksCacheTtl how long a fetched document is used before it is fetched again; null means 10
 *     minutes
 * @param allowedAlgorithms JWS algorithm names accepted; null or empty derives them from the key
 *     sources (every HMAC algorithm the secret is long enough for, every asymmetric one with a
 *     JWKS)
 * @param maxTokenSize longest token accepted, in characters (at least 256); 0 means 16 KB
 * @param jwksMaxSize largest JWKS document read, in bytes; 0 means 512 KB
 * @param jwksTimeout connect and read timeout of a JWKS fetch; null means 5s
 * @param jwksAllowHttp allow a plain {@code http} JWKS URL on a non-loopback host
 */
public record JwtSettings(
    SecretValue hmacSecret,
    URI jwksUrl,
    Path jwksFile,
    String issuer,
    String audience,
    Duration clockSkew,
    String tenantClaim,
    String rolesClaim,
    Duration jwksRefreshMinInterval,
    Duration jwksCacheTtl,
    Set<String> allowedAlgorithms,
    int maxTokenSize,
    int jwksMaxSize,
    Duration jwksTimeout,
    boolean jwksAllowHttp) {

  /** Setting key of the base64 HMAC secret. */
  public static final String KEY_HMAC_SECRET = "hmac-secret";

  /** Setting key of the JWKS URL. */
  public static final String KEY_JWKS_URL = "jwks-url";

  /** Setting key of the JWKS file. */
  public static final String KEY_JWKS_FILE = "jwks-file";

  /** Setting key of the required issuer. */
  public static final String KEY_ISSUER = "issuer";

  /** Setting key of the required audience. */
  public static final String KEY_AUDIENCE = "audience";

  /** Setting key of the clock skew. */
  public static final String KEY_CLOCK_SKEW = "clock-skew";

  /** Setting key of the tenant claim name. */
  public static final String KEY_TENANT_CLAIM = "claims.tenant";

  /** Setting key of the roles claim name. */
  public static final String KEY_ROLES_CLAIM = "claims.roles";

  /** Setting key of the least interval between unknown-kid refreshes. */
  public static final String KEY_JWKS_REFRESH_MIN_INTERVAL = "jwks-refresh-min-interval";

  /** Setting key of the JWKS cache lifetime. */
  public static final String KEY_JWKS_CACHE_TTL = "jwks-cache-ttl";

  /** Setting key of the allowed algorithms (comma-separated). */
  public static final String KEY_ALLOWED_ALGORITHMS = "allowed-algorithms";

  /** Setting key of the largest token accepted. */
  public static final String KEY_MAX_TOKEN_SIZE = "max-token-size";

  /** Setting key of the largest JWKS document read. */
  public static final String KEY_JWKS_MAX_SIZE = "jwks-max-size";

  /** Setting key of the JWKS fetch timeout. */
  public static final String KEY_JWKS_TIMEOUT = "jwks-timeout";

  /** Setting key that allows a plain-http JWKS URL on a non-loopback host. */
  public static final String KEY_JWKS_ALLOW_HTTP = "jwks-allow-http";

  /** Default clock skew. */
  public static final Duration DEFAULT_CLOCK_SKEW = Duration.ofSeconds(30);

  /** Default tenant claim. */
  public static final String DEFAULT_TENANT_CLAIM = "tenant";

  /** Default roles claim. */
  public static final String DEFAULT_ROLES_CLAIM = "roles";

  /** Default least interval between unknown-kid refreshes. */
  public static final Duration DEFAULT_JWKS_REFRESH_MIN_INTERVAL = Duration.ofSeconds(30);

  /** Default JWKS cache lifetime. */
  public static final Duration DEFAULT_JWKS_CACHE_TTL = Duration.ofMinutes(10);

  /** Default largest token, in characters. */
  public static final int DEFAULT_MAX_TOKEN_SIZE = 16 * 1024;

  /** Default largest JWKS document, in bytes. */
  public static final int DEFAULT_JWKS_MAX_SIZE = 512 * 1024;

  /** Default JWKS fetch timeout. */
  public static final Duration DEFAULT_JWKS_TIMEOUT = Duration.ofSeconds(5);

  private static final Duration MAX_CLOCK_SKEW = Duration.ofMinutes(10);
  private static final int MIN_TOKEN_SIZE = 256;

  /** Validates the settings and fills in defaults. */
  public JwtSettings {
    clockSkew = clockSkew == null ? DEFAULT_CLOCK_SKEW : clockSkew;
    tenantClaim = blankToNull(tenantClaim) == null ? DEFAULT_TENANT_CLAIM : tenantClaim.trim();
    rolesClaim = blankToNull(rolesClaim) == null ? DEFAULT_ROLES_CLAIM : rolesClaim.trim();
    jwksRefreshMinInterval =
        jwksRefreshMinInterval == null ? DEFAULT_JWKS_REFRESH_MIN_INTERVAL : jwksRefreshMinInterval;
    jwksCacheTtl = jwksCacheTtl == null ? DEFAULT_JWKS_CACHE_TTL : jwksCacheTtl;
    maxTokenSize = maxTokenSize == 0 ? DEFAULT_MAX_TOKEN_SIZE : maxTokenSize;
    jwksMaxSize = jwksMaxSize == 0 ? DEFAULT_JWKS_MAX_SIZE : jwksMaxSize;
    jwksTimeout = jwksTimeout == null ? DEFAULT_JWKS_TIMEOUT : jwksTimeout;
    issuer = blankToNull(issuer);
    audience = blankToNull(audience);

    int secretBytes = hmacSecret == null ? 0 : decodeSecret(hmacSecret).length;
    boolean hasJwks = jwksUrl != null || jwksFile != null;
    if (hmacSecret == null && !hasJwks) {
      throw invalid(
          "JWT authentication needs a key source: set '"
              + KEY_HMAC_SECRET
              + "', '"
              + KEY_JWKS_URL
              + "' or '"
              + KEY_JWKS_FILE
              + "'");
    }
    if (jwksUrl != null && jwksFile != null) {
      throw invalid("Set either '" + KEY_JWKS_URL + "' or '" + KEY_JWKS_FILE + "', not both");
    }
    if (hmacSecret != null && secretBytes < SigningAlgorithm.HS256.minHmacBytes()) {
      throw weakKey(secretBytes, SigningAlgorithm.HS256);
    }
    if (jwksUrl != null) {
      checkJwksUrl(jwksUrl, jwksAllowHttp);
    }
    checkRange(KEY_CLOCK_SKEW, clockSkew, Duration.ZERO, MAX_CLOCK_SKEW);
    // Without a floor, tokens with made-up key ids would each cost a request to the provider.
    checkRange(KEY_JWKS_REFRESH_MIN_INTERVAL, jwksRefreshMinInterval, Duration.ofSeconds(1), null);
    checkRange(KEY_JWKS_CACHE_TTL, jwksCacheTtl, Duration.ofSeconds(1), null);
    checkRange(KEY_JWKS_TIMEOUT, jwksTimeout, Duration.ofMillis(1), null);
    if (tenantClaim.equals(rolesClaim)) {
      throw invalid(
          "'" + KEY_TENANT_CLAIM + "' and '" + KEY_ROLES_CLAIM + "' must name different claims");
    }
    if (maxTokenSize < MIN_TOKEN_SIZE) {
      throw invalid("'" + KEY_MAX_TOKEN_SIZE + "' must be at least " + MIN_TOKEN_SIZE);
    }
    if (jwksMaxSize < 0) {
      throw invalid("'" + KEY_JWKS_MAX_SIZE + "' must be positive");
    }
    allowedAlgorithms = resolveAlgorithms(allowedAlgorithms, secretBytes, hasJwks);
  }

  /**
   * Reads the settings, keys as listed on the {@code KEY_*} constants (e.g. {@code hmac-secret},
   * {@code jwks-url}, {@code claims.tenant}). Pass the narrowed settings, e.g. {@code
   * settings.withPrefix("auth.jwt.")}.
   *
   * @param settings the settings
   * @return the validated settings
   * @throws ConfigurationException ({@link ErrorCode#CONFIG_INVALID}) for a missing key source, a
   *     weak HMAC key or any malformed value
   */
  public static JwtSettings from(Settings settings) {
    String secret = blankToNull(settings.raw(KEY_HMAC_SECRET).orElse(null));
    return new JwtSettings(
        secret == null ? null : SecretValue.of(secret.trim()),
        uri(settings.raw(KEY_JWKS_URL).map(JwtSettings::blankToNull).orElse(null)),
        path(settings.raw(KEY_JWKS_FILE).map(JwtSettings::blankToNull).orElse(null)),
        settings.getString(KEY_ISSUER, null),
        settings.getString(KEY_AUDIENCE, null),
        settings.getDuration(KEY_CLOCK_SKEW, DEFAULT_CLOCK_SKEW),
        settings.getString(KEY_TENANT_CLAIM, DEFAULT_TENANT_CLAIM),
        settings.getString(KEY_ROLES_CLAIM, DEFAULT_ROLES_CLAIM),
        settings.getDuration(KEY_JWKS_REFRESH_MIN_INTERVAL, DEFAULT_JWKS_REFRESH_MIN_INTERVAL),
        settings.getDuration(KEY_JWKS_CACHE_TTL, DEFAULT_JWKS_CACHE_TTL),
        new LinkedHashSet<>(settings.getList(KEY_ALLOWED_ALGORITHMS)),
        size(settings, KEY_MAX_TOKEN_SIZE, DEFAULT_MAX_TOKEN_SIZE),
        size(settings, KEY_JWKS_MAX_SIZE, DEFAULT_JWKS_MAX_SIZE),
        settings.getDuration(KEY_JWKS_TIMEOUT, DEFAULT_JWKS_TIMEOUT),
        settings.getBoolean(KEY_JWKS_ALLOW_HTTP, false));
  }

  /** Tells whether a JWKS document (URL or file) is configured. */
  public boolean hasJwks() {
    return jwksUrl != null || jwksFile != null;
  }

  /** The decoded HMAC secret, a fresh copy; null when none is configured. */
  byte[] hmacKeyBytes() {
    return hmacSecret == null ? null : decodeSecret(hmacSecret);
  }

  /** The allowed algorithms as enum values. */
  Set<SigningAlgorithm> algorithms() {
    Set<SigningAlgorithm> out = EnumSet.noneOf(SigningAlgorithm.class);
    for (String name : allowedAlgorithms) {
      out.add(SigningAlgorithm.named(name).orElseThrow());
    }
    return out;
  }

  private static Set<String> resolveAlgorithms(
      Set<String> configured, int secretBytes, boolean hasJwks) {
    Set<SigningAlgorithm> resolved = EnumSet.noneOf(SigningAlgorithm.class);
    if (configured == null || configured.isEmpty()) {
      for (SigningAlgorithm alg : SigningAlgorithm.values()) {
        boolean hmac = alg.family() == Family.HMAC;
        if (hmac ? secretBytes >= alg.minHmacBytes() : hasJwks) {
          resolved.add(alg);
        }
      }
    } else {
      for (String name : configured) {
        if ("none".equalsIgnoreCase(name == null ? "" : name.trim())) {
          throw invalid("'" + KEY_ALLOWED_ALGORITHMS + "' may not contain 'none'");
        }
        SigningAlgorithm alg =
            SigningAlgorithm.parse(name)
                .orElseThrow(
                    () ->
                        invalid(
                            "'"
                                + KEY_ALLOWED_ALGORITHMS
                                + "' names unknown algorithm '"
                                + name
                                + "'; expected some of HS256, HS384, HS512, RS256, RS384, RS512,"
                                + " PS256, PS384, PS512, ES256, ES384, ES512"));
        if (alg.family() == Family.HMAC) {
          if (secretBytes == 0) {
            throw invalid(alg + " is allowed but '" + KEY_HMAC_SECRET + "' is not set");
          }
          if (secretBytes < alg.minHmacBytes()) {
            throw weakKey(secretBytes, alg);
          }
        } else if (!hasJwks) {
          throw invalid(
              alg
                  + " is allowed but no JWKS is configured; set '"
                  + KEY_JWKS_URL
                  + "' or '"
                  + KEY_JWKS_FILE
                  + "'");
        }
        resolved.add(alg);
      }
    }
    Set<String> names = new TreeSet<>();
    resolved.forEach(alg -> names.add(alg.name()));
    return Collections.unmodifiableSet(names);
  }

  private static byte[] decodeSecret(SecretValue secret) {
    String text = secret.reveal().trim();
    try {
      boolean urlAlphabet = text.indexOf('-') >= 0 || text.indexOf('_') >= 0;
      return (urlAlphabet ? Base64.getUrlDecoder() : Base64.getDecoder()).decode(text);
    } catch (IllegalArgumentException e) {
      // The message of the cause could quote the secret; leave it out.
      throw invalid("'" + KEY_HMAC_SECRET + "' is not valid base64");
    }
  }

  private static void checkJwksUrl(URI url, boolean allowHttp) {
    String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
    if (url.getHost() == null || !(scheme.equals("https") || scheme.equals("http"))) {
      throw invalid("'" + KEY_JWKS_URL + "' must be an absolute https URL");
    }
    if (scheme.equals("http") && !allowHttp && !isLoopback(url.getHost())) {
      throw invalid(
          "'"
              + KEY_JWKS_URL
              + "' uses plain http to a non-loopback host, so its keys could be replaced in"
              + " transit; use https or set '"
              + KEY_JWKS_ALLOW_HTTP
              + "=true'");
    }
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.equals("[::1]")
        || h.equals("::1")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static void checkRange(String key, Duration value, Duration min, Duration max) {
    if (value.compareTo(min) < 0 || max != null && value.compareTo(max) > 0) {
      throw invalid(
          "'"
              + key
              + "' is "
              + value
              + "; expected at least "
              + min
              + (max == null ? "" : " and at most " + max));
    }
  }

  private static int size(Settings settings, String key, int defaultValue) {
    long value = settings.getLong(key, defaultValue);
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw invalid("'" + key + "' must be between 0 and " + Integer.MAX_VALUE);
    }
    return (int) value;
  }

  private static URI uri(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw invalid("'" + KEY_JWKS_URL + "' is not a valid URL: " + e.getReason());
    }
  }

  private static Path path(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return Path.of(raw.trim());
    } catch (InvalidPathException e) {
      throw invalid("'" + KEY_JWKS_FILE + "' is not a valid path: " + e.getReason());
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value;
  }

  private static ConfigurationException weakKey(int bytes, SigningAlgorithm alg) {
    return invalid(
        "weak HMAC key: '"
            + KEY_HMAC_SECRET
            + "' has "
            + bytes
            + " bytes, "
            + alg
            + " needs at least "
            + alg.minHmacBytes()
            + " random bytes (RFC 7518); generate one with 'openssl rand -base64 "
            + alg.minHmacBytes()
            + "'");
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }
}
