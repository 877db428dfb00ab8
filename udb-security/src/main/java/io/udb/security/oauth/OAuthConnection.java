package io.udb.security.oauth;

import io.udb.api.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's connection to a provider, as callers may see it: holds no token material. The tokens
 * themselves stay in the tenant's secrets store.
 *
 * @param provider the provider's name
 * @param tenant the tenant that owns the connection
 * @param expiresAt when the current access token expires; {@code null} when the provider did not
 *     say
 * @param scopes the scopes granted (as reported by the provider, else as requested)
 */
public record OAuthConnection(
    String provider, TenantId tenant, Instant expiresAt, List<String> scopes) {

  /** Checks the required fields and copies the scopes. */
  public OAuthConnection {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(tenant, "tenant");
    scopes = List.copyOf(Objects.requireNonNull(scopes, "scopes"));
  }
}
