package io.udb.spring.autoconfigure;

import io.udb.core.DataBox;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * The {@code udb} health indicator, when Spring Boot's health support is on the classpath; off with
 * {@code management.health.udb.enabled=false}. To let it decide readiness as well, add it to the
 * readiness group: {@code management.endpoint.health.group.readiness.include=readinessState,udb}.
 */
@AutoConfiguration(after = UdbAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, DataBox.class})
@ConditionalOnBean(UdbHealthProbe.class)
@ConditionalOnEnabledHealthIndicator("udb")
public final class UdbHealthAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public UdbHealthAutoConfiguration() {}

  /**
   * The indicator, named {@code udb} after its bean.
   *
   * @param udbHealthProbe the checks
   * @return the indicator
   */
  @Bean
  @ConditionalOnMissingBean(name = "udbHealthIndicator")
  public UdbHealthIndicator udbHealthIndicator(UdbHealthProbe udbHealthProbe) {
    return new UdbHealthIndicator(udbHealthProbe);
  }
}
