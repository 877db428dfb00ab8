/** Jobs: the lifecycle of long operations, their store SPI and the context their bodies see. */
package io.udb.api.job;
