package io.udb.security.oauth;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.LoadingCache;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.TenantId;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import io.udb.security.authz.Operation;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth2 authorization-code flow with PKCE (S256) that connects a tenant to a provider, keeps
 * its tokens fresh and disconnects it. Thread-safe.
 *
 * <ol>
 *   <li>{@link #initiate} creates a random {@code state} and code verifier, keeps them server-side
 *       for the principal, and returns the URL to send the user's browser to.
 *   <li>{@link #callback} accepts the provider's answer only with a {@code state} that this flow
 *       issued to the same tenant, principal and provider, unexpired and not used before; it
 *       exchanges the code with the verifier and stores the tokens in the tenant's secrets under
 *       {@code oauth.<provider>.tokens}. Callers get an {@link OAuthConnection}, never a token.
 *   <li>{@link #accessToken} gives connectors a valid access token, refreshing it first when it
 *       expires within the refresh skew.
 *   <li>{@link #revoke} revokes the grant at the provider (RFC 7009) and deletes the tokens.
 * </ol>
 *
 * <p>Refusals of a {@code state} or of a principal are reported to the {@link SecurityAudit} as
 * {@code authorization} denials. The flow does not check roles: callers enforce {@link
 * Operation#OAUTH_CONNECT} first. Token material is never logged, put in a message or returned
 * except by {@link #accessToken}. Needs Nimbus {@code oauth2-oidc-sdk} on the class path.
 */
public final class OAuthFlow {
  private static final Logger LOG = LoggerFactory.getLogger(OAuthFlow.class);
  private static final String CONTROL = "authorization";
  private static final String OPERATION = Operation.OAUTH_CONNECT.id();
  private static final int MAX_STATE_LENGTH = 512;
  private static final int MAX_CODE_LENGTH = 4096;

  private final OAuthProviders providers;
  private final SecretsProvider secrets;
  private final OAuthFlowSettings settings;
  private final SecurityAudit audit;
  private final Clock clock;
  private final Consumer<String> initiationListener;
  private final PendingAuthorizations pending;
  private final NimbusOAuthClient client;
  private final ConcurrentMap<String, LongAdder> initiations = new ConcurrentHashMap<>();
  // One lock per tenant and provider, so a refresh and a revoke never interleave; weak values
  // let unused locks go while a held lock stays reachable from its holder's stack.
  private final LoadingCache<String, ReentrantLock> locks =
      Caffeine.newBuilder().weakValues().build(key -> new ReentrantLock());

  /**
   * Creates a flow with default settings, no audit, the system clock and no initiation listener.
   *
   * @param providers the configured providers
   * @param secrets where the tokens are stored (must be writable) and client secrets are read
   */
  public OAuthFlow(OAuthProviders providers, SecretsProvider secrets) {
    this(providers, secrets, SecurityAudit.none());
  }

  /**
   * Creates a flow with default settings, the system clock and no initiation listener.
   *
   * @param providers the configured providers
   * @param secrets where the tokens are stored (must be writable) and client secrets are read
   * @param audit receives every denial
   */
  public OAuthFlow(OAuthProviders providers, SecretsProvider secrets, SecurityAudit audit) {
    this(providers, secrets, OAuthFlowSettings.defaults(), audit, Clock.systemUTC(), name -> {});
  }

  /**
   * Creates a flow.
   *
   * @param providers the configured providers
   * @param secrets where the tokens are stored (must be writable) and client secrets are read
   * @param settings timeouts and bounds
   * @param audit receives every denial
   * @param clock the time source for expiry of pending authorizations and tokens
   * @param initiationListener called with the provider's name after each successful {@link
   *     #initiate} (the core turns it into the {@code udb.oauth.initiations} metric); must not
   *     block
   * @throws ConfigurationException when Nimbus {@code oauth2-oidc-sdk} is not on the class path
   */
  public OAuthFlow(
      OAuthProviders providers,
      SecretsProvider secrets,
      OAuthFlowSettings settings,
      SecurityAudit audit,
      Clock clock,
      Consumer<String> initiationListener) {
    this.providers = Objects.requireNonNull(providers, "providers");
    this.secrets = Objects.requireNonNull(secrets, "secrets");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.initiationListener = Objects.requireNonNull(initiationListener, "initiationListener");
    requireNimbus();
    this.client = new NimbusOAuthClient(settings.httpTimeout());
    this.pending = new PendingAuthorizations(clock, settings.pendingTtl(), settings.maxPending());
  }

  /**
   * The name of the secret that holds a provider's tokens in each tenant.
   *
   * @param provider the provider's name
   * @return {@code oauth.<provider>.tokens}
   */
  public static String tokenSecretName(String provider) {
    return "oauth." + provider + ".tokens";
  }

  /**
   * Starts an authorization for the principal's tenant.
   *
   * @param principal who connects; only this principal may complete the authorization
   * @param provider the provider's name
   * @return the URL for the user's browser and the {@code state}
   * @throws OAuthException with {@link ErrorCode#CONFIG_INVALID} ({@code unknown_provider}, {@code
   *     client_secret_missing})
   */
  public AuthorizationStart initiate(Principal principal, String provider) {
    Objects.requireNonNull(principal, "principal");
    OAuthProviderSettings settingsOfProvider = providers.require(provider);
    // Fail before the user goes through the provider's consent screen, not after.
    clientSecret(principal.tenant(), settingsOfProvider);
    String state = NimbusOAuthClient.newState();
    String verifier = NimbusOAuthClient.newCodeVerifier();
    Instant now = clock.instant();
    Instant expiresAt = now.plus(settings.pendingTtl());
    URI uri = client.authorizationUri(settingsOfProvider, state, verifier);
    pending.put(
        state,
        new PendingAuthorization(
            principal.tenant(),
            principal.subject(),
            settingsOfProvider.name(),
            verifier,
            settingsOfProvider.redirectUri(),
            now,
            expiresAt));
    initiations.computeIfAbsent(settingsOfProvider.name(), k -> new LongAdder()).increment();
    notifyInitiation(settingsOfProvider.name());
    LOG.debug(
        "OAuth authorization started: tenant={}, provider={}",
        principal.tenant(),
        settingsOfProvider.name());
    return new AuthorizationStart(settingsOfProvider.name(), state, uri, expiresAt);
  }

  /**
   * Completes an authorization: checks the {@code state}, exchanges the code with the PKCE verifier
   * and stores the tokens in the tenant's secrets.
   *
   * <p>The {@code state} is consumed by its first presentation, whoever makes it: a state presented
   * by another principal is refused and cannot be used afterwards by its owner either. A code is
   * accepted once per process as well, whatever the state, so a replayed code is refused even by a
   * provider that would redeem it twice.
   *
   * @param principal the caller; must be the principal that started the authorization
   * @param provider the provider's name
   * @param code the authorization code from the redirect
   * @param state the {@code state} from the redirect
   * @return the connection, without token material
   * @throws OAuthException with {@link ErrorCode#CONFIG_INVALID} ({@code unknown_provider}, {@code
   *     client_secret_missing}, {@code provider_rejected}), {@link ErrorCode#INVALID_ARGUMENT}
   *     ({@code state_unknown}, {@code state_replayed}, {@code state_expired}, {@code
   *     state_provider_mismatch}, {@code missing_verifier}, {@code code_missing}, {@code
   *     code_replayed}, {@code code_rejected}), {@link ErrorCode#FORBIDDEN} ({@code
   *     state_principal_mismatch}) or {@link ErrorCode#UNAVAILABLE} ({@code provider_unavailable})
   */
  public OAuthConnection callback(Principal principal, String provider, String code, String state) {
    Objects.requireNonNull(principal, "principal");
    OAuthProviderSettings settingsOfProvider = providers.require(provider);
    PendingAuthorization authorization = takeState(principal, settingsOfProvider, state);
    if (code == null || code.isBlank() || code.length() > MAX_CODE_LENGTH) {
      throw new OAuthException(
          ErrorCode.INVALID_ARGUMENT,
          OAuthException.CODE_MISSING,
          "The OAuth callback carries no valid authorization code; start the authorization again");
    }
    if (!pending.firstPresentation(settingsOfProvider.name(), code)) {
      throw deny(
          principal,
          ErrorCode.INVALID_ARGUMENT,
          OAuthException.CODE_REPLAYED,
          "The OAuth authorization code was already presented; start the authorization again");
    }
    String verifier = authorization.codeVerifier();
    if (verifier == null || verifier.isBlank()) {
      throw deny(
          principal,
          ErrorCode.INVALID_ARGUMENT,
          OAuthException.MISSING_VERIFIER,
          "The pending OAuth authorization has no PKCE verifier; start the authorization again");
    }
    TenantId tenant = authorization.tenant();
    TokenSet tokens =
        client.exchange(
            settingsOfProvider,
            clientSecret(tenant, settingsOfProvider),
            code,
            authorization.redirectUri(),
            verifier,
            clock.instant());
    ReentrantLock lock = lockOf(tenant, settingsOfProvider);
    lock.lock();
    try {
      secrets.store(tenant, tokenSecretName(settingsOfProvider.name()), tokens.toSecret());
    } finally {
      lock.unlock();
    }
    LOG.info(
        "OAuth provider connected: tenant={}, provider={}, expiresAt={}",
        tenant,
        settingsOfProvider.name(),
        tokens.expiresAt());
    return new OAuthConnection(
        settingsOfProvider.name(), tenant, tokens.expiresAt(), tokens.scopes());
  }

  /**
   * A valid access token of the tenant's connection to a provider, refreshed first when it expires
   * within the refresh skew. Refreshes of one tenant and provider are serialized within this
   * process.
   *
   * @param tenant the tenant
   * @param provider the provider's name
   * @return the access token; callers should not keep it
   * @throws OAuthException with {@link ErrorCode#SECRET_NOT_FOUND} ({@code not_connected}), {@link
   *     ErrorCode#UNAUTHENTICATED} ({@code token_expired}, {@code refresh_rejected}), {@link
   *     ErrorCode#CONFIG_INVALID}, {@link ErrorCode#UNAVAILABLE} or {@link ErrorCode#STORAGE_ERROR}
   */
  public SecretValue accessToken(TenantId tenant, String provider) {
    Objects.requireNonNull(tenant, "tenant");
    OAuthProviderSettings settingsOfProvider = providers.require(provider);
    TokenSet tokens = requireTokens(tenant, settingsOfProvider);
    if (!tokens.expiresWithin(clock.instant(), settings.refreshSkew())) {
      return SecretValue.of(tokens.accessToken());
    }
    ReentrantLock lock = lockOf(tenant, settingsOfProvider);
    lock.lock();
    try {
      // Another thread may have refreshed (or revoked) while this one waited.
      tokens = requireTokens(tenant, settingsOfProvider);
      Instant now = clock.instant();
      if (!tokens.expiresWithin(now, settings.refreshSkew())) {
        return SecretValue.of(tokens.accessToken());
      }
      if (tokens.refreshToken() == null) {
        if (!tokens.expiredAt(now)) {
          return SecretValue.of(tokens.accessToken());
        }
        throw new OAuthException(
            ErrorCode.UNAUTHENTICATED,
            OAuthException.TOKEN_EXPIRED,
            "The access token of OAuth provider '"
                + settingsOfProvider.name()
                + "' expired and the provider gave no refresh token; connect it again");
      }
      TokenSet renewed =
          client.refresh(settingsOfProvider, clientSecret(tenant, settingsOfProvider), tokens, now);
      secrets.store(tenant, tokenSecretName(settingsOfProvider.name()), renewed.toSecret());
      LOG.info(
          "OAuth tokens refreshed: tenant={}, provider={}, expiresAt={}",
          tenant,
          settingsOfProvider.name(),
          renewed.expiresAt());
      return SecretValue.of(renewed.accessToken());
    } finally {
      lock.unlock();
    }
  }

  /**
   * Disconnects a tenant from a provider: revokes the grant at the provider's revocation endpoint
   * when one is configured, then deletes the stored tokens (by storing a tombstone, since the
   * secrets SPI cannot delete). The tokens are deleted even when the revocation call fails; the
   * failure is then thrown. Unreadable stored tokens are replaced by the tombstone too. Does
   * nothing when the tenant is not connected.
   *
   * @param tenant the tenant
   * @param provider the provider's name
   * @throws OAuthException with {@link ErrorCode#CONFIG_INVALID} ({@code unknown_provider}, {@code
   *     revocation_failed}, {@code client_secret_missing}) or {@link ErrorCode#UNAVAILABLE} ({@code
   *     revocation_failed})
   */
  public void revoke(TenantId tenant, String provider) {
    Objects.requireNonNull(tenant, "tenant");
    OAuthProviderSettings settingsOfProvider = providers.require(provider);
    ReentrantLock lock = lockOf(tenant, settingsOfProvider);
    lock.lock();
    try {
      Optional<TokenSet> tokens;
      try {
        tokens = loadTokens(tenant, settingsOfProvider);
      } catch (OAuthException e) {
        if (!e.reason().equals(OAuthException.TOKEN_STORE_CORRUPT)) {
          throw e;
        }
        // Unreadable tokens cannot be revoked upstream, but disconnecting must still work.
        LOG.warn(
            "Unreadable OAuth tokens replaced by a tombstone: tenant={}, provider={}",
            tenant,
            settingsOfProvider.name());
        storeTombstone(tenant, settingsOfProvider);
        return;
      }
      if (tokens.isEmpty()) {
        return;
      }
      OAuthException upstream = null;
      if (settingsOfProvider.revokeUri().isPresent()) {
        try {
          client.revoke(settingsOfProvider, clientSecret(tenant, settingsOfProvider), tokens.get());
        } catch (OAuthException e) {
          upstream = e;
        }
      }
      storeTombstone(tenant, settingsOfProvider);
      LOG.info(
          "OAuth provider disconnected: tenant={}, provider={}, revokedAtProvider={}",
          tenant,
          settingsOfProvider.name(),
          settingsOfProvider.revokeUri().isPresent() && upstream == null);
      if (upstream != null) {
        throw upstream;
      }
    } finally {
      lock.unlock();
    }
  }

  private void storeTombstone(TenantId tenant, OAuthProviderSettings provider) {
    secrets.store(tenant, tokenSecretName(provider.name()), TokenSet.tombstone(clock.instant()));
  }

  /** The number of initiations per provider since this flow was created, by provider name. */
  public Map<String, Long> initiations() {
    Map<String, Long> counts = new TreeMap<>();
    initiations.forEach((name, count) -> counts.put(name, count.sum()));
    return Collections.unmodifiableMap(counts);
  }

  /** The pending-authorization store (tests tamper with records through it). */
  PendingAuthorizations pendingAuthorizations() {
    return pending;
  }

  private PendingAuthorization takeState(
      Principal principal, OAuthProviderSettings provider, String state) {
    if (state == null || state.isBlank() || state.length() > MAX_STATE_LENGTH) {
      throw deny(principal, ErrorCode.INVALID_ARGUMENT, OAuthException.STATE_UNKNOWN, unknown());
    }
    PendingAuthorizations.Slot slot = pending.take(state);
    if (slot == null) {
      throw deny(principal, ErrorCode.INVALID_ARGUMENT, OAuthException.STATE_UNKNOWN, unknown());
    }
    if (slot instanceof PendingAuthorizations.Consumed) {
      throw deny(
          principal,
          ErrorCode.INVALID_ARGUMENT,
          OAuthException.STATE_REPLAYED,
          "The OAuth state was already used; start the authorization again");
    }
    PendingAuthorization authorization = (PendingAuthorization) slot;
    if (!authorization.tenant().equals(principal.tenant())
        || !authorization.subject().equals(principal.subject())) {
      throw deny(
          principal,
          ErrorCode.FORBIDDEN,
          OAuthException.STATE_PRINCIPAL_MISMATCH,
          "The OAuth state was not issued to this user; start the authorization again");
    }
    if (!authorization.provider().equals(provider.name())) {
      throw deny(
          principal,
          ErrorCode.INVALID_ARGUMENT,
          OAuthException.STATE_PROVIDER_MISMATCH,
          "The OAuth state was issued for another provider; start the authorization again");
    }
    if (!clock.instant().isBefore(authorization.expiresAt())) {
      throw deny(
          principal,
          ErrorCode.INVALID_ARGUMENT,
          OAuthException.STATE_EXPIRED,
          "The OAuth authorization took longer than "
              + settings.pendingTtl()
              + "; start the authorization again");
    }
    return authorization;
  }

  private static String unknown() {
    return "The OAuth state is unknown or expired; start the authorization again";
  }

  private OAuthException deny(Principal principal, ErrorCode code, String reason, String message) {
    audit.denied(
        new Denial(CONTROL, reason, code, principal.tenant(), principal.subject(), OPERATION));
    return new OAuthException(code, reason, message);
  }

  private TokenSet requireTokens(TenantId tenant, OAuthProviderSettings provider) {
    return loadTokens(tenant, provider)
        .orElseThrow(
            () ->
                new OAuthException(
                    ErrorCode.SECRET_NOT_FOUND,
                    OAuthException.NOT_CONNECTED,
                    "The tenant is not connected to OAuth provider '"
                        + provider.name()
                        + "'; connect it first"));
  }

  private Optional<TokenSet> loadTokens(TenantId tenant, OAuthProviderSettings provider) {
    return secrets.resolve(tenant, tokenSecretName(provider.name())).flatMap(TokenSet::fromSecret);
  }

  private Optional<SecretValue> clientSecret(TenantId tenant, OAuthProviderSettings provider) {
    if (provider.clientSecretRef().isEmpty()) {
      return Optional.empty();
    }
    String ref = provider.clientSecretRef().get();
    TenantId owner = provider.clientSecretTenant().orElse(tenant);
    return Optional.of(
        secrets
            .resolve(owner, ref)
            .orElseThrow(
                () ->
                    new OAuthException(
                        ErrorCode.CONFIG_INVALID,
                        OAuthException.CLIENT_SECRET_MISSING,
                        "OAuth provider '"
                            + provider.name()
                            + "' needs its client secret in the secret '"
                            + ref
                            + "' of "
                            + (owner.equals(tenant)
                                ? "the tenant"
                                : "the configured client-secret tenant")
                            + "; store it there")));
  }

  private ReentrantLock lockOf(TenantId tenant, OAuthProviderSettings provider) {
    return locks.get(tenant.value() + '\n' + provider.name());
  }

  private void notifyInitiation(String provider) {
    try {
      initiationListener.accept(provider);
    } catch (RuntimeException e) {
      // A broken metrics hook must not break the user's authorization.
      LOG.warn("OAuth initiation listener failed for provider {}", provider, e);
    }
  }

  private static void requireNimbus() {
    try {
      Class.forName(
          "com.nimbusds.oauth2.sdk.TokenRequest", false, OAuthFlow.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "OAuth2 flows need com.nimbusds:oauth2-oidc-sdk (11.26) on the class path; add it to the"
              + " application's dependencies",
          e);
    }
  }
}
