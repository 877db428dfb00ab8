package io.udb.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.core.event.EventSchemaAssertions;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.observe.MicrometerMetrics;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Shared set-up of the security wiring tests: a DataBox whose {@code security.*} settings are given
 * without the prefix, events into an {@link InMemoryEventSink} and metrics into a Micrometer
 * registry, plus helpers that read denials back.
 */
final class SecuredBoxFixture {
  static final TenantId ACME = TenantId.of("acme");
  static final TenantId GLOBEX = TenantId.of("globex");

  /** A 32-byte HMAC secret, base64: the smallest that HS256 accepts. */
  static final String HMAC_SECRET =
      Base64.getEncoder()
          .encodeToString("udb-core-security-wiring-test-k1".getBytes(StandardCharsets.US_ASCII));

  private SecuredBoxFixture() {}

  /**
   * A builder of an in-memory box with the given security settings.
   *
   * @param security keys below {@code security.}, without that prefix
   * @param sink receives the events
   * @param registry receives the metrics
   */
  static DataBoxBuilder builder(
      Map<String, String> security, InMemoryEventSink sink, MeterRegistry registry) {
    return DataBox.builder()
        .inMemory()
        .eventSinks(List.of())
        .eventSink(sink)
        .metrics(MicrometerMetrics.of(registry))
        .settings(securitySettings(security));
  }

  /** Settings holding each given key below {@code security.}. */
  static Settings securitySettings(Map<String, String> security) {
    Map<String, String> prefixed = new HashMap<>();
    security.forEach((key, value) -> prefixed.put("security." + key, value));
    return Settings.of(prefixed);
  }

  static Principal principal(String subject, Role role) {
    return Principal.of(subject, ACME, role);
  }

  static Principal viewer(String subject) {
    return principal(subject, Role.VIEWER);
  }

  static Principal analyst(String subject) {
    return principal(subject, Role.ANALYST);
  }

  static Principal admin(String subject) {
    return principal(subject, Role.ADMIN);
  }

  /** The current value of a counter, 0 when it was never incremented. */
  static double count(MeterRegistry registry, String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }

  /** The {@code udb.security.denied} events so far. */
  static List<EventEnvelope> denials(InMemoryEventSink sink) {
    return sink.events(EventTypes.SECURITY_DENIED);
  }

  /**
   * Asserts that exactly one denial event was emitted, that it is valid against its schema and
   * carries the given reason, tenant, principal and operation; then clears the sink.
   */
  static EventEnvelope assertOneDenial(
      InMemoryEventSink sink,
      String reason,
      TenantId tenant,
      String principalSubject,
      String operation) {
    List<EventEnvelope> denied = denials(sink);
    assertThat(denied).as("udb.security.denied events").hasSize(1);
    EventEnvelope event = denied.get(0);
    EventSchemaAssertions.assertValid(event);
    assertThat(event.tenant()).isEqualTo(tenant);
    assertThat(event.data())
        .containsEntry("reason", reason)
        .containsEntry("principal", principalSubject)
        .containsEntry("operation", operation);
    sink.clear();
    return event;
  }
}
