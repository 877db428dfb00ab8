package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.connection.ConnectorCatalog;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.file.IngestSettings;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.LoadReport;
import io.udb.kpi.engine.KpiCache;
import io.udb.kpi.service.KpiService;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.Profile;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class UdbCapabilityAutoConfigurationTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Path WEATHER = Path.of("../testdata/seattle-weather.csv").toAbsolutePath();

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(
              AutoConfigurations.of(
                  UdbAutoConfiguration.class,
                  UdbIngestAutoConfiguration.class,
                  UdbQualityAutoConfiguration.class,
                  UdbKpiAutoConfiguration.class))
          .withPropertyValues("udb.storage.in-memory=true", "udb.web.enabled=false");

  @Test
  void createsEveryCapabilityServiceThatWorksOnTheBox() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(FileIngestService.class);
          assertThat(context).hasSingleBean(ConnectorCatalog.class);
          assertThat(context).hasSingleBean(ConnectionService.class);
          assertThat(context).hasSingleBean(Profiler.class);
          assertThat(context).hasSingleBean(QualityService.class);
          assertThat(context).hasSingleBean(DriftService.class);
          assertThat(context).hasSingleBean(KpiService.class);
          LoadReport report =
              context
                  .getBean(FileIngestService.class)
                  .load(ACME, WEATHER, "weather", LoadOptions.defaults());
          assertThat(report.result().rowsLoaded()).isEqualTo(1461);
          DataBox box = context.getBean(DataBox.class);
          try (SqlSession session = box.openSession(ACME)) {
            Profile profile =
                context
                    .getBean(Profiler.class)
                    .profile(session, TableRef.of("weather"), ProfileOptions.defaults());
            assertThat(profile.rowCount()).isEqualTo(1461);
          }
          assertThat(context.getBean(ConnectorCatalog.class).names())
              .contains("csv", "json", "parquet", "jdbc", "http", "airbyte");
        });
  }

  @Test
  void appliesIngestLimits() {
    runner
        .withPropertyValues("udb.ingest.max-upload-size=1KB", "udb.ingest.max-rows=10")
        .run(
            context -> {
              UdbProperties properties = context.getBean(UdbProperties.class);
              assertThat(UdbIngestAutoConfiguration.ingestSettings(properties.getIngest()))
                  .isEqualTo(new IngestSettings(1024, 10));
              FileIngestService ingest = context.getBean(FileIngestService.class);
              assertThatThrownBy(
                      () -> ingest.load(ACME, WEATHER, "weather", LoadOptions.defaults()))
                  .isInstanceOf(UdbException.class)
                  .extracting(e -> ((UdbException) e).code())
                  .isEqualTo(ErrorCode.INPUT_TOO_LARGE);
            });
  }

  @Test
  void keepsTheIngestDefaultsWhenNothingIsSet() {
    assertThat(UdbIngestAutoConfiguration.ingestSettings(new UdbProperties().getIngest()))
        .isEqualTo(IngestSettings.defaults());
  }

  @Test
  void refusesANonPositiveIngestLimit() {
    runner
        .withPropertyValues("udb.ingest.max-rows=0")
        .run(
            context ->
                assertThat(UdbAutoConfigurationTest.rootCause(context.getStartupFailure()))
                    .hasMessageContaining("udb.ingest.max-upload-size and udb.ingest.max-rows"));
  }

  @Test
  void bindsTheKpiCacheAndRefusesHalfOfIt() {
    UdbProperties.Kpi.Cache cache = new UdbProperties().getKpi().getCache();
    assertThat(UdbKpiAutoConfiguration.cache(cache)).isNotNull();
    cache.setMaxCells(10L);
    assertThatThrownBy(() -> UdbKpiAutoConfiguration.cache(cache))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("udb.kpi.cache.expire-after-write");
    runner
        .withPropertyValues("udb.kpi.cache.max-cells=500", "udb.kpi.cache.expire-after-write=5m")
        .run(
            context -> {
              UdbProperties.Kpi.Cache bound =
                  context.getBean(UdbProperties.class).getKpi().getCache();
              assertThat(bound.getMaxCells()).isEqualTo(500L);
              assertThat(bound.getExpireAfterWrite()).isEqualTo(Duration.ofMinutes(5));
              assertThat(UdbKpiAutoConfiguration.cache(bound)).isInstanceOf(KpiCache.class);
              assertThat(context).hasSingleBean(KpiService.class);
            });
    runner
        .withPropertyValues("udb.kpi.cache.max-cells=500")
        .run(context -> assertThat(context).hasFailed());
  }

  @Test
  void hostConnectorsJoinTheDiscoveredOnes() {
    runner
        .withUserConfiguration(HostConnector.class)
        .run(
            context ->
                assertThat(context.getBean(ConnectorCatalog.class).names())
                    .contains("custom", "csv", "http"));
  }

  @Test
  void backsOffWhenHostDefinesTheServices() {
    runner
        .withUserConfiguration(HostServices.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(KpiService.class);
              assertThat(context.getBean(KpiService.class))
                  .isSameAs(context.getBean(HostServices.class).kpis);
              assertThat(context.getBean(Profiler.class))
                  .isSameAs(context.getBean(HostServices.class).profiler);
            });
  }

  @Test
  void buildsTheServicesOnTheHostDataBox() {
    runner
        .withUserConfiguration(UdbAutoConfigurationTest.HostDataBox.class)
        .run(
            context -> {
              DataBox host = context.getBean(UdbAutoConfigurationTest.HostDataBox.class).box;
              assertThat(context.getBean(DataBox.class)).isSameAs(host);
              context
                  .getBean(FileIngestService.class)
                  .load(ACME, WEATHER, "weather", LoadOptions.defaults());
              assertThat(host.tables(ACME)).extracting(t -> t.name()).contains("weather");
              assertThat(context).hasSingleBean(KpiService.class);
            });
  }

  @Test
  void leavesOutKpisWithoutUdbKpi() {
    runner
        .withClassLoader(new FilteredClassLoader(KpiService.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(KpiService.class);
              assertThat(context).hasSingleBean(Profiler.class);
              assertThat(context).hasSingleBean(FileIngestService.class);
            });
  }

  @Test
  void leavesOutQualityWithoutUdbQuality() {
    runner
        .withClassLoader(new FilteredClassLoader(Profiler.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(Profiler.class);
              assertThat(context).doesNotHaveBean(QualityService.class);
              assertThat(context).doesNotHaveBean(DriftService.class);
              assertThat(context).hasSingleBean(KpiService.class);
            });
  }

  @Test
  void leavesOutIngestWithoutUdbIngest() {
    runner
        .withClassLoader(new FilteredClassLoader(FileIngestService.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(FileIngestService.class);
              assertThat(context).doesNotHaveBean(ConnectionService.class);
              assertThat(context).hasSingleBean(DataBox.class);
              assertThat(context).hasSingleBean(KpiService.class);
            });
  }

  @Test
  void createsNothingWithoutUdbCore() {
    runner
        .withClassLoader(new FilteredClassLoader(DataBox.class))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context).doesNotHaveBean(DataBox.class);
              assertThat(context).doesNotHaveBean(KpiService.class);
            });
  }

  @Configuration(proxyBeanMethods = false)
  static class HostServices {
    final KpiService kpis = new KpiService();
    final Profiler profiler = new Profiler();

    @Bean
    KpiService hostKpis() {
      return kpis;
    }

    @Bean
    Profiler hostProfiler() {
      return profiler;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostConnector {
    @Bean
    Connector customConnector() {
      return new Connector() {
        @Override
        public String name() {
          return "custom";
        }

        @Override
        public String configurationSchema() {
          return "{\"type\":\"object\"}";
        }

        @Override
        public ConnectionCheck test(ConnectorConfig config) {
          return new ConnectionCheck(true, "ok");
        }

        @Override
        public List<StreamInfo> discover(ConnectorConfig config) {
          return List.of();
        }

        @Override
        public SyncResult read(ConnectorConfig config, SyncRequest request, RecordLoader loader) {
          throw new UnsupportedOperationException("not used");
        }
      };
    }
  }
}
