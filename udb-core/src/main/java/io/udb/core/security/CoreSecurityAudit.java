package io.udb.core.security;

import io.udb.api.TenantId;
import io.udb.api.event.EventSink;
import io.udb.core.event.EventFactory;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns every denial into a {@code udb.security.denied} event, the metric {@code
 * udb.security.denied} (tags control, reason) plus the control's own metric ({@code
 * udb.ratelimit.rejected}, {@code udb.quota.rejected}, {@code udb.auth.rejected}), and one WARN log
 * line. Denials of unauthenticated callers, whose tenant is unknown, are attributed to the reserved
 * tenant {@link #SYSTEM_TENANT}.
 */
public final class CoreSecurityAudit implements SecurityAudit {
  /** The tenant of events whose real tenant is unknown; no principal may act for it. */
  public static final TenantId SYSTEM_TENANT = TenantId.of("udb-system");

  private static final Logger LOG = LoggerFactory.getLogger("udb.security");

  private final EventFactory events;
  private final EventSink sink;
  private final UdbMetrics metrics;

  /**
   * Creates the audit.
   *
   * @param events builds the events
   * @param sink receives them
   * @param metrics receives the counts
   */
  public CoreSecurityAudit(EventFactory events, EventSink sink, UdbMetrics metrics) {
    this.events = Objects.requireNonNull(events, "events");
    this.sink = Objects.requireNonNull(sink, "sink");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  @Override
  public void denied(Denial denial) {
    try {
      metrics.count(
          MetricNames.SECURITY_DENIED, 1, "control", denial.control(), "reason", denial.reason());
      String controlMetric =
          switch (denial.control()) {
            case "rate_limit" -> MetricNames.RATELIMIT_REJECTED;
            case "quota" -> MetricNames.QUOTA_REJECTED;
            case "authentication" -> MetricNames.AUTH_REJECTED;
            default -> null;
          };
      if (controlMetric != null) {
        metrics.count(controlMetric, 1, "reason", denial.reason());
      }
      TenantId tenant = denial.tenant() != null ? denial.tenant() : SYSTEM_TENANT;
      String correlationId = MDC.get("correlationId");
      sink.publish(
          events.securityDenied(
              tenant,
              correlationId != null ? correlationId : UUID.randomUUID().toString(),
              denial.control() + "." + denial.reason(),
              denial.principal(),
              denial.operation()));
      LOG.warn(
          "Denied {} for tenant {} principal {}: {} {} ({})",
          denial.operation(),
          tenant,
          denial.principal(),
          denial.control(),
          denial.reason(),
          denial.code());
    } catch (RuntimeException e) {
      // auditing must never turn a denial into a different failure
      LOG.error("Could not record a security denial: {}", e.toString());
    }
  }
}
