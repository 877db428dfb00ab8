/** Events: the CloudEvents envelope, the event types and the sink SPI. */
package io.udb.api.event;
