package io.udb.spring.autoconfigure;

import io.opentelemetry.api.OpenTelemetry;
import io.udb.api.TenantId;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.config.Settings;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventSink;
import io.udb.api.job.JobStore;
import io.udb.api.secret.SecretsProvider;
import io.udb.core.DataBox;
import io.udb.core.DataBoxBuilder;
import io.udb.core.cluster.ClusterSettings;
import io.udb.core.engine.EngineSettings;
import io.udb.core.job.JobLimits;
import io.udb.core.observe.UdbMetrics;
import java.nio.file.Path;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * The {@link DataBox} from the {@code udb.*} properties. Beans the host defines join it: a {@link
 * JobStore}, {@link ArtifactStore}, {@link SecretsProvider} or {@link AnalyticsEngine} bean is used
 * instead of the plugin selected by name, every {@link EventSink} bean is added to the named sinks,
 * a {@link UdbMetrics} bean (Micrometer, see {@link UdbMetricsAutoConfiguration}) receives the
 * measurements and an {@link OpenTelemetry} bean the spans. A host's own {@code DataBox} bean
 * replaces the auto-configured one.
 *
 * <p>The box closes the plugin instances it was given when it closes; their {@code close} should
 * tolerate a second call from Spring.
 */
// After the availability auto-configuration, so that the readiness gate hears a readiness change
// after Spring's ApplicationAvailability has recorded it, and its refusal is the last word.
@AutoConfiguration(
    afterName =
        "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnClass(DataBox.class)
@EnableConfigurationProperties(UdbProperties.class)
public final class UdbAutoConfiguration {

  /** Creates the configuration; Spring calls it. */
  public UdbAutoConfiguration() {}

  /**
   * The flat plugin and security settings of the box ({@code udb.settings.*}, {@code
   * udb.security.*}, {@code UDB_JWT_SECRET}, then the {@link UdbSettingsCustomizer}s).
   *
   * @param properties the properties
   * @param environment the environment, for {@code UDB_JWT_SECRET}
   * @param customizers the customizers, in order
   * @return the settings
   */
  @Bean
  @ConditionalOnMissingBean(name = "udbSettings")
  public Settings udbSettings(
      UdbProperties properties,
      Environment environment,
      ObjectProvider<UdbSettingsCustomizer> customizers) {
    return UdbSettingsAssembly.assemble(
        properties, environment, customizers.orderedStream().toList());
  }

  /**
   * The box.
   *
   * @param properties the properties
   * @param udbSettings the settings
   * @param environment the environment
   * @param resourceLoader gives the application's class loader, where plugins are discovered
   * @param jobStore a host job store, if any
   * @param artifactStore a host artifact store, if any
   * @param secretsProvider a host secrets provider, if any
   * @param engine a host analytics engine, if any
   * @param eventSinks host event sinks, added to the named ones
   * @param metrics where measurements go, if anywhere
   * @param openTelemetry where spans go, if anywhere
   * @param customizers last adjustments of the builder
   * @return the box, closed with the context
   */
  @Bean(destroyMethod = "close")
  @ConditionalOnMissingBean
  public DataBox dataBox(
      UdbProperties properties,
      Settings udbSettings,
      Environment environment,
      ResourceLoader resourceLoader,
      ObjectProvider<JobStore> jobStore,
      ObjectProvider<ArtifactStore> artifactStore,
      ObjectProvider<SecretsProvider> secretsProvider,
      ObjectProvider<AnalyticsEngine> engine,
      ObjectProvider<EventSink> eventSinks,
      ObjectProvider<UdbMetrics> metrics,
      ObjectProvider<OpenTelemetry> openTelemetry,
      ObjectProvider<DataBoxBuilderCustomizer> customizers) {
    ClassLoader classLoader = resourceLoader.getClassLoader();
    UdbSettingsAssembly.requireTokenVerification(udbSettings, properties, environment, classLoader);
    DataBoxBuilder builder = DataBox.builder();
    if (properties.getStorage().isInMemory()) {
      builder.inMemory();
    } else {
      builder.storageRoot(Path.of(properties.getStorage().getPath()));
    }
    builder.engineSettings(engineSettings(properties.getEngine()));
    if (properties.getEngine().getName() != null) {
      builder.engine(properties.getEngine().getName());
    }
    properties
        .getEngine()
        .getTenants()
        .forEach((tenant, engineName) -> builder.tenantEngine(TenantId.of(tenant), engineName));
    properties
        .getEngine()
        .getDatasets()
        .forEach(
            (tenant, tables) ->
                tables.forEach(
                    (table, engineName) ->
                        builder.datasetEngine(
                            TenantId.of(tenant), TableRef.of(table), engineName)));
    builder.jobLimits(jobLimits(properties.getJobs()));
    builder.cluster(clusterSettings(properties.getCluster()));
    if (properties.getRetention().getOlderThan() != null) {
      builder.retention(
          properties.getRetention().getOlderThan(), properties.getRetention().getEvery());
    }
    if (properties.getNodeId() != null) {
      builder.nodeId(properties.getNodeId());
    }
    UdbProperties.Plugins plugins = properties.getPlugins();
    if (plugins.getJobStore() != null) {
      builder.jobStore(plugins.getJobStore());
    }
    if (plugins.getArtifactStore() != null) {
      builder.artifactStore(plugins.getArtifactStore());
    }
    if (plugins.getSecretsProvider() != null) {
      builder.secretsProvider(plugins.getSecretsProvider());
    }
    if (plugins.getEventSinks() != null) {
      builder.eventSinks(plugins.getEventSinks());
    }
    jobStore.ifAvailable(builder::jobStore);
    artifactStore.ifAvailable(builder::artifactStore);
    secretsProvider.ifAvailable(builder::secretsProvider);
    engine.ifAvailable(builder::engine);
    eventSinks.orderedStream().forEach(builder::eventSink);
    metrics.ifAvailable(builder::metrics);
    openTelemetry.ifUnique(builder::openTelemetry);
    builder.settings(udbSettings);
    if (classLoader != null) {
      builder.classLoader(classLoader);
    }
    customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    return builder.build();
  }

  /**
   * The health checks of the box, shared by Actuator, readiness and the HTTP API.
   *
   * @param dataBox the box
   * @return the probe
   */
  @Bean
  @ConditionalOnMissingBean
  public UdbHealthProbe udbHealthProbe(DataBox dataBox) {
    return new UdbHealthProbe(dataBox);
  }

  /**
   * Refuses traffic when the box cannot serve once the application is ready.
   *
   * @param udbHealthProbe the checks
   * @param publisher publishes the refusal
   * @return the gate
   */
  @Bean
  @ConditionalOnMissingBean
  public UdbReadinessGate udbReadinessGate(
      UdbHealthProbe udbHealthProbe, ApplicationEventPublisher publisher) {
    return new UdbReadinessGate(udbHealthProbe, publisher);
  }

  static EngineSettings engineSettings(UdbProperties.Engine engine) {
    EngineSettings d = EngineSettings.defaults();
    return new EngineSettings(
        orDefault(engine.getThreadsPerTenant(), d.threadsPerTenant()),
        orDefault(engine.getMemoryLimit(), d.memoryLimit()),
        orDefault(engine.getMaxTempDirectorySize(), d.maxTempDirectorySize()),
        orDefault(engine.getQueryTimeout(), d.queryTimeout()),
        orDefault(engine.getMaxRows(), d.maxRows()),
        orDefault(engine.getIdleTimeout(), d.idleTimeout()),
        orDefault(engine.getMaxConnectionsPerTenant(), d.maxConnectionsPerTenant()),
        engine.getMaxResultSize() != null
            ? engine.getMaxResultSize().toBytes()
            : d.maxResultBytes());
  }

  static JobLimits jobLimits(UdbProperties.Jobs jobs) {
    JobLimits d = JobLimits.defaults();
    return new JobLimits(
        orDefault(jobs.getMaxConcurrent(), d.maxConcurrentJobs()),
        orDefault(jobs.getMaxConcurrentPerTenant(), d.maxConcurrentPerTenant()),
        orDefault(jobs.getMaxQueuedPerTenant(), d.maxQueuedPerTenant()));
  }

  /** ClusterSettings.defaults() with the properties that are set; validated by the record. */
  static ClusterSettings clusterSettings(UdbProperties.Cluster cluster) {
    ClusterSettings d = ClusterSettings.defaults();
    return new ClusterSettings(
        orDefault(cluster.getLeaderLease(), d.leaderLease()),
        orDefault(cluster.getTick(), d.tick()),
        orDefault(cluster.getJobLease(), d.jobLease()),
        orDefault(cluster.getHeartbeat(), d.heartbeat()));
  }

  private static <T> T orDefault(T value, T fallback) {
    return value != null ? value : fallback;
  }
}
