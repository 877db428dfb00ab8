/** Connectors: the SPI for reading outside sources into a tenant's database. */
package io.udb.api.connector;
