/**
 * Helpers shared by the capability packages of this module (checks, drift) for UDB's own state
 * tables. Not API: may change in any release.
 */
package io.udb.quality.internal;
