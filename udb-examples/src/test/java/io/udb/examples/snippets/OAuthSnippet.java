package io.udb.examples.snippets;

import io.udb.api.Principal;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import io.udb.security.audit.SecurityAudit;
import io.udb.security.oauth.AuthorizationStart;
import io.udb.security.oauth.OAuthConnection;
import io.udb.security.oauth.OAuthFlow;
import io.udb.security.oauth.OAuthFlowSettings;
import io.udb.security.oauth.OAuthProviders;
import java.time.Clock;

/** docs/security.md: the OAuth2 authorization code flow. */
final class OAuthSnippet {
  private OAuthSnippet() {}

  static SecretValue flow(
      Settings settings,
      SecretsProvider secretsProvider,
      SecurityAudit audit,
      Principal principal,
      TenantId tenant,
      String code,
      String state) {
    // spotless:off
    // snippet:begin OAuthFlow
    OAuthProviders providers = OAuthProviders.from(settings);
    OAuthFlow flow = new OAuthFlow(providers, secretsProvider, OAuthFlowSettings.from(settings),
        audit, Clock.systemUTC(), provider -> { /* increment udb.oauth.initiations{provider} */ });

    AuthorizationStart start = flow.initiate(principal, "github");   // redirect the browser to start.authorizationUri()
    OAuthConnection c = flow.callback(principal, "github", code, state); // from the redirect's query
    SecretValue token = flow.accessToken(tenant, "github");          // for the connector, refreshed when due
    flow.revoke(tenant, "github");                                    // disconnect
    // snippet:end
    // spotless:on
    return start == null || c == null ? null : token;
  }
}
