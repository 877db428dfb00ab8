package io.udb.security.auth;

import io.jsonwebtoken.io.Parser;
import io.jsonwebtoken.security.Jwk;
import io.jsonwebtoken.security.JwkSet;
import io.jsonwebtoken.security.Jwks;
import io.jsonwebtoken.security.PrivateJwk;
import io.jsonwebtoken.security.PublicJwk;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public keys of a JWKS document (RFC 7517), fetched from a URL or read from a file, parsed by
 * jjwt's JWK support through {@link JacksonJwtDeserializer}.
 *
 * <p>The document is loaded on first use and reused for {@link JwtSettings#jwksCacheTtl()}. A key
 * id that is not in the document triggers one refresh (key rotation at the identity provider), but
 * at most one fetch per {@link JwtSettings#jwksRefreshMinInterval()}, so a flood of tokens with
 * made-up key ids cannot turn into a flood of requests to the provider. When a refresh fails, the
 * keys already known stay in use; only when nothing was ever loaded does a lookup fail, with {@link
 * ErrorCode#UNAVAILABLE}.
 *
 * <p>Only signature keys are kept: symmetric ({@code oct}) keys and keys whose {@code use} is not
 * {@code sig} are ignored, and of a private key only the public part is used. Fetches follow no
 * redirects, are bounded by a timeout and read at most {@link JwtSettings#jwksMaxSize()} bytes.
 * Instances are thread-safe.
 */
public final class JwksKeySource {
  private static final Logger LOG = LoggerFactory.getLogger(JwksKeySource.class);

  private final URI url;
  private final Path file;
  private final Duration cacheTtl;
  private final Duration refreshMinInterval;
  private final int maxSize;
  private final Duration timeout;
  private final Clock clock;
  private final HttpClient http;
  private final Parser<JwkSet> parser;
  private final ReentrantLock refreshLock = new ReentrantLock();
  private final AtomicLong fetches = new AtomicLong();

  private volatile KeySet keys;
  private volatile Instant lastAttempt;

  /**
   * Creates a source for the JWKS of the settings, on the system clock.
   *
   * @param settings settings with {@code jwks-url} or {@code jwks-file}
   * @throws ConfigurationException when neither is set
   */
  public JwksKeySource(JwtSettings settings) {
    this(settings, Clock.systemUTC());
  }

  /**
   * Creates a source for the JWKS of the settings.
   *
   * @param settings settings with {@code jwks-url} or {@code jwks-file}
   * @param clock the clock that decides cache age and refresh intervals
   * @throws ConfigurationException when neither is set
   */
  public JwksKeySource(JwtSettings settings, Clock clock) {
    Objects.requireNonNull(settings, "settings");
    if (!settings.hasJwks()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "A JWKS key source needs '"
              + JwtSettings.KEY_JWKS_URL
              + "' or '"
              + JwtSettings.KEY_JWKS_FILE
              + "'");
    }
    this.url = settings.jwksUrl();
    this.file = settings.jwksFile();
    this.cacheTtl = settings.jwksCacheTtl();
    this.refreshMinInterval = settings.jwksRefreshMinInterval();
    this.maxSize = settings.jwksMaxSize();
    this.timeout = settings.jwksTimeout();
    this.clock = Objects.requireNonNull(clock, "clock");
    this.http =
        url == null
            ? null
            : HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    this.parser =
        Jwks.setParser().json(new JacksonJwtDeserializer()).ignoreUnsupported(true).build();
  }

  /**
   * Finds the verification key with the given key id. An id not in the current document causes a
   * refresh, unless one happened within the refresh interval.
   *
   * @param kid the token's {@code kid}; null matches only when the document holds exactly one key
   * @return the key, or empty when the document (after a permitted refresh) has no such key
   * @throws UdbException with {@link ErrorCode#UNAVAILABLE} when no document could ever be loaded
   */
  public Optional<PublicJwk<?>> find(String kid) {
    KeySet current = current();
    Optional<PublicJwk<?>> hit = current.find(kid);
    if (hit.isPresent()) {
      return hit;
    }
    refreshLock.lock();
    try {
      if (keys == current && refreshAllowed(clock.instant())) {
        load(clock.instant());
      }
      return keys.find(kid);
    } finally {
      refreshLock.unlock();
    }
  }

  /**
   * Fetches the document now, regardless of cache age and refresh interval (e.g. to warm the cache
   * at start-up).
   *
   * @throws UdbException with {@link ErrorCode#UNAVAILABLE} when the document cannot be loaded; the
   *     keys known before stay in use
   */
  public void refresh() {
    refreshLock.lock();
    try {
      if (!load(clock.instant())) {
        throw unavailable();
      }
    } finally {
      refreshLock.unlock();
    }
  }

  /** How many times the document was fetched or read, successfully or not. */
  public long fetchCount() {
    return fetches.get();
  }

  private KeySet current() {
    KeySet current = keys;
    Instant now = clock.instant();
    if (current != null && now.isBefore(current.loadedAt().plus(cacheTtl))) {
      return current;
    }
    refreshLock.lock();
    try {
      current = keys;
      if (current == null || !now.isBefore(current.loadedAt().plus(cacheTtl))) {
        // A failing provider is asked again only after the refresh interval, whether or not stale
        // keys are available: callers must not each wait for a timeout.
        if (refreshAllowed(now)) {
          load(now);
        }
        current = keys;
      }
      if (current == null) {
        throw unavailable();
      }
      return current;
    } finally {
      refreshLock.unlock();
    }
  }

  private boolean refreshAllowed(Instant now) {
    Instant last = lastAttempt;
    return last == null || !now.isBefore(last.plus(refreshMinInterval));
  }

  /** Loads the document; on failure keeps the old keys. Call with the lock held. */
  private boolean load(Instant now) {
    lastAttempt = now;
    fetches.incrementAndGet();
    try {
      keys = parse(url != null ? fetch() : read(), now);
      return true;
    } catch (IOException | RuntimeException e) {
      LOG.warn(
          "Could not load the JWKS document from {}: {}{}",
          url != null ? url : file,
          e.getMessage(),
          keys == null ? "" : "; the keys loaded before stay in use");
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      LOG.warn("Interrupted while loading the JWKS document from {}", url);
      return false;
    }
  }

  private String fetch() throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(timeout)
            .header("Accept", "application/jwk-set+json, application/json")
            .GET()
            .build();
    HttpResponse<InputStream> response =
        http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    try (InputStream body = response.body()) {
      if (response.statusCode() != 200) {
        throw new IOException("HTTP status " + response.statusCode());
      }
      long declared = response.headers().firstValueAsLong("Content-Length").orElse(-1);
      if (declared > maxSize) {
        throw new IOException("document of " + declared + " bytes exceeds " + maxSize);
      }
      return readLimited(body);
    }
  }

  private String read() throws IOException {
    long size = Files.size(file);
    if (size > maxSize) {
      throw new IOException("document of " + size + " bytes exceeds " + maxSize);
    }
    try (InputStream in = Files.newInputStream(file)) {
      return readLimited(in);
    }
  }

  private String readLimited(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      if (out.size() + n > maxSize) {
        throw new IOException("document exceeds " + maxSize + " bytes");
      }
      out.write(buffer, 0, n);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private KeySet parse(String document, Instant now) {
    JwkSet set = parser.parse(document);
    Map<String, PublicJwk<?>> byKid = new HashMap<>();
    List<PublicJwk<?>> all = new ArrayList<>();
    for (Jwk<?> jwk : set.getKeys()) {
      PublicJwk<?> key = publicPart(jwk);
      if (key == null) {
        continue;
      }
      if (key.getPublicKeyUse() != null && !"sig".equals(key.getPublicKeyUse())) {
        continue;
      }
      if (key.getId() != null && byKid.putIfAbsent(key.getId(), key) != null) {
        LOG.warn("JWKS document repeats key id '{}'; the first key with it is used", key.getId());
        continue;
      }
      all.add(key);
    }
    if (all.isEmpty()) {
      LOG.warn("JWKS document from {} holds no usable signature key", url != null ? url : file);
    }
    return new KeySet(Map.copyOf(byKid), List.copyOf(all), now);
  }

  private PublicJwk<?> publicPart(Jwk<?> jwk) {
    if (jwk instanceof PublicJwk<?> pub) {
      return pub;
    }
    if (jwk instanceof PrivateJwk<?, ?, ?> priv) {
      LOG.warn(
          "JWKS document holds private key material (key id '{}'); only its public part is used."
              + " Publish public keys only.",
          jwk.getId());
      return priv.toPublicJwk();
    }
    // Symmetric keys are never taken from a JWKS: HMAC verification uses the configured secret.
    return null;
  }

  private UdbException unavailable() {
    return new UdbException(
        ErrorCode.UNAVAILABLE,
        "The JWKS document with the token verification keys could not be loaded; check '"
            + (url != null ? JwtSettings.KEY_JWKS_URL : JwtSettings.KEY_JWKS_FILE)
            + "' and the identity provider");
  }

  /** One loaded document. */
  private record KeySet(Map<String, PublicJwk<?>> byKid, List<PublicJwk<?>> all, Instant loadedAt) {
    Optional<PublicJwk<?>> find(String kid) {
      if (kid == null) {
        return all.size() == 1 ? Optional.of(all.get(0)) : Optional.empty();
      }
      return Optional.ofNullable(byKid.get(kid));
    }
  }
}
