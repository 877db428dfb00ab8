package io.udb.security.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import io.udb.security.audit.Denial;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import okhttp3.mockwebserver.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * End to end against a real OAuth2 authorization server in this JVM ({@code mock-oauth2-server}):
 * the browser step is a real HTTP request whose redirect is read by hand.
 */
class OAuthFlowTest {
  private static final String ISSUER = "udb";
  private static final TenantId T1 = TenantId.of("t1");
  private static final TenantId T2 = TenantId.of("t2");
  private static final Principal ALICE = Principal.of("alice", T1, Role.ANALYST);
  private static final Principal MALLORY = Principal.of("mallory", T1, Role.ADMIN);
  private static final Principal ALICE_OF_T2 = Principal.of("alice", T2, Role.ADMIN);
  private static final String CLIENT_ID = "udb-connector";
  private static final String CLIENT_SECRET_REF = "acme-client-secret";
  private static final String CLIENT_SECRET = "client-secret-value-7f3a";
  private static final String REDIRECT = "http://localhost:8080/oauth/callback";
  private static final String ACME_TOKENS = "oauth.acme.tokens";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final HttpClient http =
      HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private MockOAuth2Server server;
  private InMemorySecrets secrets;
  private RecordingAudit audit;
  private MutableClock clock;
  private List<String> notified;
  private OAuthFlow flow;

  @BeforeEach
  void startServer() {
    server = new MockOAuth2Server();
    server.start();
    secrets = new InMemorySecrets();
    secrets.store(T1, CLIENT_SECRET_REF, SecretValue.of(CLIENT_SECRET));
    audit = new RecordingAudit();
    clock = new MutableClock(Instant.parse("2026-03-01T08:00:00Z"));
    notified = new CopyOnWriteArrayList<>();
    flow = flow(settings(Map.of()));
  }

  @AfterEach
  void stopServer() {
    server.shutdown();
  }

  // ---------------------------------------------------------------- the happy path, step by step

  @Test
  void initiateReturnsAuthorizationUrlWithS256ChallengeStateAndScopes() {
    AuthorizationStart start = flow.initiate(ALICE, "acme");

    Map<String, String> query = query(start.authorizationUri());
    assertThat(start.authorizationUri().toString())
        .startsWith(server.authorizationEndpointUrl(ISSUER).toString());
    assertThat(query)
        .containsEntry("response_type", "code")
        .containsEntry("client_id", CLIENT_ID)
        .containsEntry("redirect_uri", REDIRECT)
        .containsEntry("scope", "openid offline_access files.read")
        .containsEntry("state", start.state())
        .containsEntry("code_challenge_method", "S256");
    // S256 of a 256-bit verifier: 32 bytes, base64url without padding.
    assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
    // At least 128 random bits: 32 bytes here, base64url.
    assertThat(Base64.getUrlDecoder().decode(start.state())).hasSizeGreaterThanOrEqualTo(16);
    assertThat(flow.initiate(ALICE, "acme").state()).isNotEqualTo(start.state());
    assertThat(start.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void challengeIsTheS256HashOfTheStoredVerifier() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "acme");
    PendingAuthorization pending =
        (PendingAuthorization) flow.pendingAuthorizations().take(start.state());

    byte[] hash =
        MessageDigest.getInstance("SHA-256")
            .digest(pending.codeVerifier().getBytes(StandardCharsets.US_ASCII));
    assertThat(query(start.authorizationUri()).get("code_challenge"))
        .isEqualTo(Base64.getUrlEncoder().withoutPadding().encodeToString(hash));
    assertThat(pending.codeVerifier()).matches("[A-Za-z0-9._~-]{43,128}");
  }

