/**
 * Tenant-scoped connections to sources: the connector catalog with configuration schemas, run-time
 * schema validation, the connection store in each tenant's internal schema, and the service that
 * creates, discovers, lists, deletes and syncs connections.
 */
package io.udb.ingest.connection;
