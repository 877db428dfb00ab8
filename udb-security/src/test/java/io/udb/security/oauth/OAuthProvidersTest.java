package io.udb.security.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class OAuthProvidersTest {

  private static Map<String, String> github() {
    Map<String, String> keys = new HashMap<>();
    keys.put("oauth.providers.github.authorize-url", "https://github.com/login/oauth/authorize");
    keys.put("oauth.providers.github.token-url", "https://github.com/login/oauth/access_token");
    keys.put("oauth.providers.github.client-id", "Iv1.abc");
    keys.put("oauth.providers.github.redirect-uri", "https://app.example.com/oauth/callback");
    return keys;
  }

  @Test
  void readsEveryProviderKey() {
    Map<String, String> keys = github();
    keys.put("oauth.providers.github.revoke-url", "https://github.com/revoke");
    keys.put("oauth.providers.github.client-secret-ref", "github-client-secret");
    keys.put("oauth.providers.github.client-secret-tenant", "udb-shared");
    keys.put("oauth.providers.github.scopes", "repo, read:org");
    keys.put("oauth.pending-ttl", "5m");

    OAuthProviders providers = OAuthProviders.from(Settings.of(keys));

    assertThat(providers.names()).containsExactly("github");
    OAuthProviderSettings github = providers.require("github");
    assertThat(github.authorizeUri())
        .isEqualTo(URI.create("https://github.com/login/oauth/authorize"));
    assertThat(github.tokenUri())
        .isEqualTo(URI.create("https://github.com/login/oauth/access_token"));
    assertThat(github.revokeUri()).contains(URI.create("https://github.com/revoke"));
    assertThat(github.clientId()).isEqualTo("Iv1.abc");
    assertThat(github.clientSecretRef()).contains("github-client-secret");
    assertThat(github.clientSecretTenant()).contains(TenantId.of("udb-shared"));
    assertThat(github.scopes()).containsExactly("repo", "read:org");
    assertThat(github.redirectUri())
        .isEqualTo(URI.create("https://app.example.com/oauth/callback"));
    assertThat(github.publicClient()).isFalse();
  }

  @Test
  void optionalKeysDefaultToAPublicClientWithoutRevocation() {
    OAuthProviderSettings github = OAuthProviders.from(Settings.of(github())).require("github");

    assertThat(github.revokeUri()).isEmpty();
    assertThat(github.clientSecretRef()).isEmpty();
    assertThat(github.clientSecretTenant()).isEmpty();
    assertThat(github.scopes()).isEmpty();
    assertThat(github.publicClient()).isTrue();
  }

  @Test
  void readsSeveralProvidersAndIgnoresOtherKeys() {
    Map<String, String> keys = github();
    github().forEach((k, v) -> keys.put(k.replace(".github.", ".gitlab."), v));
    keys.put("engine.threads", "4");

    assertThat(OAuthProviders.from(Settings.of(keys)).names()).containsExactly("github", "gitlab");
    assertThat(OAuthProviders.from(Settings.empty()).names()).isEmpty();
  }

  @Test
  void refusesMissingRequiredKeyNamingIt() {
    Map<String, String> keys = github();
    keys.remove("oauth.providers.github.token-url");

    assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("oauth.providers.github.token-url");
  }

  @Test
  void refusesMisspelledProviderKey() {
    Map<String, String> keys = github();
    keys.put("oauth.providers.github.revocation-url", "https://github.com/revoke");

    assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("oauth.providers.github.revocation-url");
  }

  @Test
  void refusesKeyWithoutProviderName() {
    assertThatThrownBy(
            () -> OAuthProviders.from(Settings.of(Map.of("oauth.providers.client-id", "x"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("oauth.providers.<name>.<key>");
  }

  @Test
  void refusesPlainHttpToANonLoopbackHost() {
    Map<String, String> keys = github();
    keys.put("oauth.providers.github.token-url", "http://github.com/login/oauth/access_token");

    assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("token-url")
        .hasMessageContaining("https");
  }

  @Test
  void allowsPlainHttpOnLoopbackHosts() {
    for (String host : List.of("localhost", "127.0.0.1", "[::1]")) {
      Map<String, String> keys = github();
      keys.put("oauth.providers.github.token-url", "http://" + host + ":8080/token");

      assertThat(OAuthProviders.from(Settings.of(keys)).require("github").tokenUri().getHost())
          .isEqualTo(host);
    }
  }

  @Test
  void refusesUrlsWithUserInfoOrFragmentOrNoHost() {
    for (String url :
        List.of(
            "https://user:pw@github.com/token",
            "https://github.com/token#frag",
            "/token",
            "mailto:a@b.c")) {
      Map<String, String> keys = github();
      keys.put("oauth.providers.github.token-url", url);

      assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
          .as(url)
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("token-url");
    }
  }

  @Test
  void refusesProviderNameUnfitForSecretNamesAndTags() {
    Map<String, String> keys = new HashMap<>();
    github().forEach((k, v) -> keys.put(k.replace(".github.", ".GitHub."), v));

    assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("GitHub");
  }

  @Test
  void refusesScopeWithSpaceOrQuote() {
    for (String scopes : List.of("repo read", "repo,\"x\"")) {
      Map<String, String> keys = github();
      keys.put("oauth.providers.github.scopes", scopes);

      assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("scope");
    }
  }

  @Test
  void refusesSecretTenantWithoutSecretRefAndInvalidTenant() {
    Map<String, String> keys = github();
    keys.put("oauth.providers.github.client-secret-tenant", "udb-shared");
    assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("client-secret-ref");

    keys.put("oauth.providers.github.client-secret-ref", "s");
    keys.put("oauth.providers.github.client-secret-tenant", "../etc");
    assertThatThrownBy(() -> OAuthProviders.from(Settings.of(keys)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("client-secret-tenant");
  }

  @Test
  void requireOfUnknownProviderIsConfigInvalidWithReason() {
    OAuthProviders providers = OAuthProviders.from(Settings.of(github()));

    assertThat(providers.find("gitlab")).isEmpty();
    assertThat(providers.find(null)).isEmpty();
    assertThatThrownBy(() -> providers.require("gitlab"))
        .isInstanceOfSatisfying(
            OAuthException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(e.reason()).isEqualTo(OAuthException.UNKNOWN_PROVIDER);
              assertThat(e.getMessage()).contains("gitlab", "github");
            });
  }

  @Test
  void ofRefusesDuplicateNames() {
    OAuthProviderSettings github = OAuthProviders.from(Settings.of(github())).require("github");

    assertThat(OAuthProviders.of(github).names()).containsExactly("github");
    assertThatThrownBy(() -> OAuthProviders.of(github, github))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("github");
  }

  @Test
  void recordRefusesBlankClientIdAndSecretRef() {
    URI https = URI.create("https://p.example.com/x");
    assertThatThrownBy(
            () ->
                new OAuthProviderSettings(
                    "p",
                    https,
                    https,
                    Optional.empty(),
                    " ",
                    Optional.empty(),
                    Optional.empty(),
                    List.of(),
                    https))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("client-id");
    assertThatThrownBy(
            () ->
                new OAuthProviderSettings(
                    "p",
                    https,
                    https,
                    Optional.empty(),
                    "id",
                    Optional.of(""),
                    Optional.empty(),
                    List.of(),
                    https))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("client-secret-ref");
  }
}
