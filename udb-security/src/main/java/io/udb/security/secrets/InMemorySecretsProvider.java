package io.udb.security.secrets;

import io.udb.api.TenantId;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps secrets in memory, per tenant; writable. Meant for tests and demos: everything is lost when
 * the process ends. Thread-safe.
 */
public final class InMemorySecretsProvider implements SecretsProvider {
  /** The name that selects this provider. */
  public static final String NAME = "memory";

  private final Map<TenantId, Map<String, SecretValue>> secrets = new ConcurrentHashMap<>();

  /** Creates an empty provider. */
  public InMemorySecretsProvider() {}

  @Override
  public Optional<SecretValue> resolve(TenantId tenant, String name) {
    Objects.requireNonNull(tenant, "tenant");
    SecretNames.requireValid(name);
    return Optional.ofNullable(secrets.getOrDefault(tenant, Map.of()).get(name));
  }

  @Override
  public void store(TenantId tenant, String name, SecretValue value) {
    Objects.requireNonNull(tenant, "tenant");
    SecretNames.requireValid(name);
    Objects.requireNonNull(value, "value");
    secrets.computeIfAbsent(tenant, t -> new ConcurrentHashMap<>()).put(name, value);
  }

  /**
   * Removes a secret.
   *
   * @param tenant the tenant
   * @param name the secret's name
   * @return true when a secret was removed
   */
  public boolean remove(TenantId tenant, String name) {
    Objects.requireNonNull(tenant, "tenant");
    SecretNames.requireValid(name);
    Map<String, SecretValue> own = secrets.get(tenant);
    return own != null && own.remove(name) != null;
  }

  @Override
  public String toString() {
    return "InMemorySecretsProvider[tenants=" + secrets.size() + "]";
  }
}
