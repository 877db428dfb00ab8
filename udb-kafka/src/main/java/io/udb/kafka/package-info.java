/**
 * The {@code kafka} event sink plugin: UDB's CloudEvents delivered to Apache Kafka by an idempotent
 * producer, keyed by tenant, in structured or binary content mode.
 */
package io.udb.kafka;
