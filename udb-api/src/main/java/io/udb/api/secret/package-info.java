/** Secrets: redacting value holder and the provider SPI. */
package io.udb.api.secret;
