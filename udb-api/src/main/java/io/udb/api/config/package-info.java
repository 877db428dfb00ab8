/** Typed configuration handed to plugins. */
package io.udb.api.config;
