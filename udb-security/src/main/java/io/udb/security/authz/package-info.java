/** Authorization: the permission table, table grants and tenant quotas. */
package io.udb.security.authz;
