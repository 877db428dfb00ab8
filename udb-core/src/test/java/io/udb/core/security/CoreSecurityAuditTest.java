package io.udb.core.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.event.EventEnvelope;
import io.udb.core.event.EventFactory;
import io.udb.core.event.EventSchemaAssertions;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.observe.MicrometerMetrics;
import io.udb.security.audit.Denial;
import java.net.URI;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.slf4j.MDC;

class CoreSecurityAuditTest {
  private static final TenantId ACME = TenantId.of("acme");

  private final InMemoryEventSink sink = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final CoreSecurityAudit audit =
      new CoreSecurityAudit(
          new EventFactory(URI.create("/udb/test"), Clock.systemUTC()),
          sink,
          MicrometerMetrics.of(registry));

  @Test
  void denialBecomesOneValidEventWithControlAndReason() {
    audit.denied(
        new Denial("authorization", "role_too_low", ErrorCode.FORBIDDEN, ACME, "ana", "sql.query"));

    assertThat(sink.events()).hasSize(1);
    EventEnvelope event = sink.events().get(0);
    EventSchemaAssertions.assertValid(event);
    assertThat(event.type()).isEqualTo("udb.security.denied");
    assertThat(event.tenant()).isEqualTo(ACME);
    assertThat(event.data())
        .containsEntry("reason", "authorization.role_too_low")
        .containsEntry("principal", "ana")
        .containsEntry("operation", "sql.query");
    assertThat(count("udb.security.denied", "control", "authorization", "reason", "role_too_low"))
        .isEqualTo(1);
  }

  @Test
  void denialWithoutTenantIsAttributedToTheSystemTenant() {
    audit.denied(
        new Denial(
            "authentication", "expired", ErrorCode.UNAUTHENTICATED, null, null, "authenticate"));

    EventEnvelope event = sink.events().get(0);
    EventSchemaAssertions.assertValid(event);
    assertThat(event.tenant()).isEqualTo(CoreSecurityAudit.SYSTEM_TENANT);
    assertThat(event.data()).containsEntry("principal", null);
  }

  @ParameterizedTest
  @CsvSource({
    "rate_limit, udb.ratelimit.rejected",
    "quota, udb.quota.rejected",
    "authentication, udb.auth.rejected"
  })
  void eachControlAlsoCountsInItsOwnMetric(String control, String metric) {
    audit.denied(new Denial(control, "some_reason", ErrorCode.FORBIDDEN, ACME, null, "op"));

    assertThat(count(metric, "reason", "some_reason")).isEqualTo(1);
    assertThat(count("udb.security.denied", "control", control, "reason", "some_reason"))
        .isEqualTo(1);
  }

  @Test
  void authorizationAndSqlGuardHaveNoMetricOfTheirOwn() {
    audit.denied(new Denial("authorization", "x", ErrorCode.FORBIDDEN, ACME, null, "op"));
    audit.denied(new Denial("sql_guard", "y", ErrorCode.SQL_FORBIDDEN, ACME, null, "op"));

    assertThat(registry.getMeters())
        .extracting(meter -> meter.getId().getName())
        .containsOnly("udb.security.denied");
  }

  @Test
  void correlationIdIsTakenFromTheCallersContext() {
    MDC.put("correlationId", "req-123");
    try {
      audit.denied(
          new Denial("quota", "storage_bytes", ErrorCode.QUOTA_EXCEEDED, ACME, null, "op"));
    } finally {
      MDC.remove("correlationId");
    }

    assertThat(sink.events().get(0).correlationid()).isEqualTo("req-123");
  }

  @Test
  void failingSinkDoesNotTurnTheDenialIntoAnotherFailure() {
    CoreSecurityAudit failing =
        new CoreSecurityAudit(
            new EventFactory(URI.create("/udb/test"), Clock.systemUTC()),
            event -> {
              throw new IllegalStateException("broker down");
            },
            MicrometerMetrics.of(registry));

    assertThatCode(
            () ->
                failing.denied(
                    new Denial(
                        "quota", "rows_per_table", ErrorCode.QUOTA_EXCEEDED, ACME, null, "op")))
        .doesNotThrowAnyException();
    assertThat(count("udb.quota.rejected", "reason", "rows_per_table")).isEqualTo(1);
  }

  private double count(String name, String... tags) {
    Counter counter = registry.find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
