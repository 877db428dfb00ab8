/**
 * JWT bearer authentication: {@link io.udb.security.auth.JwtAuthenticator} turns a verified token
 * into a {@link io.udb.api.Principal}, with keys from an HMAC secret or a JWKS document ({@link
 * io.udb.security.auth.JwksKeySource}). jjwt is used through its JSON SPI with a small Jackson 3
 * adapter, so Jackson 2 never enters the class path.
 */
package io.udb.security.auth;
