package io.udb.api.secret;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import java.util.Optional;

/**
 * Resolves secrets (passwords, tokens, keys) by name for a tenant.
 *
 * <p>Contract: thread-safe; a tenant can never resolve another tenant's secret; implementations
 * never log values; a missing secret is an empty result, a backend failure an exception with {@link
 * ErrorCode#STORAGE_ERROR}.
 */
public interface SecretsProvider extends AutoCloseable {

  /**
   * Resolves a secret.
   *
   * @param tenant the tenant
   * @param name the secret's name
   * @return the value, or empty when there is none
   */
  Optional<SecretValue> resolve(TenantId tenant, String name);

  /**
   * Stores or replaces a secret. Read-only providers (e.g. environment variables) keep the default,
   * which refuses.
   *
   * @param tenant the tenant
   * @param name the secret's name
   * @param value the value
   * @throws UdbException with {@link ErrorCode#SECRETS_READ_ONLY} when not supported
   */
  default void store(TenantId tenant, String name, SecretValue value) {
    throw new UdbException(
        ErrorCode.SECRETS_READ_ONLY,
        "This secrets provider is read-only; configure a writable one (e.g. encrypted-file)");
  }

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}
