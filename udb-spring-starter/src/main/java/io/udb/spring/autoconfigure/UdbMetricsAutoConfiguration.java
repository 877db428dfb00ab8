package io.udb.spring.autoconfigure;

import io.micrometer.core.instrument.MeterRegistry;
import io.udb.core.observe.MicrometerMetrics;
import io.udb.core.observe.UdbMetrics;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Sends UDB's measurements to the application's Micrometer {@link MeterRegistry} (and so to {@code
 * /actuator/prometheus} when that registry is there). Without Micrometer or a registry UDB records
 * nothing.
 */
@AutoConfiguration(
    before = UdbAutoConfiguration.class,
    afterName = {
      "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
      "org.springframework.boot.micrometer.metrics.autoconfigure.export.prometheus.PrometheusMetricsExportAutoConfiguration"
    })
@ConditionalOnClass({MeterRegistry.class, MicrometerMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
public final class UdbMetricsAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public UdbMetricsAutoConfiguration() {}

  /**
   * UDB's metrics on the registry.
   *
   * @param registry the application's registry
   * @return the metrics
   */
  @Bean
  @ConditionalOnMissingBean
  public UdbMetrics udbMetrics(MeterRegistry registry) {
    return MicrometerMetrics.of(registry);
  }
}
