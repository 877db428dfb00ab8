/** The shape every UDB plugin factory shares, and what it is given at creation. */
package io.udb.api.plugin;
