/**
 * The {@code airbyte} connector: triggers and follows an Airbyte connection's sync through the
 * Airbyte API v1, then reads the synced destination tables.
 */
package io.udb.ingest.airbyte;
