/** Bringing data into tenant databases: files first, connectors in later releases. */
package io.udb.ingest;
