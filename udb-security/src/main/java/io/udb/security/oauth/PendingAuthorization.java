package io.udb.security.oauth;

import io.udb.api.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Objects;

/**
 * An authorization started and not yet completed, kept server-side under its {@code state}. The
 * verifier is not validated here but where it is used, so that a record from any store is checked
 * at the one place it matters.
 *
 * @param tenant the tenant the flow runs for
 * @param subject the subject of the principal that started it
 * @param provider the provider's name
 * @param codeVerifier the PKCE code verifier; secret
 * @param redirectUri the redirect URI sent with the authorization request
 * @param createdAt when it was started
 * @param expiresAt when it stops being accepted
 */
record PendingAuthorization(
    TenantId tenant,
    String subject,
    String provider,
    String codeVerifier,
    URI redirectUri,
    Instant createdAt,
    Instant expiresAt)
    implements PendingAuthorizations.Slot {

  PendingAuthorization {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(redirectUri, "redirectUri");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(expiresAt, "expiresAt");
  }

  /** A copy with another verifier (tests tamper with records through this). */
  PendingAuthorization withCodeVerifier(String verifier) {
    return new PendingAuthorization(
        tenant, subject, provider, verifier, redirectUri, createdAt, expiresAt);
  }

  @Override
  public String toString() {
    return "PendingAuthorization[tenant="
        + tenant
        + ", subject="
        + subject
        + ", provider="
        + provider
        + ", codeVerifier=***, createdAt="
        + createdAt
        + ", expiresAt="
        + expiresAt
        + "]";
  }
}
