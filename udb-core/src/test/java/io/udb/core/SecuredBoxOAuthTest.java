package io.udb.core;

import static io.udb.core.SecuredBoxFixture.ACME;
import static io.udb.core.SecuredBoxFixture.admin;
import static io.udb.core.SecuredBoxFixture.analyst;
import static io.udb.core.SecuredBoxFixture.assertOneDenial;
import static io.udb.core.SecuredBoxFixture.count;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.secret.SecretValue;
import io.udb.core.event.InMemoryEventSink;
import io.udb.security.oauth.AuthorizationStart;
import io.udb.security.oauth.OAuthException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Starting an OAuth2 authorization through a {@link SecuredBox}: needs a configured provider, gives
 * a PKCE (S256) authorization URL and counts the start. No authorization server is needed until the
 * callback exchanges a code.
 */
class SecuredBoxOAuthTest {
  private static final Map<String, String> DEMO =
      Map.of(
          "oauth.providers.demo.authorize-url", "http://127.0.0.1:9/authorize",
          "oauth.providers.demo.token-url", "http://127.0.0.1:9/token",
          "oauth.providers.demo.client-id", "udb-demo",
          "oauth.providers.demo.scopes", "read,write",
          "oauth.providers.demo.redirect-uri", "http://127.0.0.1:8080/oauth/callback");

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  @Test
  void initiateWithoutProvidersIsAConfigurationError() {
    try (DataBox box =
        SecuredBoxFixture.builder(Map.of(), sink, registry).secretsProvider("memory").build()) {
      assertThatThrownBy(() -> box.as(analyst("ana")).oauthInitiate("demo"))
          .isInstanceOfSatisfying(
              UdbException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.getMessage()).contains("security.oauth.providers.");
              });
    }
  }

  @Test
  void initiateGivesAPkceAuthorizationUrlAndCountsIt() {
    try (DataBox box =
        SecuredBoxFixture.builder(DEMO, sink, registry).secretsProvider("memory").build()) {
      AuthorizationStart start = box.as(analyst("ana")).oauthInitiate("demo");

      assertThat(start.provider()).isEqualTo("demo");
      assertThat(start.authorizationUri().toString()).startsWith("http://127.0.0.1:9/authorize?");
      Map<String, String> query = query(start.authorizationUri().getRawQuery());
      assertThat(query)
          .containsEntry("response_type", "code")
          .containsEntry("client_id", "udb-demo")
          .containsEntry("code_challenge_method", "S256")
          .containsEntry("state", start.state())
          .containsEntry("redirect_uri", "http://127.0.0.1:8080/oauth/callback")
          .containsEntry("scope", "read write")
          .containsKey("code_challenge");
      assertThat(query.get("code_challenge")).matches("[A-Za-z0-9_-]{43}");
      assertThat(count(registry, "udb.oauth.initiations", "provider", "demo")).isEqualTo(1);

      box.as(analyst("ana")).oauthInitiate("demo");
      assertThat(count(registry, "udb.oauth.initiations", "provider", "demo")).isEqualTo(2);
    }
  }

  @Test
  void unknownProviderIsAConfigurationErrorAndNotCounted() {
    try (DataBox box =
        SecuredBoxFixture.builder(DEMO, sink, registry).secretsProvider("memory").build()) {
      assertThatThrownBy(() -> box.as(analyst("ana")).oauthInitiate("other"))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                assertThat(e.reason()).isEqualTo(OAuthException.UNKNOWN_PROVIDER);
              });
      assertThat(count(registry, "udb.oauth.initiations", "provider", "other")).isZero();
    }
  }

  @Test
  void confidentialClientNeedsItsSecretStoredFirst() {
    Map<String, String> settings = new HashMap<>(DEMO);
    settings.put("oauth.providers.demo.client-secret-ref", "oauth.demo.client-secret");
    try (DataBox box =
        SecuredBoxFixture.builder(settings, sink, registry).secretsProvider("memory").build()) {
      assertThatThrownBy(() -> box.as(analyst("ana")).oauthInitiate("demo"))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> assertThat(e.reason()).isEqualTo(OAuthException.CLIENT_SECRET_MISSING));

      box.as(admin("root")).storeSecret("oauth.demo.client-secret", SecretValue.of("s3cr3t"));

      AuthorizationStart start = box.as(analyst("ana")).oauthInitiate("demo");
      assertThat(start.authorizationUri().toString()).doesNotContain("s3cr3t");
    }
  }

  @Test
  void callbackWithAStateIssuedToSomeoneElseIsRefusedAndAudited() {
    try (DataBox box =
        SecuredBoxFixture.builder(DEMO, sink, registry).secretsProvider("memory").build()) {
      AuthorizationStart start = box.as(analyst("ana")).oauthInitiate("demo");
      sink.clear();

      assertThatThrownBy(() -> box.as(analyst("bea")).oauthCallback("demo", "code", start.state()))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
                assertThat(e.reason()).isEqualTo(OAuthException.STATE_PRINCIPAL_MISMATCH);
              });
      assertOneDenial(sink, "authorization.state_principal_mismatch", ACME, "bea", "oauth.connect");

      assertThatThrownBy(() -> box.as(analyst("ana")).oauthCallback("demo", "code", "forged"))
          .isInstanceOfSatisfying(
              OAuthException.class,
              e -> assertThat(e.reason()).isEqualTo(OAuthException.STATE_UNKNOWN));
      assertOneDenial(sink, "authorization.state_unknown", ACME, "ana", "oauth.connect");
    }
  }

  private static Map<String, String> query(String rawQuery) {
    Map<String, String> parameters = new HashMap<>();
    for (String pair : rawQuery.split("&")) {
      int eq = pair.indexOf('=');
      parameters.put(
          URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
          URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
    }
    return parameters;
  }
}
