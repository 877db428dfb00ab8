package io.udb.spring.autoconfigure;

import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;

/**
 * Holds the application's readiness back while UDB cannot serve: when the application becomes ready
 * to accept traffic, the {@link UdbHealthProbe} runs once, and if a check fails the readiness state
 * goes back to {@link ReadinessState#REFUSING_TRAFFIC} (so Kubernetes' readiness probe on {@code
 * /actuator/health/readiness} fails) and the reason is logged.
 */
public final class UdbReadinessGate implements ApplicationListener<AvailabilityChangeEvent<?>> {
  private static final Logger LOG = LoggerFactory.getLogger(UdbReadinessGate.class);

  private final UdbHealthProbe probe;
  private final ApplicationEventPublisher publisher;

  /**
   * A gate.
   *
   * @param probe the checks
   * @param publisher where a refusal is published
   */
  public UdbReadinessGate(UdbHealthProbe probe, ApplicationEventPublisher publisher) {
    this.probe = Objects.requireNonNull(probe, "probe");
    this.publisher = Objects.requireNonNull(publisher, "publisher");
  }

  @Override
  public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
    if (event.getState() != ReadinessState.ACCEPTING_TRAFFIC) {
      return;
    }
    UdbHealthProbe.Report report = probe.check();
    if (report.up()) {
      return;
    }
    String failed =
        report.checks().entrySet().stream()
            .filter(e -> !e.getValue().up())
            .map(Map.Entry::getKey)
            .map(name -> name + " (" + report.checks().get(name).detail() + ")")
            .collect(Collectors.joining(", "));
    LOG.error("UDB is not ready, refusing traffic: {}", failed);
    AvailabilityChangeEvent.publish(publisher, this, ReadinessState.REFUSING_TRAFFIC);
  }
}
