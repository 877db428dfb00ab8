package io.udb.security.oauth;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The configured OAuth2 providers by name. Immutable and thread-safe.
 *
 * <p>Each provider is a group of keys {@code oauth.providers.<name>.<key>}; see {@link
 * OAuthProviderSettings#KEYS} and {@code docs/security.md}.
 */
public final class OAuthProviders {
  /** The prefix of every provider key. */
  public static final String PREFIX = "oauth.providers.";

  private final Map<String, OAuthProviderSettings> byName;

  private OAuthProviders(Map<String, OAuthProviderSettings> byName) {
    this.byName = Collections.unmodifiableMap(new TreeMap<>(byName));
  }

  /**
   * Reads every provider under {@code oauth.providers.}.
   *
   * @param settings the settings holding {@code oauth.providers.<name>.*} (other keys are ignored)
   * @return the providers, possibly none
   * @throws ConfigurationException ({@link ErrorCode#CONFIG_INVALID}) naming the offending key
   */
  public static OAuthProviders from(Settings settings) {
    Map<String, OAuthProviderSettings> providers = new TreeMap<>();
    for (String key : settings.keys()) {
      if (!key.startsWith(PREFIX)) {
        continue;
      }
      String rest = key.substring(PREFIX.length());
      int dot = rest.indexOf('.');
      if (dot <= 0) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID,
            "Setting '"
                + key
                + "' is not of the form 'oauth.providers.<name>.<key>'; e.g."
                + " 'oauth.providers.github.client-id'");
      }
      String name = rest.substring(0, dot);
      if (!providers.containsKey(name)) {
        providers.put(
            name, OAuthProviderSettings.from(name, settings.withPrefix(PREFIX + name + ".")));
      }
    }
    return new OAuthProviders(providers);
  }

  /**
   * Providers given directly (plain-Java set-up and tests).
   *
   * @param providers the providers; names must be distinct
   * @return the providers
   * @throws ConfigurationException when two providers share a name
   */
  public static OAuthProviders of(OAuthProviderSettings... providers) {
    Map<String, OAuthProviderSettings> byName = new TreeMap<>();
    for (OAuthProviderSettings provider : providers) {
      if (byName.put(provider.name(), provider) != null) {
        throw new ConfigurationException(
            ErrorCode.CONFIG_INVALID, "OAuth provider '" + provider.name() + "' is given twice");
      }
    }
    return new OAuthProviders(byName);
  }

  /** The names of the configured providers, sorted. */
  public Set<String> names() {
    return byName.keySet();
  }

  /**
   * Looks a provider up.
   *
   * @param name the provider's name
   * @return the provider, if configured
   */
  public Optional<OAuthProviderSettings> find(String name) {
    return Optional.ofNullable(name).map(byName::get);
  }

  /**
   * Looks a provider up, refusing an unknown name.
   *
   * @param name the provider's name
   * @return the provider
   * @throws OAuthException with {@link ErrorCode#CONFIG_INVALID} and reason {@link
   *     OAuthException#UNKNOWN_PROVIDER}
   */
  public OAuthProviderSettings require(String name) {
    return find(name)
        .orElseThrow(
            () ->
                new OAuthException(
                    ErrorCode.CONFIG_INVALID,
                    OAuthException.UNKNOWN_PROVIDER,
                    "No OAuth provider named '"
                        + printable(name)
                        + "' is configured; configured: "
                        + (byName.isEmpty() ? "none" : String.join(", ", byName.keySet()))));
  }

  @Override
  public String toString() {
    return "OAuthProviders" + byName.keySet();
  }

  private static String printable(String raw) {
    if (raw == null) {
      return "null";
    }
    String cut = raw.length() > 70 ? raw.substring(0, 70) + "..." : raw;
    return cut.replaceAll("\\p{Cntrl}", "?");
  }
}