  @Test
  void callbackExchangesCodeWithVerifierAndStoresTokensOnlyInTheTenantSecrets() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "acme");
    Redirect redirect = authorize(start);
    assertThat(redirect.state()).isEqualTo(start.state());

    OAuthConnection connection = flow.callback(ALICE, "acme", redirect.code(), redirect.state());

    assertThat(connection.provider()).isEqualTo("acme");
    assertThat(connection.tenant()).isEqualTo(T1);
    assertThat(connection.scopes()).containsExactly("openid", "offline_access", "files.read");
    assertThat(connection.expiresAt())
        .isAfter(clock.instant())
        .isBeforeOrEqualTo(clock.instant().plusSeconds(3600));

    JsonNode stored = storedTokens(T1);
    String accessToken = stored.get("access_token").stringValue();
    String refreshToken = stored.get("refresh_token").stringValue();
    assertThat(accessToken).contains(".");
    assertThat(refreshToken).isNotBlank();
    assertThat(stored.get("expires_at").stringValue()).isEqualTo(connection.expiresAt().toString());
    assertThat(connection.toString()).doesNotContain(accessToken, refreshToken);
    assertThat(secrets.text(T2, ACME_TOKENS)).isNull();

    RecordedRequest tokenRequest = nextRequestTo("token");
    assertThat(tokenRequest.getMethod()).isEqualTo("POST");
    assertThat(tokenRequest.getHeader("Authorization")).isEqualTo(basic(CLIENT_ID, CLIENT_SECRET));
    Map<String, String> form = form(tokenRequest.getBody().readUtf8());
    assertThat(form)
        .containsEntry("grant_type", "authorization_code")
        .containsEntry("code", redirect.code())
        .containsEntry("redirect_uri", REDIRECT)
        .containsKey("code_verifier");

    assertThat(flow.accessToken(T1, "acme").reveal()).isEqualTo(accessToken);
  }

  @Test
  void returnsStoredAccessTokenWithoutCallingProviderWhileFresh() throws Exception {
    connect(ALICE);
    String accessToken = storedTokens(T1).get("access_token").stringValue();
    drainRequests();

    clock.advance(Duration.ofMinutes(30));

    assertThat(flow.accessToken(T1, "acme").reveal()).isEqualTo(accessToken);
    assertThat(requestsUntilSentinel()).isEmpty();
  }

  @Test
  void refreshesAccessTokenWhenItExpiresWithinSkew() throws Exception {
    OAuthConnection connection = connect(ALICE);
    JsonNode before = storedTokens(T1);
    drainRequests();

    // 30 s before expiry, inside the default 60 s skew.
    clock.set(connection.expiresAt().minusSeconds(30));
    String refreshed = flow.accessToken(T1, "acme").reveal();

    assertThat(refreshed).isNotEqualTo(before.get("access_token").stringValue());
    RecordedRequest refresh = nextRequestTo("token");
    assertThat(refresh.getHeader("Authorization")).isEqualTo(basic(CLIENT_ID, CLIENT_SECRET));
    assertThat(form(refresh.getBody().readUtf8()))
        .containsEntry("grant_type", "refresh_token")
        .containsEntry("refresh_token", before.get("refresh_token").stringValue());
    JsonNode after = storedTokens(T1);
    assertThat(after.get("access_token").stringValue()).isEqualTo(refreshed);
    assertThat(after.get("refresh_token").stringValue()).isNotBlank();
    assertThat(Instant.parse(after.get("expires_at").stringValue()))
        .isAfter(connection.expiresAt());
    // The renewed token is fresh again: no second refresh.
    assertThat(flow.accessToken(T1, "acme").reveal()).isEqualTo(refreshed);
    assertThat(requestsUntilSentinel()).isEmpty();
  }

  @Test
  void concurrentCallersShareOneRefresh() throws Exception {
    OAuthConnection connection = connect(ALICE);
    drainRequests();
    clock.set(connection.expiresAt().plusSeconds(1));

    int callers = 4;
    CountDownLatch go = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(callers);
    try {
      List<Future<String>> results = new ArrayList<>();
      for (int i = 0; i < callers; i++) {
        results.add(
            pool.submit(
                () -> {
                  go.await();
                  return flow.accessToken(T1, "acme").reveal();
                }));
      }
      go.countDown();
      Set<String> tokens = new HashSet<>();
      for (Future<String> result : results) {
        tokens.add(result.get());
      }
      assertThat(tokens).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
    assertThat(requestsUntilSentinel()).filteredOn(p -> p.contains("/token")).hasSize(1);
  }

  @Test
  void revokeCallsRevocationEndpointAndForgetsTokens() throws Exception {
    connect(ALICE);
    String refreshToken = storedTokens(T1).get("refresh_token").stringValue();
    drainRequests();

    flow.revoke(T1, "acme");

    RecordedRequest revocation = nextRequestTo("revoke");
    assertThat(revocation.getMethod()).isEqualTo("POST");
    assertThat(revocation.getHeader("Authorization")).isEqualTo(basic(CLIENT_ID, CLIENT_SECRET));
    assertThat(form(revocation.getBody().readUtf8()))
        .containsEntry("token", refreshToken)
        .containsEntry("token_type_hint", "refresh_token");
    assertThat(storedTokens(T1).get("revoked").asBoolean()).isTrue();
    assertThat(storedTokens(T1).has("access_token")).isFalse();
    assertThatThrownBy(() -> flow.accessToken(T1, "acme"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SECRET_NOT_FOUND);
              assertThat(e.reason()).isEqualTo(OAuthException.NOT_CONNECTED);
            });
    // Idempotent: nothing left to revoke, the provider is not called again.
    flow.revoke(T1, "acme");
    assertThat(requestsUntilSentinel()).isEmpty();
  }

  @Test
  void revokeDeletesTokensEvenWhenProviderRefusesRevocation() {
    // Without a refresh token the access token is revoked, which this server does not support.
    secrets.store(
        T1,
        ACME_TOKENS,
        new TokenSet("access-only", null, "Bearer", null, List.of("openid"), clock.instant())
            .toSecret());

    assertThatThrownBy(() -> flow.revoke(T1, "acme"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.reason()).isEqualTo(OAuthException.REVOCATION_FAILED);
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.getMessage()).doesNotContain("access-only");
            });
    assertThat(storedTokens(T1).get("revoked").asBoolean()).isTrue();
  }

  @Test
  void revokeReplacesUnreadableTokens() throws Exception {
    secrets.store(T1, ACME_TOKENS, SecretValue.of("{garbage"));

    assertThatThrownBy(() -> flow.accessToken(T1, "acme"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> assertThat(e.reason()).isEqualTo(OAuthException.TOKEN_STORE_CORRUPT));
    drainRequests();
    flow.revoke(T1, "acme");

    assertThat(requestsUntilSentinel()).isEmpty();
    assertThat(storedTokens(T1).get("revoked").asBoolean()).isTrue();
  }

  @Test
  void revokeWithoutRevocationEndpointOnlyForgetsTokens() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "other");
    Redirect redirect = authorize(start);
    flow.callback(ALICE, "other", redirect.code(), redirect.state());
    drainRequests();

    flow.revoke(T1, "other");

    assertThat(requestsUntilSentinel()).isEmpty();
    assertThatThrownBy(() -> flow.accessToken(T1, "other"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> assertThat(e.reason()).isEqualTo(OAuthException.NOT_CONNECTED));
  }

  // ---------------------------------------------------------------------------- attacks on state

  @Test
  void refusesUnknownState() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "acme");
    Redirect redirect = authorize(start);

    assertRefused(
        () -> flow.callback(ALICE, "acme", redirect.code(), NimbusOAuthClient.newState()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.STATE_UNKNOWN,
        ALICE);
    assertRefused(
        () -> flow.callback(ALICE, "acme", redirect.code(), ""),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.STATE_UNKNOWN,
        ALICE);
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
    // The genuine state is untouched by the forgeries.
    assertThat(flow.callback(ALICE, "acme", redirect.code(), redirect.state()).provider())
        .isEqualTo("acme");
  }

  @Test
  void refusesReplayedStateAndCode() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "acme");
    Redirect redirect = authorize(start);
    flow.callback(ALICE, "acme", redirect.code(), redirect.state());
    String storedAfterFirst = secrets.text(T1, ACME_TOKENS);

    assertRefused(
        () -> flow.callback(ALICE, "acme", redirect.code(), redirect.state()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.STATE_REPLAYED,
        ALICE);
    assertThat(secrets.text(T1, ACME_TOKENS)).isEqualTo(storedAfterFirst);
  }

  @Test
  void refusesCodeReplayedUnderAFreshState() throws Exception {
    Redirect first = authorize(flow.initiate(ALICE, "acme"));
    flow.callback(ALICE, "acme", first.code(), first.state());
    String storedAfterFirst = secrets.text(T1, ACME_TOKENS);
    AuthorizationStart second = flow.initiate(ALICE, "acme");
    drainRequests();

    assertRefused(
        () -> flow.callback(ALICE, "acme", first.code(), second.state()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.CODE_REPLAYED,
        ALICE);
    assertThat(requestsUntilSentinel()).noneMatch(p -> p.contains("/token"));
    assertThat(secrets.text(T1, ACME_TOKENS)).isEqualTo(storedAfterFirst);
  }

  @Test
  void serverRefusesCodeInjectedIntoAnotherPrincipalsFlow() throws Exception {
    // Mallory got hold of Alice's code and replays it with her own state (and so her verifier).
    Redirect alices = authorize(flow.initiate(ALICE, "acme"));
    AuthorizationStart mallorys = flow.initiate(MALLORY, "acme");

    assertThatThrownBy(() -> flow.callback(MALLORY, "acme", alices.code(), mallorys.state()))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo(OAuthException.CODE_REJECTED);
              assertThat(e.getMessage()).contains("invalid_grant").doesNotContain(alices.code());
            });
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
  }

  @Test
  void refusesStateOfAnotherPrincipalAndBurnsIt() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));

    assertRefused(
        () -> flow.callback(MALLORY, "acme", redirect.code(), redirect.state()),
        ErrorCode.FORBIDDEN,
        OAuthException.STATE_PRINCIPAL_MISMATCH,
        MALLORY);
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
    // Fail closed: a state seen by someone else is spent.
    assertRefused(
        () -> flow.callback(ALICE, "acme", redirect.code(), redirect.state()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.STATE_REPLAYED,
        ALICE);
  }

  @Test
  void refusesStateOfAnotherTenantEvenWithTheSameSubject() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));

    assertRefused(
        () -> flow.callback(ALICE_OF_T2, "acme", redirect.code(), redirect.state()),
        ErrorCode.FORBIDDEN,
        OAuthException.STATE_PRINCIPAL_MISMATCH,
        ALICE_OF_T2);
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
    assertThat(secrets.text(T2, ACME_TOKENS)).isNull();
  }

  @Test
  void refusesStateIssuedForAnotherProvider() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));

    assertRefused(
        () -> flow.callback(ALICE, "other", redirect.code(), redirect.state()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.STATE_PROVIDER_MISMATCH,
        ALICE);
    assertThat(secrets.text(T1, "oauth.other.tokens")).isNull();
  }

  @Test
  void refusesExpiredState() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));

    clock.advance(Duration.ofMinutes(10));

    assertRefused(
        () -> flow.callback(ALICE, "acme", redirect.code(), redirect.state()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.STATE_EXPIRED,
        ALICE);
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
  }

  @Test
  void acceptsStateJustBeforeItExpires() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));

    clock.advance(Duration.ofMinutes(10).minusSeconds(1));

    assertThat(flow.callback(ALICE, "acme", redirect.code(), redirect.state()).tenant())
        .isEqualTo(T1);
  }

  // ------------------------------------------------------------------------- attacks on the PKCE

  @Test
  void refusesPendingAuthorizationWithoutVerifierBeforeCallingProvider() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "acme");
    Redirect redirect = authorize(start);
    tamperVerifier(start.state(), null);
    drainRequests();

    assertRefused(
        () -> flow.callback(ALICE, "acme", redirect.code(), redirect.state()),
        ErrorCode.INVALID_ARGUMENT,
        OAuthException.MISSING_VERIFIER,
        ALICE);
    assertThat(requestsUntilSentinel()).noneMatch(p -> p.contains("/token"));
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
  }

  @Test
  void serverRefusesCodeWithAnotherVerifier() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "acme");
    Redirect redirect = authorize(start);
    tamperVerifier(start.state(), NimbusOAuthClient.newCodeVerifier());

    assertThatThrownBy(() -> flow.callback(ALICE, "acme", redirect.code(), redirect.state()))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
              assertThat(e.reason()).isEqualTo(OAuthException.CODE_REJECTED);
            });
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
  }

  /**
   * Documents a limit of the server under test: mock-oauth2-server 2.2.1 checks the verifier only
   * when one is sent, so the flow itself must refuse to go without one (see the test above).
   */
  @Test
  void serverUnderTestRedeemsCodeSentWithoutVerifier() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));

    assertThat(redeemDirectly(redirect.code()).statusCode()).isEqualTo(200);
  }

  /**
   * Documents a limit of the server under test: mock-oauth2-server 2.2.1 redeems a code it already
   * redeemed, so the flow itself refuses replayed codes (see {@link
   * #refusesCodeReplayedUnderAFreshState}).
   */
  @Test
  void serverUnderTestRedeemsUsedCode() throws Exception {
    Redirect redirect = authorize(flow.initiate(ALICE, "acme"));
    flow.callback(ALICE, "acme", redirect.code(), redirect.state());

    assertThat(redeemDirectly(redirect.code()).statusCode()).isEqualTo(200);
  }

  // ------------------------------------------------------------------ configuration and failures

  @Test
  void refusesUnknownProviderEverywhere() {
    for (Runnable call :
        List.<Runnable>of(
            () -> flow.initiate(ALICE, "nope"),
            () -> flow.callback(ALICE, "nope", "code", "state"),
            () -> flow.accessToken(T1, "nope"),
            () -> flow.revoke(T1, "nope"))) {
      assertThatThrownBy(call::run)
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.reason()).isEqualTo(OAuthException.UNKNOWN_PROVIDER);
              });
    }
    assertThat(flow.initiations()).isEmpty();
  }

  @Test
  void countsInitiationsPerProviderAndNotifiesListener() {
    flow.initiate(ALICE, "acme");
    flow.initiate(MALLORY, "acme");
    flow.initiate(ALICE, "other");

    assertThat(flow.initiations()).containsExactly(Map.entry("acme", 2L), Map.entry("other", 1L));
    assertThat(notified).containsExactly("acme", "acme", "other");
  }

  @Test
  void brokenInitiationListenerDoesNotBreakTheFlow() {
    Settings settings = settings(Map.of());
    OAuthFlow withBrokenListener =
        new OAuthFlow(
            OAuthProviders.from(settings),
            secrets,
            OAuthFlowSettings.from(settings),
            audit,
            clock,
            name -> {
              throw new IllegalStateException("metrics down");
            });

    assertThat(withBrokenListener.initiate(ALICE, "acme").state()).isNotBlank();
    assertThat(withBrokenListener.initiations()).containsEntry("acme", 1L);
  }

  @Test
  void publicClientAuthenticatesWithClientIdOnly() throws Exception {
    AuthorizationStart start = flow.initiate(ALICE, "public");
    Redirect redirect = authorize(start);

    flow.callback(ALICE, "public", redirect.code(), redirect.state());

    RecordedRequest tokenRequest = nextRequestTo("token");
    assertThat(tokenRequest.getHeader("Authorization")).isNull();
    assertThat(form(tokenRequest.getBody().readUtf8()))
        .containsEntry("client_id", CLIENT_ID)
        .containsKey("code_verifier");
  }

  @Test
  void readsClientSecretFromTheConfiguredSecretTenant() throws Exception {
    TenantId shared = TenantId.of("udb-shared");
    InMemorySecrets store = new InMemorySecrets();
    store.store(shared, CLIENT_SECRET_REF, SecretValue.of("shared-secret"));
    Settings settings =
        settings(Map.of("oauth.providers.acme.client-secret-tenant", shared.value()));
    secrets = store;
    OAuthFlow sharedSecretFlow = flow(settings);

    Redirect redirect = authorize(sharedSecretFlow.initiate(ALICE, "acme"));
    sharedSecretFlow.callback(ALICE, "acme", redirect.code(), redirect.state());

    assertThat(nextRequestTo("token").getHeader("Authorization"))
        .isEqualTo(basic(CLIENT_ID, "shared-secret"));
    assertThat(store.text(T1, ACME_TOKENS)).isNotNull();
    assertThat(store.text(shared, ACME_TOKENS)).isNull();
  }

  @Test
  void refusesToStartWhenClientSecretIsMissing() {
    assertThatThrownBy(() -> flow.initiate(ALICE_OF_T2, "acme"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.reason()).isEqualTo(OAuthException.CLIENT_SECRET_MISSING);
              assertThat(e.getMessage()).contains(CLIENT_SECRET_REF);
            });
    assertThat(flow.initiations()).isEmpty();
  }

  @Test
  void reportsUnreachableTokenEndpointAsUnavailable() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    OAuthFlow unreachable =
        flow(
            settings(
                Map.of(
                    "oauth.providers.acme.token-url",
                    "http://127.0.0.1:" + closedPort + "/token")));
    Redirect redirect = authorize(unreachable.initiate(ALICE, "acme"));

    assertThatThrownBy(() -> unreachable.callback(ALICE, "acme", redirect.code(), redirect.state()))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
              assertThat(e.reason()).isEqualTo(OAuthException.PROVIDER_UNAVAILABLE);
            });
  }

  @Test
  void refreshRefusedByProviderAsksToReconnect() throws Exception {
    OAuthConnection connection = connect(ALICE);
    String storedBefore = secrets.text(T1, ACME_TOKENS);
    clock.set(connection.expiresAt());
    try (CannedHttpServer provider =
        new CannedHttpServer(
            400, "application/json", "{\"error\":\"invalid_grant\",\"error_description\":\"x\"}")) {
      OAuthFlow refusing =
          flow(settings(Map.of("oauth.providers.acme.token-url", provider.url("/token"))));

      assertThatThrownBy(() -> refusing.accessToken(T1, "acme"))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
                assertThat(e.reason()).isEqualTo(OAuthException.REFRESH_REJECTED);
              });
    }
    assertThat(secrets.text(T1, ACME_TOKENS)).isEqualTo(storedBefore);
  }

  @Test
  void clientRejectionIsConfigInvalidWithoutTheProvidersDescription() throws Exception {
    try (CannedHttpServer provider =
        new CannedHttpServer(
            401,
            "application/json",
            "{\"error\":\"invalid_client\",\"error_description\":\"echo sekrit\"}")) {
      OAuthFlow refusing =
          flow(settings(Map.of("oauth.providers.acme.token-url", provider.url("/token"))));
      Redirect redirect = authorize(refusing.initiate(ALICE, "acme"));

      assertThatThrownBy(() -> refusing.callback(ALICE, "acme", redirect.code(), redirect.state()))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.reason()).isEqualTo(OAuthException.PROVIDER_REJECTED);
                assertThat(e.getMessage()).contains("invalid_client").doesNotContain("sekrit");
              });
    }
  }

  @Test
  void providerServerErrorIsUnavailable() throws Exception {
    try (CannedHttpServer provider = new CannedHttpServer(503, "text/html", "<html>down</html>")) {
      OAuthFlow failing =
          flow(settings(Map.of("oauth.providers.acme.token-url", provider.url("/token"))));
      Redirect redirect = authorize(failing.initiate(ALICE, "acme"));

      assertThatThrownBy(() -> failing.callback(ALICE, "acme", redirect.code(), redirect.state()))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.reason()).isEqualTo(OAuthException.PROVIDER_UNAVAILABLE);
              });
    }
    assertThat(secrets.text(T1, ACME_TOKENS)).isNull();
  }

  @Test
  void accessTokenWithoutConnectionIsNotConnected() {
    assertThatThrownBy(() -> flow.accessToken(T1, "acme"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.SECRET_NOT_FOUND);
              assertThat(e.reason()).isEqualTo(OAuthException.NOT_CONNECTED);
            });
  }

  @Test
  void expiredTokenWithoutRefreshTokenAsksToReconnect() {
    Instant expiry = clock.instant().plusSeconds(600);
    secrets.store(
        T1,
        ACME_TOKENS,
        new TokenSet("short-lived", null, "Bearer", expiry, List.of(), clock.instant()).toSecret());

    // Within the skew but not expired: still usable, nothing to refresh it with.
    clock.set(expiry.minusSeconds(10));
    assertThat(flow.accessToken(T1, "acme").reveal()).isEqualTo("short-lived");
    clock.set(expiry);
    assertThatThrownBy(() -> flow.accessToken(T1, "acme"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.UNAUTHENTICATED);
              assertThat(e.reason()).isEqualTo(OAuthException.TOKEN_EXPIRED);
            });
  }

  @Test
  void neverLogsTokenMaterial() throws Exception {
    Logger logger = (Logger) LoggerFactory.getLogger("io.udb.security.oauth");
    Level previous = logger.getLevel();
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger.addAppender(appender);
    logger.setLevel(Level.TRACE);
    try {
      AuthorizationStart start = flow.initiate(ALICE, "acme");
      Redirect redirect = authorize(start);
      OAuthConnection connection = flow.callback(ALICE, "acme", redirect.code(), redirect.state());
      JsonNode first = storedTokens(T1);
      clock.set(connection.expiresAt());
      flow.accessToken(T1, "acme");
      JsonNode second = storedTokens(T1);
      flow.revoke(T1, "acme");

      List<String> secretsSeen =
          List.of(
              redirect.code(),
              start.state(),
              CLIENT_SECRET,
              first.get("access_token").stringValue(),
              first.get("refresh_token").stringValue(),
              second.get("access_token").stringValue(),
              second.get("refresh_token").stringValue());
      assertThat(appender.list).isNotEmpty();
      for (ILoggingEvent event : appender.list) {
        String text =
            event.getFormattedMessage()
                + (event.getThrowableProxy() == null ? "" : event.getThrowableProxy().getMessage());
        for (String secret : secretsSeen) {
          assertThat(text).doesNotContain(secret);
        }
      }
    } finally {
      logger.detachAppender(appender);
      logger.setLevel(previous);
    }
  }

  // ------------------------------------------------------------------------------------- helpers

  private record Redirect(String code, String state) {}

  private Settings settings(Map<String, String> overrides) {
    Map<String, String> keys = new HashMap<>();
    provider(keys, "acme");
    keys.put("oauth.providers.acme.client-secret-ref", CLIENT_SECRET_REF);
    keys.put("oauth.providers.acme.revoke-url", server.revocationEndpointUrl(ISSUER).toString());
    provider(keys, "other");
    keys.put("oauth.providers.other.client-secret-ref", CLIENT_SECRET_REF);
    provider(keys, "public");
    keys.putAll(overrides);
    return Settings.of(keys);
  }

  private void provider(Map<String, String> keys, String name) {
    String prefix = "oauth.providers." + name + ".";
    keys.put(prefix + "authorize-url", server.authorizationEndpointUrl(ISSUER).toString());
    keys.put(prefix + "token-url", server.tokenEndpointUrl(ISSUER).toString());
    keys.put(prefix + "client-id", CLIENT_ID);
    keys.put(prefix + "scopes", "openid, offline_access, files.read");
    keys.put(prefix + "redirect-uri", REDIRECT);
  }

  private OAuthFlow flow(Settings settings) {
    return new OAuthFlow(
        OAuthProviders.from(settings),
        secrets,
        OAuthFlowSettings.from(settings),
        audit,
        clock,
        notified::add);
  }

  /** The browser step: follows the authorization URL and reads the redirect by hand. */
  private Redirect authorize(AuthorizationStart start) throws Exception {
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(start.authorizationUri()).GET().build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(302);
    URI location = URI.create(response.headers().firstValue("Location").orElseThrow());
    assertThat(location.getScheme() + "://" + location.getAuthority() + location.getPath())
        .isEqualTo(REDIRECT);
    Map<String, String> query = query(location);
    assertThat(query).containsKeys("code", "state");
    return new Redirect(query.get("code"), query.get("state"));
  }

  private OAuthConnection connect(Principal principal) throws Exception {
    Redirect redirect = authorize(flow.initiate(principal, "acme"));
    return flow.callback(principal, "acme", redirect.code(), redirect.state());
  }

  private void tamperVerifier(String state, String verifier) {
    PendingAuthorizations store = flow.pendingAuthorizations();
    PendingAuthorization original = (PendingAuthorization) store.take(state);
    store.put(state, original.withCodeVerifier(verifier));
  }

  private JsonNode storedTokens(TenantId tenant) {
    String text = secrets.text(tenant, ACME_TOKENS);
    assertThat(text).as("stored tokens of %s", tenant).isNotNull();
    return JSON.readTree(text);
  }

  private void assertRefused(Runnable call, ErrorCode code, String reason, Principal caller) {
    int before = audit.denials().size();
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.reason()).isEqualTo(reason);
            });
    assertThat(audit.denials().subList(before, audit.denials().size()))
        .containsExactly(
            new Denial(
                "authorization", reason, code, caller.tenant(), caller.subject(), "oauth.connect"));
  }

  /** The next request the server received to an endpoint, skipping others. */
  private RecordedRequest nextRequestTo(String endpoint) {
    for (int i = 0; i < 50; i++) {
      RecordedRequest request = server.takeRequest();
      if (request.getPath().startsWith("/" + ISSUER + "/" + endpoint)) {
        return request;
      }
    }
    return fail("no request to " + endpoint);
  }

  private void drainRequests() throws Exception {
    requestsUntilSentinel();
  }

  /**
   * The paths of every request the server received since the last call: sends a marker request and
   * takes requests up to it, so "no request" needs no waiting.
   */
  private List<String> requestsUntilSentinel() throws Exception {
    http.send(
        HttpRequest.newBuilder(server.wellKnownUrl(ISSUER).uri()).GET().build(),
        HttpResponse.BodyHandlers.discarding());
    List<String> paths = new ArrayList<>();
    while (true) {
      String path = server.takeRequest().getPath();
      if (path.contains("/.well-known/")) {
        return paths;
      }
      paths.add(path);
    }
  }

  /** A token request for a code without any verifier, bypassing the flow. */
  private HttpResponse<String> redeemDirectly(String code) throws Exception {
    String body =
        "grant_type=authorization_code&code="
            + URLEncoder.encode(code, StandardCharsets.UTF_8)
            + "&redirect_uri="
            + URLEncoder.encode(REDIRECT, StandardCharsets.UTF_8);
    return http.send(
        HttpRequest.newBuilder(server.tokenEndpointUrl(ISSUER).uri())
            .header("Authorization", basic(CLIENT_ID, CLIENT_SECRET))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, String password) {
    // RFC 6749 2.3.1: both parts are form-urlencoded before base64.
    String pair =
        URLEncoder.encode(user, StandardCharsets.UTF_8)
            + ":"
            + URLEncoder.encode(password, StandardCharsets.UTF_8);
    return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
  }

  private static Map<String, String> query(URI uri) {
    return form(uri.getRawQuery());
  }

  private static Map<String, String> form(String encoded) {
    Map<String, String> values = new LinkedHashMap<>();
    if (encoded == null || encoded.isEmpty()) {
      return values;
    }
    for (String pair : encoded.split("&")) {
      int eq = pair.indexOf('=');
      String key = eq < 0 ? pair : pair.substring(0, eq);
      String value = eq < 0 ? "" : pair.substring(eq + 1);
      values.put(
          URLDecoder.decode(key, StandardCharsets.UTF_8),
          URLDecoder.decode(value, StandardCharsets.UTF_8));
    }
    return values;
  }
}
