package io.udb.api.connector;

import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A connection's configuration as a connector receives it: plain settings plus the secrets its
 * secret references resolved to, and the tenant that owns the connection (so that a connector can
 * keep tenants apart, e.g. a file connector's folder per tenant). {@link #toString()} prints only
 * secret names.
 *
 * @param settings the plain settings (no secret values)
 * @param secrets resolved secrets by reference name
 * @param owner the tenant the connection belongs to, or {@code null} when the caller names none
 *     (see {@link #tenant()})
 */
public record ConnectorConfig(Settings settings, Map<String, SecretValue> secrets, TenantId owner) {
  /** Validates and copies. */
  public ConnectorConfig {
    Objects.requireNonNull(settings, "settings");
    secrets = Map.copyOf(secrets);
  }

  /**
   * A configuration that names no tenant (as before tenants were passed to connectors).
   *
   * @param settings the plain settings
   * @param secrets resolved secrets by reference name
   */
  public ConnectorConfig(Settings settings, Map<String, SecretValue> secrets) {
    this(settings, secrets, null);
  }

  /** The tenant the connection belongs to; empty when the caller named none. */
  public Optional<TenantId> tenant() {
    return Optional.ofNullable(owner);
  }

  @Override
  public String toString() {
    return "ConnectorConfig[settings="
        + settings
        + ", secrets="
        + secrets.keySet()
        + ", tenant="
        + owner
        + "]";
  }
}
