package io.udb.spring.autoconfigure;

import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Actuator health of UDB ({@code udb} in {@code /actuator/health}): up when a tenant database
 * opens, the artifact store is writable and the job store answers; each check's outcome is a
 * detail.
 */
public final class UdbHealthIndicator implements HealthIndicator {
  private final UdbHealthProbe probe;

  /**
   * An indicator.
   *
   * @param probe the checks
   */
  public UdbHealthIndicator(UdbHealthProbe probe) {
    this.probe = Objects.requireNonNull(probe, "probe");
  }

  @Override
  public Health health() {
    UdbHealthProbe.Report report = probe.check();
    Health.Builder builder = report.up() ? Health.up() : Health.down();
    report
        .checks()
        .forEach(
            (name, check) ->
                builder.withDetail(name, (check.up() ? "UP: " : "DOWN: ") + check.detail()));
    return builder.build();
  }
}
