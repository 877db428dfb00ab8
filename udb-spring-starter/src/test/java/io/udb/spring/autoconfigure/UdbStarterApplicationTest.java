package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.core.DataBox;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.file.FileIngestService;
import io.udb.kpi.service.KpiService;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.Profiler;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A host application that adds only the starter gets every bean, through AutoConfiguration.imports.
 */
class UdbStarterApplicationTest {

  @Test
  void aHostWithOnlyTheStarterGetsEveryCapability(@TempDir Path dir) {
    try (ConfigurableApplicationContext context =
        new SpringApplicationBuilder(HostApplication.class)
            .web(WebApplicationType.NONE)
            .properties(
                "udb.storage.path=" + dir,
                "udb.web.enabled=false",
                "udb.plugins.event-sinks=memory")
            .run()) {
      DataBox box = context.getBean(DataBox.class);
      assertThat(box.query(TenantId.of("acme"), "SELECT 1").rowCount()).isEqualTo(1);
      assertThat(context.getBean(FileIngestService.class)).isNotNull();
      assertThat(context.getBean(ConnectionService.class)).isNotNull();
      assertThat(context.getBean(Profiler.class)).isNotNull();
      assertThat(context.getBean(QualityService.class)).isNotNull();
      assertThat(context.getBean(DriftService.class)).isNotNull();
      assertThat(context.getBean(KpiService.class)).isNotNull();
      assertThat(context.containsBean("udbHealthIndicator")).isTrue();
      assertThat(context.getBean(UdbHealthProbe.class).check().up()).isTrue();
      assertThat(dir.resolve("tenants/acme/tenant.duckdb")).exists();
    }
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration
  static class HostApplication {}
}
