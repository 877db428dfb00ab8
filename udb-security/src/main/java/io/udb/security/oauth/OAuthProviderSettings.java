package io.udb.security.oauth;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One OAuth2 provider (authorization server) that connectors may use, read from the keys {@code
 * oauth.providers.<name>.*}.
 *
 * <p>Endpoints and the redirect URI must be {@code https}, or {@code http} on a loopback host
 * ({@code localhost}, {@code 127.*}, {@code [::1]}) for development and tests, so that a client
 * secret, code or token never crosses a network in the clear. URLs may not carry user info or a
 * fragment.
 *
 * @param name the provider's name: 1-63 characters of {@code a-z 0-9 _ -}; it appears in the secret
 *     name {@code oauth.<name>.tokens} and in metric tags
 * @param authorizeUri the authorization endpoint the user's browser is sent to
 * @param tokenUri the token endpoint (code exchange and refresh)
 * @param revokeUri the RFC 7009 revocation endpoint, if the provider has one
 * @param clientId the client id registered with the provider
 * @param clientSecretRef the name of the secret holding the client secret; empty for a public
 *     client, which then authenticates with its client id alone
 * @param clientSecretTenant the tenant whose secrets hold the client secret; empty means the tenant
 *     on whose behalf the flow runs (see {@code docs/security.md})
 * @param scopes the scopes requested, in order; may be empty
 * @param redirectUri the redirect URI registered with the provider, where the host receives the
 *     callback
 */
public record OAuthProviderSettings(
    String name,
    URI authorizeUri,
    URI tokenUri,
    Optional<URI> revokeUri,
    String clientId,
    Optional<String> clientSecretRef,
    Optional<TenantId> clientSecretTenant,
    List<String> scopes,
    URI redirectUri) {

  /** The keys a provider accepts below {@code oauth.providers.<name>.}. */
  public static final Set<String> KEYS =
      Set.of(
          "authorize-url",
          "token-url",
          "revoke-url",
          "client-id",
          "client-secret-ref",
          "client-secret-tenant",
          "scopes",
          "redirect-uri");

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,62}");
  // RFC 6749 section 3.3: scope-token = 1*( %x21 / %x23-5B / %x5D-7E )
  private static final Pattern SCOPE_TOKEN = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

  /** Validates every field; see the class description for the rules. */
  public OAuthProviderSettings {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw invalid(
          "OAuth provider name '"
              + printable(name)
              + "' must be 1-63 characters of a-z, 0-9, '_' or '-', starting with a letter or"
              + " digit");
    }
    checkEndpoint(name, "authorize-url", authorizeUri);
    checkEndpoint(name, "token-url", tokenUri);
    Objects.requireNonNull(revokeUri, "revokeUri")
        .ifPresent(u -> checkEndpoint(name, "revoke-url", u));
    checkEndpoint(name, "redirect-uri", redirectUri);
    if (clientId == null || clientId.isBlank()) {
      throw invalid("OAuth provider '" + name + "' needs a non-blank 'client-id'");
    }
    Objects.requireNonNull(clientSecretRef, "clientSecretRef");
    if (clientSecretRef.filter(String::isBlank).isPresent()) {
      throw invalid("OAuth provider '" + name + "' has a blank 'client-secret-ref'");
    }
    Objects.requireNonNull(clientSecretTenant, "clientSecretTenant");
    if (clientSecretTenant.isPresent() && clientSecretRef.isEmpty()) {
      throw invalid(
          "OAuth provider '"
              + name
              + "' sets 'client-secret-tenant' without 'client-secret-ref'; set both or neither");
    }
    scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
    for (String scope : scopes) {
      if (!SCOPE_TOKEN.matcher(scope).matches()) {
        throw invalid(
            "OAuth provider '"
                + name
                + "' has scope '"
                + printable(scope)
                + "'; scopes are comma-separated tokens without spaces, quotes or backslashes");
      }
    }
  }

  /**
   * Reads one provider from settings already narrowed to {@code oauth.providers.<name>.}.
   *
   * @param name the provider's name
   * @param settings the provider's keys ({@code authorize-url}, {@code token-url}, ...)
   * @return the validated provider
   * @throws ConfigurationException ({@link ErrorCode#CONFIG_INVALID}) naming the offending key
   */
  public static OAuthProviderSettings from(String name, Settings settings) {
    String prefix = "oauth.providers." + name + ".";
    for (String key : settings.keys()) {
      if (!KEYS.contains(key)) {
        throw invalid(
            "Unknown setting '"
                + prefix
                + printable(key)
                + "'; a provider accepts "
                + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    return new OAuthProviderSettings(
        name,
        uri(prefix, "authorize-url", required(settings, prefix, "authorize-url")),
        uri(prefix, "token-url", required(settings, prefix, "token-url")),
        settings.raw("revoke-url").filter(v -> !v.isBlank()).map(v -> uri(prefix, "revoke-url", v)),
        required(settings, prefix, "client-id").trim(),
        settings.raw("client-secret-ref").map(String::trim),
        settings.raw("client-secret-tenant").map(v -> tenant(prefix, v)),
        settings.getList("scopes"),
        uri(prefix, "redirect-uri", required(settings, prefix, "redirect-uri")));
  }

  /** Tells whether the client authenticates with its id alone (no client secret). */
  public boolean publicClient() {
    return clientSecretRef.isEmpty();
  }

  private static String required(Settings settings, String prefix, String key) {
    return settings
        .raw(key)
        .filter(v -> !v.isBlank())
        .orElseThrow(() -> invalid("Missing required setting '" + prefix + key + "'"));
  }

  private static URI uri(String prefix, String key, String raw) {
    try {
      return new URI(raw.trim());
    } catch (URISyntaxException e) {
      throw invalid("Setting '" + prefix + key + "' is not a valid URL: " + e.getReason());
    }
  }

  private static TenantId tenant(String prefix, String raw) {
    try {
      return TenantId.of(raw.trim());
    } catch (UdbException e) {
      throw invalid(
          "Setting '"
              + prefix
              + "client-secret-tenant' is not a valid tenant id: "
              + e.getMessage());
    }
  }

  private static void checkEndpoint(String provider, String key, URI uri) {
    Objects.requireNonNull(uri, key);
    String where = "Setting 'oauth.providers." + provider + "." + key + "'";
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    if (!uri.isAbsolute() || uri.getHost() == null) {
      throw invalid(where + " must be an absolute http(s) URL with a host");
    }
    if (uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
      throw invalid(where + " must not contain user info or a fragment");
    }
    if (!scheme.equals("https") && !(scheme.equals("http") && isLoopback(uri.getHost()))) {
      throw invalid(where + " must use https (plain http is allowed only for a loopback host)");
    }
  }

  private static boolean isLoopback(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    return h.equals("localhost")
        || h.equals("[::1]")
        || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }

  private static String printable(String raw) {
    String cut = raw.length() > 70 ? raw.substring(0, 70) + "..." : raw;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
