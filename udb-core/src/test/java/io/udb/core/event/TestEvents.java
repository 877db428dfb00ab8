package io.udb.core.event;

import io.udb.api.TenantId;
import io.udb.api.event.EventEnvelope;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;

/** Small, valid events for the sink tests, with ids {@code e-1}, {@code e-2}, ... */
final class TestEvents {
  private final AtomicInteger ids = new AtomicInteger();
  private final EventFactory factory =
      new EventFactory(
          URI.create("/udb/test"),
          Clock.fixed(Instant.parse("2026-11-27T10:00:00.123Z"), ZoneOffset.UTC),
          () -> "e-" + ids.incrementAndGet());

  /** A {@code udb.security.denied} event whose operation is {@code op}. */
  EventEnvelope denied(String op) {
    return factory.securityDenied(TenantId.of("acme"), "corr", "FORBIDDEN", "alice", op);
  }

  /** A {@code udb.ingest.completed} event. */
  EventEnvelope ingested(String table) {
    return factory.ingestCompleted(
        TenantId.of("acme"),
        "corr",
        EventFactoryTest.mapOf("table", table, "rowsRead", 1, "rowsLoaded", 1, "rowsRejected", 0));
  }
}
