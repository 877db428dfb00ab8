/** Artifacts: the files jobs produce, their manifest and the store SPI. */
package io.udb.api.artifact;
