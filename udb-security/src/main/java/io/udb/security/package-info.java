/** Security services that sit below the core, so that no DataBox can be assembled without them. */
package io.udb.security;
