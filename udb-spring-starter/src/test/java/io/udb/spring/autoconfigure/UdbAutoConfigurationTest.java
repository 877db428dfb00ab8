package io.udb.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.config.Settings;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import io.udb.core.DataBox;
import io.udb.core.artifact.FileSystemArtifactStore;
import io.udb.core.cluster.ClusterSettings;
import io.udb.core.engine.EngineSettings;
import io.udb.core.engine.TenantRoutingEngine;
import io.udb.core.job.JobLimits;
import io.udb.core.job.store.InMemoryJobStore;
import io.udb.core.plugin.PluginDescription;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class UdbAutoConfigurationTest {
  private static final TenantId ACME = TenantId.of("acme");

  /** Base64 of 32 bytes, for the configurations that need a JWT secret. */
  static final String SECRET = "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=";

  private final ApplicationContextRunner runner =
      new ApplicationContextRunner()
          .withConfiguration(AutoConfigurations.of(UdbAutoConfiguration.class))
          .withPropertyValues("udb.storage.in-memory=true", "udb.web.enabled=false");

  @Test
  void createsDataBoxWithTheLibraryDefaults() {
    runner.run(
        context -> {
          assertThat(context).hasNotFailed();
          assertThat(context).hasSingleBean(DataBox.class);
          assertThat(context).hasSingleBean(UdbHealthProbe.class);
          assertThat(context).hasSingleBean(UdbReadinessGate.class);
          assertThat(context).hasBean("udbSettings");
          DataBox box = context.getBean(DataBox.class);
          assertThat(box.plugins())
              .extracting(PluginDescription::name)
              .containsExactlyInAnyOrder("memory", "filesystem", "logging");
          assertThat(box.query(ACME, "SELECT 42 AS answer").rows()).containsExactly(List.of(42L));
          assertThat(box.security().authenticator()).isEmpty();
          UdbProperties properties = context.getBean(UdbProperties.class);
          assertThat(UdbAutoConfiguration.engineSettings(properties.getEngine()))
              .isEqualTo(EngineSettings.defaults());
          assertThat(UdbAutoConfiguration.jobLimits(properties.getJobs()))
              .isEqualTo(JobLimits.defaults());
          assertThat(UdbAutoConfiguration.clusterSettings(properties.getCluster()))
              .isEqualTo(ClusterSettings.defaults());
          assertThat(properties.getStorage().getPath()).isEqualTo("./udb-data");
        });
  }

  @Test
  void keepsTenantDatabasesUnderTheStoragePath(@TempDir Path dir) {
    runner
        .withPropertyValues("udb.storage.in-memory=false", "udb.storage.path=" + dir)
        .run(
            context -> {
              context.getBean(DataBox.class).query(ACME, "SELECT 1");
              assertThat(dir.resolve("tenants").resolve("acme").resolve("tenant.duckdb")).exists();
            });
  }

  @Test
  void routesDatasetsToTheConfiguredEngines() {
    runner
        .withPropertyValues(
            "udb.engine.datasets.acme.orders=duckdb",
            "udb.engine.datasets.acme[order.lines]=duckdb")
        .run(
            context -> {
              DataBox box = context.getBean(DataBox.class);
              assertThat(box.engine()).isInstanceOf(TenantRoutingEngine.class);
              assertThat(((TenantRoutingEngine) box.engine()).routedDatasets(ACME))
                  .containsExactlyInAnyOrder(TableRef.of("orders"), TableRef.of("order.lines"));
              assertThat(box.engine().engineFor(ACME, TableRef.of("ORDERS")))
                  .isSameAs(box.engine().engineFor(ACME));
            });
    runner
        .withPropertyValues("udb.engine.datasets.acme.orders=warp-drive")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("warp-drive"));
  }

  @Test
  void routesTenantsToTheConfiguredEngines() {
    runner
        .withPropertyValues("udb.engine.name=duckdb", "udb.engine.tenants.big-data=duckdb")
        .run(
            context -> {
              DataBox box = context.getBean(DataBox.class);
              assertThat(box.engine()).isInstanceOf(TenantRoutingEngine.class);
              assertThat(((TenantRoutingEngine) box.engine()).routedTenants())
                  .containsExactly(TenantId.of("big-data"));
              assertThat(box.engine().engineFor(TenantId.of("big-data")))
                  .as("a route to the default engine's name shares the default engine")
                  .isSameAs(box.engine().engineFor(ACME));
            });
    runner
        .withPropertyValues("udb.engine.name=warp-drive")
        .run(
            context ->
                assertThat(context)
                    .hasFailed()
                    .getFailure()
                    .rootCause()
                    .hasMessageContaining("warp-drive"));
  }

  @Test
  void bindsEngineAndJobProperties() {
    runner
        .withPropertyValues(
            "udb.engine.threads-per-tenant=3",
            "udb.engine.memory-limit=512MB",
            "udb.engine.max-temp-directory-size=2GB",
            "udb.engine.query-timeout=5s",
            "udb.engine.max-rows=2",
            "udb.engine.idle-timeout=2m",
            "udb.engine.max-connections-per-tenant=6",
            "udb.engine.max-result-size=8MB",
            "udb.jobs.max-concurrent=3",
            "udb.jobs.max-concurrent-per-tenant=1",
            "udb.jobs.max-queued-per-tenant=7",
            "udb.node-id=node-a")
        .run(
            context -> {
              UdbProperties properties = context.getBean(UdbProperties.class);
              assertThat(UdbAutoConfiguration.engineSettings(properties.getEngine()))
                  .isEqualTo(
                      new EngineSettings(
                          3,
                          "512MB",
                          "2GB",
                          Duration.ofSeconds(5),
                          2,
                          Duration.ofMinutes(2),
                          6,
                          8L * 1024 * 1024));
              assertThat(UdbAutoConfiguration.jobLimits(properties.getJobs()))
                  .isEqualTo(new JobLimits(3, 1, 7));
              QueryResult result =
                  context
                      .getBean(DataBox.class)
                      .query(ACME, "SELECT 1 AS n UNION ALL SELECT 2 UNION ALL SELECT 3");
              assertThat(result.rowCount()).isEqualTo(2);
              assertThat(result.truncated()).isTrue();
            });
  }

  @Test
  void setsOnlyTheEngineSettingsGivenAndKeepsTheOtherDefaults() {
    runner
        .withPropertyValues("udb.engine.max-rows=7")
        .run(
            context ->
                assertThat(
                        UdbAutoConfiguration.engineSettings(
                            context.getBean(UdbProperties.class).getEngine()))
                    .isEqualTo(EngineSettings.defaults().withMaxRows(7)));
  }

  @Test
  void refusesAnInvalidEngineSettingWithConfigInvalid() {
    runner
        .withPropertyValues("udb.engine.memory-limit=lots")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .hasMessageContaining("memoryLimit must look like 512MB");
            });
  }

  @Test
  void clusterTimingPropertiesOverrideTheDefaultsAndAreValidated() {
    runner
        .withPropertyValues("udb.cluster.tick=2s", "udb.cluster.job-lease=90s")
        .run(
            context ->
                assertThat(
                        UdbAutoConfiguration.clusterSettings(
                            context.getBean(UdbProperties.class).getCluster()))
                    .isEqualTo(
                        new ClusterSettings(
                            Duration.ofSeconds(30),
                            Duration.ofSeconds(2),
                            Duration.ofSeconds(90),
                            Duration.ofSeconds(10))));
    runner
        .withPropertyValues("udb.cluster.tick=40s")
        .run(
            context -> {
              assertThat(context).hasFailed();
              assertThat(rootCause(context.getStartupFailure()))
                  .isInstanceOfSatisfying(
                      ConfigurationException.class,
                      e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
            });
  }

  @Test
  void retentionPropertiesScheduleThePruningOfFinishedJobs() {
    runner
        .withPropertyValues(
            "udb.retention.older-than=0s",
            "udb.retention.every=100ms",
            "udb.cluster.tick=50ms",
            "udb.cluster.leader-lease=1s",
            "udb.cluster.heartbeat=100ms",
            "udb.cluster.job-lease=1s")
        .run(
            context -> {
              DataBox box = context.getBean(DataBox.class);
              Job job = box.submit(ACME, JobType.MAINTENANCE, ctx -> Map.of("ok", true));
              box.awaitJob(ACME, job.id(), Duration.ofSeconds(30));
              long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
              boolean pruned = false;
              while (!pruned && System.nanoTime() < deadline) {
                try {
                  box.job(ACME, job.id());
                  Thread.sleep(50);
                } catch (io.udb.api.NotFoundException gone) {
                  pruned = true;
                }
              }
              assertThat(pruned).as("the finished job's record was pruned").isTrue();
            });
  }

  @Test
  void selectsPluginsByName() {
    runner
        .withPropertyValues(
            "udb.plugins.job-store=memory",
            "udb.plugins.artifact-store=filesystem",
            "udb.plugins.event-sinks=memory,logging",
            "udb.plugins.secrets-provider=memory")
        .run(
            context ->
                assertThat(context.getBean(DataBox.class).plugins())
                    .extracting(d -> d.name())
                    .contains("memory", "filesystem", "logging"));
  }

  @Test
  void failsToStartNamingAMissingPlugin() {
    runner
        .withPropertyValues("udb.plugins.artifact-store=s3")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable cause = rootCause(context.getStartupFailure());
              assertThat(cause).isInstanceOf(ConfigurationException.class);
              assertThat(((ConfigurationException) cause).code())
                  .isEqualTo(ErrorCode.PLUGIN_NOT_FOUND);
              assertThat(cause).hasMessageContaining("No ArtifactStore plugin named 's3'");
            });
  }

  @Test
  void backsOffWhenHostDefinesDataBox() {
    runner
        .withUserConfiguration(HostDataBox.class)
        .run(
            context -> {
              assertThat(context).hasSingleBean(DataBox.class);
              assertThat(context.getBean(DataBox.class))
                  .isSameAs(context.getBean(HostDataBox.class).box);
              assertThat(context.getBean(UdbHealthProbe.class).check().up()).isTrue();
            });
  }

  @Test
  void hostEventSinksJoinTheNamedSinks() {
    runner
        .withUserConfiguration(HostEventSinks.class)
        .withPropertyValues("udb.plugins.event-sinks=memory")
        .run(
            context -> {
              DataBox box = context.getBean(DataBox.class);
              Job job = box.submit(ACME, JobType.MAINTENANCE, ctx -> Map.of("ok", true));
              assertThat(box.awaitJob(ACME, job.id(), Duration.ofSeconds(30)).state())
                  .isEqualTo(JobState.SUCCEEDED);
              HostEventSinks sinks = context.getBean(HostEventSinks.class);
              assertThat(sinks.first).extracting(EventEnvelope::type).contains("udb.job.created");
              assertThat(sinks.second).extracting(EventEnvelope::type).contains("udb.job.created");
              assertThat(box.plugins()).extracting(d -> d.name()).contains("memory");
            });
  }

  @Test
  void hostPluginBeansWinOverNamedPlugins() {
    runner
        .withUserConfiguration(HostPlugins.class)
        .withPropertyValues("udb.plugins.secrets-provider=env", "udb.plugins.job-store=memory")
        .run(
            context -> {
              DataBox box = context.getBean(DataBox.class);
              HostPlugins host = context.getBean(HostPlugins.class);
              assertThat(box.secrets()).isSameAs(host.secrets);
              assertThat(box.secrets().resolve(ACME, "token"))
                  .map(SecretValue::reveal)
                  .contains("from-host");
              assertThat(box.artifacts()).isSameAs(host.artifacts);
              // Only the default event sink comes from a plugin: the host's beans replaced the
              // named secrets provider and job store, and the default artifact store.
              assertThat(box.plugins()).extracting(d -> d.name()).containsExactly("logging");
            });
  }

  @Test
  void passesSettingsThroughAndLetsTypedSecurityPropertiesWin() {
    runner
        .withPropertyValues(
            "udb.settings.job-store.jdbc.table=my_jobs",
            "udb.settings.security.auth.hmac-secret=overridden",
            "udb.settings.security.auth.claims.tenant=org",
            "udb.security.jwt-secret=" + SECRET,
            "udb.security.issuer=https://issuer.example",
            "udb.security.audience=udb",
            "udb.security.clock-skew=45s")
        .run(
            context -> {
              Settings settings = context.getBean("udbSettings", Settings.class);
              assertThat(settings.raw("job-store.jdbc.table")).contains("my_jobs");
              assertThat(settings.raw("security.auth.hmac-secret")).contains(SECRET);
              assertThat(settings.raw("security.auth.claims.tenant")).contains("org");
              assertThat(settings.raw("security.auth.issuer")).contains("https://issuer.example");
              assertThat(settings.raw("security.auth.audience")).contains("udb");
              assertThat(settings.getDuration("security.auth.clock-skew", Duration.ZERO))
                  .isEqualTo(Duration.ofSeconds(45));
              assertThat(context.getBean(DataBox.class).security().authenticator()).isPresent();
            });
  }

  @Test
  void takesTheJwtSecretFromUdbJwtSecret() {
    runner
        .withPropertyValues("udb.web.enabled=true", "UDB_JWT_SECRET=" + SECRET)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(
                      context
                          .getBean("udbSettings", Settings.class)
                          .raw("security.auth.hmac-secret"))
                  .contains(SECRET);
              assertThat(context.getBean(DataBox.class).security().authenticator()).isPresent();
            });
  }

  @Test
  void prefersAConfiguredJwksOverUdbJwtSecret(@TempDir Path dir) throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
    runner
        .withPropertyValues("udb.security.jwks-file=" + jwks, "UDB_JWT_SECRET=" + SECRET)
        .run(
            context -> {
              Settings settings = context.getBean("udbSettings", Settings.class);
              assertThat(settings.raw("security.auth.jwks-file")).contains(jwks.toString());
              assertThat(settings.raw("security.auth.hmac-secret")).isEmpty();
            });
  }

  @Test
  void refusesAJwtSecretThatIsTooShort() {
    runner
        .withPropertyValues("UDB_JWT_SECRET=c2hvcnQ=")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable cause = rootCause(context.getStartupFailure());
              assertThat(cause).isInstanceOf(ConfigurationException.class);
              assertThat(((ConfigurationException) cause).code())
                  .isEqualTo(ErrorCode.CONFIG_INVALID);
            });
  }

  @Test
  void refusesToStartTheHttpApiWithoutJwtSecretOrJwks() {
    runner
        .withPropertyValues("udb.web.enabled=true")
        .run(
            context -> {
              assertThat(context).hasFailed();
              Throwable cause = rootCause(context.getStartupFailure());
              assertThat(cause).isInstanceOf(ConfigurationException.class);
              assertThat(((ConfigurationException) cause).code())
                  .isEqualTo(ErrorCode.CONFIG_INVALID);
              assertThat(cause)
                  .hasMessageContaining("No JWT verification key is configured")
                  .hasMessageContaining("UDB_JWT_SECRET")
                  .hasMessageContaining("udb.web.enabled=false")
                  .hasMessageContaining("udb.demo.enabled=true");
            });
  }

  @Test
  void acceptsAJwksInsteadOfASecret(@TempDir Path dir) throws Exception {
    Path jwks = Files.writeString(dir.resolve("jwks.json"), "{\"keys\":[]}");
    runner
        .withPropertyValues("udb.web.enabled=true", "udb.security.jwks-file=" + jwks)
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(DataBox.class).security().authenticator()).isPresent();
            });
  }

  @Test
  void startsTheDemoWithoutSecret() {
    runner
        .withPropertyValues("udb.web.enabled=true", "udb.demo.enabled=true")
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(UdbProperties.class).getDemo().isEnabled()).isTrue();
              assertThat(context.getBean(DataBox.class).security().authenticator()).isEmpty();
            });
  }

  @Test
  void settingsCustomizersCanSupplyTheSecret() {
    runner
        .withPropertyValues("udb.web.enabled=true")
        .withBean(
            UdbSettingsCustomizer.class,
            () -> settings -> settings.putIfAbsent("security.auth.hmac-secret", SECRET))
        .run(
            context -> {
              assertThat(context).hasNotFailed();
              assertThat(context.getBean(DataBox.class).security().authenticator()).isPresent();
            });
  }

  @Test
  void builderCustomizersRunLast() {
    Clock fixed = Clock.fixed(Instant.parse("2030-01-02T03:04:05Z"), ZoneOffset.UTC);
    runner
        .withBean(DataBoxBuilderCustomizer.class, () -> builder -> builder.clock(fixed))
        .run(context -> assertThat(context.getBean(DataBox.class).clock()).isSameAs(fixed));
  }

  @Test
  void sendsSpansToTheHostOpenTelemetry() {
    OpenTelemetry host = OpenTelemetry.propagating(ContextPropagators.noop());
    runner
        .withBean(OpenTelemetry.class, () -> host)
        .run(context -> assertThat(context.getBean(DataBox.class).openTelemetry()).isSameAs(host));
  }

  @Test
  void usesNoOpenTelemetryWithoutABean() {
    runner.run(
        context ->
            assertThat(context.getBean(DataBox.class).openTelemetry())
                .isSameAs(OpenTelemetry.noop()));
  }

  static Throwable rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause;
  }

  @Configuration(proxyBeanMethods = false)
  static class HostDataBox {
    final DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build();

    @Bean(destroyMethod = "close")
    DataBox hostBox() {
      return box;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostEventSinks {
    final List<EventEnvelope> first = new CopyOnWriteArrayList<>();
    final List<EventEnvelope> second = new CopyOnWriteArrayList<>();

    @Bean
    EventSink firstSink() {
      return first::add;
    }

    @Bean
    EventSink secondSink() {
      return second::add;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class HostPlugins {
    final SecretsProvider secrets =
        (tenant, name) ->
            name.equals("token") ? Optional.of(SecretValue.of("from-host")) : Optional.empty();
    final ArtifactStore artifacts;

    HostPlugins() throws Exception {
      artifacts =
          new FileSystemArtifactStore(Files.createTempDirectory("udb-host-"), Clock.systemUTC());
    }

    @Bean
    SecretsProvider hostSecrets() {
      return secrets;
    }

    @Bean
    ArtifactStore hostArtifacts() {
      return artifacts;
    }

    @Bean
    InMemoryJobStore hostJobs() {
      return new InMemoryJobStore();
    }
  }
}
