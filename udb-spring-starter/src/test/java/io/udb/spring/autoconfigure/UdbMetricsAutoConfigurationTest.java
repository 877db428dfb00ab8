package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.TenantId;
import io.udb.core.DataBox;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.MicrometerMetrics;
import io.udb.core.observe.UdbMetrics;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class UdbMetricsAutoConfigurationTest {
  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(UdbAutoConfiguration.class, UdbMetricsAutoConfiguration.class))
          .withPropertyValues("udb.storage.in-memory=true", "udb.web.enabled=false");

  @Test
  void recordsOnTheHostMeterRegistry() {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    runner
        .withBean(MeterRegistry.class, () -> registry)
        .run(
            context -> {
              assertThat(context.getBean(UdbMetrics.class)).isInstanceOf(MicrometerMetrics.class);
              DataBox box = context.getBean(DataBox.class);
              assertThat(box.metrics()).isSameAs(context.getBean(UdbMetrics.class));
              box.query(TenantId.of("acme"), "SELECT 1");
              assertThat(registry.find(MetricNames.SQL_QUERIES).tag("outcome", "ok").timer())
                  .isNotNull();
            });
  }

  @Test
  void recordsNothingWithoutARegistry() {
    runner.run(
        context -> {
          assertThat(context).doesNotHaveBean(UdbMetrics.class);
          assertThat(context.getBean(DataBox.class).metrics())
              .isNotInstanceOf(MicrometerMetrics.class);
        });
  }

  @Test
  void recordsNothingWithoutMicrometer() {
    runner
        .withClassLoader(new FilteredClassLoader(MeterRegistry.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(UdbMetrics.class);
              context.getBean(DataBox.class).query(TenantId.of("acme"), "SELECT 1");
            });
  }

  @Test
  void backsOffWhenHostDefinesUdbMetrics() {
    UdbMetrics own = UdbMetrics.noop();
    runner
        .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
        .withBean(UdbMetrics.class, () -> own)
        .run(
            context -> {
              assertThat(context).hasSingleBean(UdbMetrics.class);
              assertThat(context.getBean(DataBox.class).metrics()).isSameAs(own);
            });
  }
}
