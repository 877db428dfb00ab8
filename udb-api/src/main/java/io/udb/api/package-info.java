/**
 * UDB's public API: domain records, the error model and the service provider interfaces (SPIs).
 *
 * <p>This module depends on the JDK alone. Everything here is public API: SPIs evolve only through
 * default methods, so a plugin compiled against an older version keeps working.
 */
package io.udb.api;
