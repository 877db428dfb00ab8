package io.udb.kafka;

import io.udb.api.TenantId;
import io.udb.api.event.EventEnvelope;
import io.udb.core.event.EventFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** Valid events for the Kafka tests, ids {@code <prefix>-1}, {@code <prefix>-2}, ... */
final class KafkaEvents {
  private final AtomicInteger ids = new AtomicInteger();
  private final EventFactory factory;

  KafkaEvents(String prefix) {
    factory =
        new EventFactory(
            URI.create("/udb/kafka-test"),
            Clock.fixed(Instant.parse("2026-11-27T10:00:00.123Z"), ZoneOffset.UTC),
            () -> prefix + "-" + ids.incrementAndGet());
  }

  /** A {@code udb.ingest.completed} event of the tenant whose table names its sequence number. */
  EventEnvelope ingested(String tenant, int seq) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("table", "t" + seq);
    data.put("rowsRead", seq);
    data.put("rowsLoaded", seq);
    data.put("rowsRejected", 0);
    return factory.ingestCompleted(TenantId.of(tenant), "corr-" + seq, data);
  }

  /** A {@code udb.security.denied} event of the tenant. */
  EventEnvelope denied(String tenant, String operation) {
    return factory.securityDenied(TenantId.of(tenant), "corr", "FORBIDDEN", "alice", operation);
  }
}
