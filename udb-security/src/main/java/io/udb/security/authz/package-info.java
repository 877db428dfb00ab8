/**
 * Authorization: the permission table ({@link io.udb.security.authz.Operation}) enforced by {@link
 * io.udb.security.authz.AccessPolicy}, table grants and per-tenant quotas.
 */
package io.udb.security.authz;
