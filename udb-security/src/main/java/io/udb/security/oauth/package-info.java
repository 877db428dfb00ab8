/**
 * OAuth2 authorization-code flow with PKCE for connectors: providers configured by name, {@code
 * state} and verifier kept server-side and single-use, tokens stored only through the tenant's
 * {@link io.udb.api.secret.SecretsProvider}, refreshed before expiry and revoked on disconnect.
 *
 * <p>{@link io.udb.security.oauth.OAuthFlow} needs Nimbus {@code com.nimbusds:oauth2-oidc-sdk} on
 * the class path (an optional dependency of {@code udb-security}); the settings types load without
 * it.
 */
package io.udb.security.oauth;
