/** Metrics and tracing: a small facade over Micrometer (optional) and the OpenTelemetry API. */
package io.udb.core.observe;
