package io.udb.api.connector;

import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import java.util.Map;
import java.util.Objects;

/**
 * A connection's configuration as a connector receives it: plain settings plus the secrets its
 * secret references resolved to. {@link #toString()} prints only secret names.
 *
 * @param settings the plain settings (no secret values)
 * @param secrets resolved secrets by reference name
 */
public record ConnectorConfig(Settings settings, Map<String, SecretValue> secrets) {
  /** Validates and copies. */
  public ConnectorConfig {
    Objects.requireNonNull(settings, "settings");
    secrets = Map.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "ConnectorConfig[settings=" + settings + ", secrets=" + secrets.keySet() + "]";
  }
}
