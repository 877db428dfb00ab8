package io.udb.security.auth;

import static io.udb.security.auth.AuthenticationException.ALGORITHM_NOT_ALLOWED;
import static io.udb.security.auth.AuthenticationException.BAD_CLAIM;
import static io.udb.security.auth.AuthenticationException.BAD_SIGNATURE;
import static io.udb.security.auth.AuthenticationException.EXPIRED;
import static io.udb.security.auth.AuthenticationException.MALFORMED;
import static io.udb.security.auth.AuthenticationException.MISSING_CLAIM;
import static io.udb.security.auth.AuthenticationException.MISSING_TOKEN;
import static io.udb.security.auth.AuthenticationException.NOT_YET_VALID;
import static io.udb.security.auth.AuthenticationException.UNKNOWN_KID;
import static io.udb.security.auth.AuthenticationException.UNSIGNED;
import static io.udb.security.auth.AuthenticationException.WRONG_AUDIENCE;
import static io.udb.security.auth.AuthenticationException.WRONG_ISSUER;

import io.jsonwebtoken.Claims;
import io.jsonwebtoken.ExpiredJwtException;
import io.jsonwebtoken.JwsHeader;
import io.jsonwebtoken.JwtException;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.LocatorAdapter;
import io.jsonwebtoken.PrematureJwtException;
import io.jsonwebtoken.security.KeyException;
import io.jsonwebtoken.security.PublicJwk;
import io.jsonwebtoken.security.SecureDigestAlgorithm;
import io.jsonwebtoken.security.SignatureException;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import io.udb.security.auth.SigningAlgorithm.Family;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.Key;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.Collections;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies JWT bearer tokens and turns them into a {@link Principal}.
 *
 * <p>A token is accepted only when all of this holds:
 *
 * <ul>
 *   <li>it is a compact JWS of at most {@link JwtSettings#maxTokenSize()} characters, with an
 *       {@code alg} from {@link JwtSettings#allowedAlgorithms()} ({@code none} never) and a
 *       non-empty signature;
 *   <li>the signature verifies: {@code HS*} with the configured secret only, {@code RS*}/{@code
 *       PS*}/{@code ES*} with the JWKS key named by {@code kid}, of the matching type and curve
 *       (and {@code alg}, when the JWK names one) — keys named inside the token ({@code jwk},
 *       {@code jku}, {@code x5u}) are never used;
 *   <li>{@code exp} is present and not passed, {@code nbf} and {@code iat} are not in the future
 *       (all with {@link JwtSettings#clockSkew()});
 *   <li>{@code iss} and {@code aud} match when configured;
 *   <li>{@code sub} is a non-blank string, the tenant claim a valid {@link TenantId}, the roles
 *       claim a non-empty array of {@code viewer}, {@code analyst}, {@code admin}.
 * </ul>
 *
 * <p>Every refusal throws {@link AuthenticationException} with a stable {@link
 * AuthenticationException#reason() reason}, is reported to the {@link SecurityAudit} and counted in
 * {@link #rejections()}. If the JWKS document cannot be loaded at all, the refusal is a {@link
 * UdbException} with {@link ErrorCode#UNAVAILABLE} (reason {@code keys_unavailable}): the token may
 * be fine, the server cannot tell. Instances are immutable apart from the counters and are
 * thread-safe.
 */
public final class JwtAuthenticator {
  /** Reason reported when no JWKS document could be loaded. */
  public static final String KEYS_UNAVAILABLE = "keys_unavailable";

  private static final Logger LOG = LoggerFactory.getLogger(JwtAuthenticator.class);
  private static final String CONTROL = "authentication";
  private static final String OPERATION = "authenticate";
  private static final int MAX_SUBJECT_LENGTH = 256;
  private static final String BEARER = "bearer ";

  private final JwtSettings settings;
  private final JwksKeySource jwks;
  private final SecurityAudit audit;
  private final Clock clock;
  private final Set<SigningAlgorithm> allowed;
  private final Map<SigningAlgorithm, Key> hmacKeys;
  private final JacksonJwtDeserializer json = new JacksonJwtDeserializer();
  private final JwtParser parser;
  private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

  /**
   * Creates an authenticator that reports to no audit, on the system clock.
   *
   * @param settings the verification settings
   */
  public JwtAuthenticator(JwtSettings settings) {
    this(settings, SecurityAudit.none());
  }

  /**
   * Creates an authenticator on the system clock, loading a JWKS when the settings name one.
   *
   * @param settings the verification settings
   * @param audit receives every refusal
   */
  public JwtAuthenticator(JwtSettings settings, SecurityAudit audit) {
    this(settings, audit, Clock.systemUTC());
  }

  /**
   * Creates an authenticator, loading a JWKS when the settings name one.
   *
   * @param settings the verification settings
   * @param audit receives every refusal
   * @param clock decides token validity and JWKS cache age
   */
  public JwtAuthenticator(JwtSettings settings, SecurityAudit audit, Clock clock) {
    this(settings, settings.hasJwks() ? new JwksKeySource(settings, clock) : null, audit, clock);
  }

  /**
   * Creates an authenticator with a given JWKS source (e.g. one shared with other components).
   *
   * @param settings the verification settings
   * @param jwks the key source for asymmetric algorithms; null when the settings name no JWKS
   * @param audit receives every refusal
   * @param clock decides token validity
   */
  public JwtAuthenticator(
      JwtSettings settings, JwksKeySource jwks, SecurityAudit audit, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    if (settings.hasJwks() != (jwks != null)) {
      throw new IllegalArgumentException(
          "A JWKS key source must be given exactly when the settings name a JWKS");
    }
    this.jwks = jwks;
    this.allowed = settings.algorithms();
    this.hmacKeys = hmacKeys(settings, allowed);
    Collection<SecureDigestAlgorithm<?, ?>> jjwtAlgorithms = new ArrayList<>();
    for (SigningAlgorithm alg : allowed) {
      jjwtAlgorithms.add(Jwts.SIG.get().forKey(alg.name()));
    }
    this.parser =
        Jwts.parser()
            .json(json)
            .keyLocator(new KeyLocator())
            .clock(() -> Date.from(clock.instant()))
            .clockSkewSeconds(settings.clockSkew().toSeconds())
            // Only the allowed signature algorithms; no encryption, no compression: the parser
            // accepts nothing beyond signed, uncompressed JWS.
            .sig()
            .clear()
            .add(jjwtAlgorithms)
            .and()
            .enc()
            .clear()
            .and()
            .key()
            .clear()
            .and()
            .zip()
            .clear()
            .and()
            .build();
  }

  /**
   * Verifies a bearer token.
   *
   * @param bearerToken the compact JWT, optionally prefixed with {@code Bearer }
   * @return the principal the token names
   * @throws AuthenticationException when the token is refused; {@link
   *     AuthenticationException#reason()} says why
   * @throws UdbException with {@link ErrorCode#UNAVAILABLE} when the JWKS cannot be loaded
   */
  public Principal authenticate(String bearerToken) {
    try {
      return verify(bearerToken);
    } catch (AuthenticationException e) {
      refused(e.reason(), ErrorCode.UNAUTHENTICATED, e);
      throw e;
    } catch (UdbException e) {
      if (e.code() == ErrorCode.UNAVAILABLE) {
        refused(KEYS_UNAVAILABLE, ErrorCode.UNAVAILABLE, e);
      }
      throw e;
    }
  }

  /**
   * Counts of refused tokens by reason since this authenticator was created.
   *
   * @return an immutable snapshot, sorted by reason
   */
  public Map<String, Long> rejections() {
    Map<String, Long> snapshot = new TreeMap<>();
    rejections.forEach((reason, count) -> snapshot.put(reason, count.sum()));
    return Collections.unmodifiableMap(snapshot);
  }

  private void refused(String reason, ErrorCode code, Exception e) {
    rejections.computeIfAbsent(reason, r -> new LongAdder()).increment();
    LOG.debug("Bearer token refused: {} ({})", reason, e.getMessage());
    audit.denied(new Denial(CONTROL, reason, code, null, null, OPERATION));
  }

  private Principal verify(String bearerToken) {
    String token = stripScheme(bearerToken);
    if (token.isEmpty()) {
      throw new AuthenticationException(MISSING_TOKEN, "No bearer token was given");
    }
    checkShape(token);
    Claims claims;
    try {
      claims = parser.parseSignedClaims(token).getPayload();
    } catch (AuthenticationException e) {
      throw e;
    } catch (ExpiredJwtException e) {
      throw new AuthenticationException(EXPIRED, "The token has expired; obtain a new one", e);
    } catch (PrematureJwtException e) {
      throw new AuthenticationException(
          NOT_YET_VALID, "The token is not valid yet ('nbf' lies in the future)", e);
    } catch (SignatureException e) {
      throw new AuthenticationException(BAD_SIGNATURE, "The token signature does not verify", e);
    } catch (KeyException e) {
      throw new AuthenticationException(
          ALGORITHM_NOT_ALLOWED, "The token's key is not acceptable for its algorithm", e);
    } catch (JwtException | IllegalArgumentException | ClassCastException e) {
      throw new AuthenticationException(MALFORMED, "The token is not a well-formed signed JWT", e);
    }
    return principal(claims);
  }

  private static String stripScheme(String raw) {
    if (raw == null) {
      return "";
    }
    String token = raw.strip();
    if (token.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return token.substring(BEARER.length()).strip();
    }
    return token.equalsIgnoreCase(BEARER.strip()) ? "" : token;
  }

  /**
   * Checks what jjwt would otherwise report with less precise exceptions: size, the three-part
   * shape, and the header's {@code alg} (unsigned, or not allowed) before any key is looked up.
   */
  private void checkShape(String token) {
    if (token.length() > settings.maxTokenSize()) {
      throw malformed("The token is larger than " + settings.maxTokenSize() + " characters");
    }
    int dots = 0;
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c == '.') {
        dots++;
      } else if (!isBase64Url(c)) {
        throw malformed("The token contains characters that are not base64url");
      }
    }
    if (dots != 2) {
      throw malformed("The token is not a compact JWS of three parts");
    }
    String[] parts = token.split("\\.", -1);
    Map<String, ?> header;
    try {
      header =
          json.deserialize(
              new StringReader(
                  new String(Base64.getUrlDecoder().decode(parts[0]), StandardCharsets.UTF_8)));
    } catch (RuntimeException e) {
      throw new AuthenticationException(MALFORMED, "The token header is not a JSON object", e);
    }
    Object alg = header.get("alg");
    if (!(alg instanceof String name) || name.isBlank()) {
      throw malformed("The token header has no 'alg'");
    }
    if (name.trim().toLowerCase(Locale.ROOT).equals("none")) {
      throw new AuthenticationException(UNSIGNED, "Unsigned tokens ('alg: none') are refused");
    }
    if (parts[2].isEmpty()) {
      throw new AuthenticationException(UNSIGNED, "The token has no signature");
    }
    if (SigningAlgorithm.named(name).filter(allowed::contains).isEmpty()) {
      throw new AuthenticationException(
          ALGORITHM_NOT_ALLOWED,
          "Token algorithm is not allowed; allowed: "
              + String.join(", ", settings.allowedAlgorithms()));
    }
  }

  private Principal principal(Claims claims) {
    Instant now = clock.instant();
    if (claims.getExpiration() == null) {
      throw missing("exp");
    }
    Date issuedAt = claims.getIssuedAt();
    if (issuedAt != null && issuedAt.toInstant().isAfter(now.plus(settings.clockSkew()))) {
      throw new AuthenticationException(
          NOT_YET_VALID, "The token is not valid yet ('iat' lies in the future)");
    }
    if (settings.issuer() != null) {
      if (claims.getIssuer() == null) {
        throw missing("iss");
      }
      if (!settings.issuer().equals(claims.getIssuer())) {
        throw new AuthenticationException(WRONG_ISSUER, "The token was issued by another issuer");
      }
    }
    if (settings.audience() != null) {
      Set<String> audience = claims.getAudience();
      if (audience == null || audience.isEmpty()) {
        throw missing("aud");
      }
      if (!audience.contains(settings.audience())) {
        throw new AuthenticationException(
            WRONG_AUDIENCE, "The token is meant for another audience");
      }
    }
    String subject = claims.getSubject();
    if (subject == null) {
      throw missing("sub");
    }
    if (subject.isBlank() || subject.length() > MAX_SUBJECT_LENGTH) {
      throw badClaim("sub", "a non-blank string of at most " + MAX_SUBJECT_LENGTH + " characters");
    }
    return new Principal(subject, tenant(claims), roles(claims));
  }

  private TenantId tenant(Claims claims) {
    Object raw = claims.get(settings.tenantClaim());
    if (raw == null) {
      throw missing(settings.tenantClaim());
    }
    if (!(raw instanceof String text)) {
      throw badClaim(settings.tenantClaim(), "a tenant id string");
    }
    try {
      return TenantId.of(text);
    } catch (UdbException e) {
      throw badClaim(settings.tenantClaim(), "a valid tenant id");
    }
  }

  private Set<Role> roles(Claims claims) {
    Object raw = claims.get(settings.rolesClaim());
    if (raw == null) {
      throw missing(settings.rolesClaim());
    }
    String expected = "a non-empty array of viewer, analyst, admin";
    if (!(raw instanceof Collection<?> names) || names.isEmpty()) {
      throw badClaim(settings.rolesClaim(), expected);
    }
    Set<Role> roles = EnumSet.noneOf(Role.class);
    for (Object name : names) {
      if (!(name instanceof String text)) {
        throw badClaim(settings.rolesClaim(), expected);
      }
      try {
        roles.add(Role.fromName(text));
      } catch (UdbException e) {
        throw badClaim(settings.rolesClaim(), expected);
      }
    }
    return roles;
  }

  private static boolean isBase64Url(char c) {
    return c >= 'A' && c <= 'Z'
        || c >= 'a' && c <= 'z'
        || c >= '0' && c <= '9'
        || c == '-'
        || c == '_';
  }

  private static Map<SigningAlgorithm, Key> hmacKeys(
      JwtSettings settings, Set<SigningAlgorithm> allowed) {
    Map<SigningAlgorithm, Key> keys = new EnumMap<>(SigningAlgorithm.class);
    byte[] secret = settings.hmacKeyBytes();
    if (secret != null) {
      for (SigningAlgorithm alg : allowed) {
        if (alg.family() == Family.HMAC) {
          keys.put(alg, new SecretKeySpec(secret, alg.jcaHmacName()));
        }
      }
      Arrays.fill(secret, (byte) 0);
    }
    return Map.copyOf(keys);
  }

  private static AuthenticationException malformed(String message) {
    return new AuthenticationException(MALFORMED, message);
  }

  private static AuthenticationException missing(String claim) {
    return new AuthenticationException(
        MISSING_CLAIM, "The token lacks the required claim '" + claim + "'");
  }

  private static AuthenticationException badClaim(String claim, String expected) {
    return new AuthenticationException(
        BAD_CLAIM, "The token's claim '" + claim + "' must be " + expected);
  }

  /**
   * Chooses the verification key from the header jjwt has parsed; runs before the signature is
   * checked, so a token naming the wrong kind of key never reaches a verifier.
   */
  private final class KeyLocator extends LocatorAdapter<Key> {
    @Override
    protected Key locate(JwsHeader header) {
      SigningAlgorithm alg =
          SigningAlgorithm.named(header.getAlgorithm())
              .filter(allowed::contains)
              .orElseThrow(
                  () ->
                      new AuthenticationException(
                          ALGORITHM_NOT_ALLOWED, "Token algorithm is not allowed"));
      if (alg.family() == Family.HMAC) {
        return hmacKeys.get(alg);
      }
      String kid = header.getKeyId();
      PublicJwk<?> jwk =
          jwks.find(kid)
              .orElseThrow(
                  () ->
                      new AuthenticationException(
                          UNKNOWN_KID,
                          kid == null
                              ? "The token names no key id ('kid') and the JWKS holds several keys"
                              : "The token's key id is not in the JWKS document"));
      Key key = jwk.toKey();
      if (!alg.fits(key) || jwk.getAlgorithm() != null && !jwk.getAlgorithm().equals(alg.name())) {
        throw new AuthenticationException(
            ALGORITHM_NOT_ALLOWED, "The token's algorithm does not match the key it names");
      }
      return key;
    }
  }
}
