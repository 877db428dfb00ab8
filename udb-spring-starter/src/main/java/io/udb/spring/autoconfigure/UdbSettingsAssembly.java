package io.udb.spring.autoconfigure;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * Turns the {@code udb.*} properties into the flat {@link Settings} of a DataBox, and decides
 * whether the result may run without token verification.
 */
final class UdbSettingsAssembly {
  /** The environment variable holding the base64 HMAC secret (CONTRACT.md). */
  static final String JWT_SECRET_ENV = "UDB_JWT_SECRET";

  static final String HMAC_SECRET = "security.auth.hmac-secret";
  static final String JWKS_URL = "security.auth.jwks-url";
  static final String JWKS_FILE = "security.auth.jwks-file";

  private static final String DISPATCHER_SERVLET =
      "org.springframework.web.servlet.DispatcherServlet";

  private UdbSettingsAssembly() {}

  /**
   * Collects the settings: {@code udb.settings.*} first, then the typed {@code udb.security.*}
   * properties over them, then {@code UDB_JWT_SECRET} when no key source is set, then the
   * customizers.
   */
  static Settings assemble(
      UdbProperties properties, Environment environment, List<UdbSettingsCustomizer> customizers) {
    Map<String, String> values = new TreeMap<>();
    properties
        .getSettings()
        .forEach(
            (key, value) -> {
              if (value != null) {
                values.put(key, value);
              }
            });
    UdbProperties.Security security = properties.getSecurity();
    putIfText(values, HMAC_SECRET, security.getJwtSecret());
    putIfText(values, JWKS_URL, security.getJwksUrl());
    putIfText(values, JWKS_FILE, security.getJwksFile());
    putIfText(values, "security.auth.issuer", security.getIssuer());
    putIfText(values, "security.auth.audience", security.getAudience());
    if (security.getClockSkew() != null) {
      values.put("security.auth.clock-skew", security.getClockSkew().toMillis() + "ms");
    }
    if (!hasKeySource(values)) {
      putIfText(values, HMAC_SECRET, environment.getProperty(JWT_SECRET_ENV));
    }
    for (UdbSettingsCustomizer customizer : customizers) {
      customizer.customize(values);
    }
    return Settings.of(values);
  }

  /**
   * Refuses a configuration that would serve the HTTP API without any way to verify tokens.
   *
   * @throws ConfigurationException {@code CONFIG_INVALID} saying what to set
   */
  static void requireTokenVerification(
      Settings settings,
      UdbProperties properties,
      Environment environment,
      ClassLoader classLoader) {
    if (hasKeySource(settings) || properties.getDemo().isEnabled()) {
      return;
    }
    Boolean web = environment.getProperty("udb.web.enabled", Boolean.class);
    boolean webActive = web != null ? web : ClassUtils.isPresent(DISPATCHER_SERVLET, classLoader);
    if (!webActive) {
      return;
    }
    throw new ConfigurationException(
        ErrorCode.CONFIG_INVALID,
        "No JWT verification key is configured, so the UDB HTTP API cannot authenticate anyone."
            + " Set the environment variable "
            + JWT_SECRET_ENV
            + " (base64 of at least 32 random bytes, e.g. `openssl rand -base64 32`) or"
            + " udb.security.jwt-secret, or a JWKS with udb.security.jwks-url or"
            + " udb.security.jwks-file. To use UDB as a library without its HTTP API set"
            + " udb.web.enabled=false; for the demo set udb.demo.enabled=true.");
  }

  private static boolean hasKeySource(Map<String, String> values) {
    return hasText(values.get(HMAC_SECRET))
        || hasText(values.get(JWKS_URL))
        || hasText(values.get(JWKS_FILE));
  }

  private static boolean hasKeySource(Settings settings) {
    return settings.raw(HMAC_SECRET).filter(UdbSettingsAssembly::hasText).isPresent()
        || settings.raw(JWKS_URL).filter(UdbSettingsAssembly::hasText).isPresent()
        || settings.raw(JWKS_FILE).filter(UdbSettingsAssembly::hasText).isPresent();
  }

  private static void putIfText(Map<String, String> values, String key, String value) {
    if (hasText(value)) {
      values.put(key, value.trim());
    }
  }

  private static boolean hasText(String value) {
    return value != null && !value.isBlank();
  }
}
