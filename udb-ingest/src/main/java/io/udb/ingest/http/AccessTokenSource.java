package io.udb.ingest.http;

import io.udb.api.TenantId;
import io.udb.api.secret.SecretValue;
import io.udb.security.oauth.OAuthFlow;
import java.util.Objects;

/**
 * Gives a tenant's current OAuth2 access token for a provider; the production source is {@link
 * OAuthFlow#accessToken(TenantId, String)}, which refreshes tokens before they expire.
 */
@FunctionalInterface
public interface AccessTokenSource {

  /**
   * The access token to send now.
   *
   * @param tenant the tenant whose connection to the provider is used
   * @param provider the provider's name
   * @return the token; callers do not keep it
   */
  SecretValue accessToken(TenantId tenant, String provider);

  /**
   * The tokens of an OAuth flow.
   *
   * @param flow the flow
   * @return the source
   */
  static AccessTokenSource of(OAuthFlow flow) {
    Objects.requireNonNull(flow, "flow");
    return flow::accessToken;
  }
}
