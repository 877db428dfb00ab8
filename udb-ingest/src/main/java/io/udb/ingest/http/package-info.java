/**
 * The {@code http} connector for paged JSON REST APIs, and the resilient HTTP client (retries,
 * {@code Retry-After}, deadlines, same-origin redirects, network policy) that the Airbyte connector
 * shares.
 */
package io.udb.ingest.http;
