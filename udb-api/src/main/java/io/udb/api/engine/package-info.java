/** The analytics engine SPI, its dialect, and table, column and result records. */
package io.udb.api.engine;
