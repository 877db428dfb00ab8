package io.udb.spring.autoconfigure;

import java.util.Map;

/**
 * Adds to or changes the flat plugin and security settings (keys such as {@code
 * security.auth.hmac-secret} or {@code job-store.jdbc.url}) after they were collected from {@code
 * udb.settings.*}, {@code udb.security.*} and {@code UDB_JWT_SECRET}, before the {@code DataBox} is
 * built and its authentication configuration is checked. The demo uses it to supply a generated JWT
 * secret. Customizers run in {@link org.springframework.core.Ordered} order.
 */
@FunctionalInterface
public interface UdbSettingsCustomizer {
  /**
   * Adjusts the settings.
   *
   * @param settings the mutable settings, keys without the {@code udb.settings.} prefix
   */
  void customize(Map<String, String> settings);
}
