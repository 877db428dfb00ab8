/** The {@link io.udb.core.DataBox} facade: the one object a host application builds and uses. */
package io.udb.core;
