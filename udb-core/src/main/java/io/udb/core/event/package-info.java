/**
 * UDB's event layer: the CloudEvents JSON form of {@link io.udb.api.event.EventEnvelope}, the
 * factory that builds each event type, the built-in sinks, the publisher that fans events out to
 * them, and the JSON Schemas every event type is published with.
 */
package io.udb.core.event;
