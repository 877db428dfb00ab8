/**
 * Wires udb-security's controls into the core: the audit that turns denials into events and
 * metrics, stored column classifications, and the bundle of controls a {@link io.udb.core.DataBox}
 * enforces for principals.
 */
package io.udb.core.security;
