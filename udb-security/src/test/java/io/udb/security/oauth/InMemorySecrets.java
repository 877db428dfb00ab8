package io.udb.security.oauth;

import io.udb.api.TenantId;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** A writable, tenant-scoped secrets provider held in memory, for tests. */
final class InMemorySecrets implements SecretsProvider {
  private final ConcurrentMap<String, SecretValue> values = new ConcurrentHashMap<>();

  @Override
  public Optional<SecretValue> resolve(TenantId tenant, String name) {
    return Optional.ofNullable(values.get(key(tenant, name)));
  }

  @Override
  public void store(TenantId tenant, String name, SecretValue value) {
    values.put(key(tenant, name), value);
  }

  /** The stored text, or null. */
  String text(TenantId tenant, String name) {
    SecretValue value = values.get(key(tenant, name));
    return value == null ? null : value.reveal();
  }

  private static String key(TenantId tenant, String name) {
    return tenant.value() + '\n' + name;
  }
}
