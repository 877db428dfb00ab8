package io.udb.core;

import io.opentelemetry.api.OpenTelemetry;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.artifact.ArtifactStoreFactory;
import io.udb.api.config.Settings;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.AnalyticsEngineFactory;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventSinkFactory;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobStoreFactory;
import io.udb.api.plugin.PluginContext;
import io.udb.api.plugin.PluginFactory;
import io.udb.api.secret.SecretValue;
import io.udb.api.secret.SecretsProvider;
import io.udb.api.secret.SecretsProviderFactory;
import io.udb.core.cluster.AbandonedJobPolicy;
import io.udb.core.cluster.ClusterSettings;
import io.udb.core.cluster.Coordination;
import io.udb.core.cluster.LocalCoordination;
import io.udb.core.cluster.Scheduler;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.EngineSettings;
import io.udb.core.engine.TenantRoutingEngine;
import io.udb.core.event.EventFactory;
import io.udb.core.event.EventPublisher;
import io.udb.core.job.JobLimits;
import io.udb.core.job.JobManager;
import io.udb.core.job.JobObserver;
import io.udb.core.job.store.JdbcJobStore;
import io.udb.core.observe.MeteredPlugin;
import io.udb.core.observe.UdbMetrics;
import io.udb.core.plugin.PluginCatalog;
import io.udb.core.plugin.PluginDescription;
import io.udb.core.plugin.PluginRegistry;
import io.udb.core.security.JobSlots;
import io.udb.core.security.SecurityAssembly;
import io.udb.core.security.UdbSecurity;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link DataBox}. Plugins are selected by name (discovered with {@link
 * java.util.ServiceLoader}) or given as instances; an instance given here always wins.
 *
 * <p>Plugin settings are read from {@link #settings(Settings)} under {@code <spi>.<name>.}, e.g.
 * {@code job-store.jdbc.url} or {@code artifact-store.filesystem.root}.
 */
public final class DataBoxBuilder {
  /** The name of the built-in embedded DuckDB engine. */
  public static final String DUCKDB = "duckdb";

  private Path storageRoot;
  private boolean inMemory;
  private EngineSettings engineSettings = EngineSettings.defaults();
  private JobLimits jobLimits = JobLimits.defaults();
  private UdbMetrics metrics = UdbMetrics.noop();
  private OpenTelemetry openTelemetry = OpenTelemetry.noop();
  private Clock clock = Clock.systemUTC();
  private String nodeId = "local";
  private Settings settings = Settings.empty();
  private ClassLoader classLoader = DataBoxBuilder.class.getClassLoader();
  private AnalyticsEngine engine;
  private String engineName = DUCKDB;
  private final Map<TenantId, Object> tenantEngines = new LinkedHashMap<>();
  private final Map<TenantId, Map<TableRef, Object>> datasetEngines = new LinkedHashMap<>();
  private JobStore jobStore;
  private String jobStoreName = "memory";
  private ArtifactStore artifactStore;
  private String artifactStoreName = "filesystem";
  private SecretsProvider secretsProvider;
  private String secretsProviderName;
  private final List<EventSink> eventSinks = new ArrayList<>();
  private List<String> eventSinkNames = List.of("logging");
  private ClusterSettings cluster = ClusterSettings.defaults();
  private Duration retention;
  private AbandonedJobPolicy abandonedJobPolicy = AbandonedJobPolicy.FAIL;
  private Duration retentionEvery;

  DataBoxBuilder() {}

  /**
   * Keeps tenant databases, artifacts and other files below this folder.
   *
   * @param root the storage root, created if absent
   * @return this builder
   */
  public DataBoxBuilder storageRoot(Path root) {
    this.storageRoot = Objects.requireNonNull(root, "root");
    this.inMemory = false;
    return this;
  }

  /**
   * Keeps everything in memory and in a temporary folder removed on close (tests, demos).
   *
   * @return this builder
   */
  public DataBoxBuilder inMemory() {
    this.inMemory = true;
    this.storageRoot = null;
    return this;
  }

  /**
   * Sets the engine's limits and resources.
   *
   * @param settings the settings
   * @return this builder
   */
  public DataBoxBuilder engineSettings(EngineSettings settings) {
    this.engineSettings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Sets the job concurrency limits.
   *
   * @param limits the limits
   * @return this builder
   */
  public DataBoxBuilder jobLimits(JobLimits limits) {
    this.jobLimits = Objects.requireNonNull(limits, "limits");
    return this;
  }

  /**
   * Records measurements here (e.g. {@code MicrometerMetrics.of(registry)}); default: none.
   *
   * @param metrics the metrics
   * @return this builder
   */
  public DataBoxBuilder metrics(UdbMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    return this;
  }

  /**
   * Sends spans here; default: the no-op instance.
   *
   * @param openTelemetry the host's OpenTelemetry
   * @return this builder
   */
  public DataBoxBuilder openTelemetry(OpenTelemetry openTelemetry) {
    this.openTelemetry = Objects.requireNonNull(openTelemetry, "openTelemetry");
    return this;
  }

  /**
   * Uses this clock for timestamps.
   *
   * @param clock the clock
   * @return this builder
   */
  public DataBoxBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /**
   * This node's id: the owner recorded on its jobs, so that unfinished jobs of a crashed run are
   * settled on the next start. Keep it stable across restarts of the same node.
   *
   * @param nodeId the id
   * @return this builder
   */
  public DataBoxBuilder nodeId(String nodeId) {
    if (nodeId == null || nodeId.isBlank()) {
      throw new ConfigurationException(ErrorCode.CONFIG_INVALID, "nodeId must not be blank");
    }
    this.nodeId = nodeId;
    return this;
  }

  /**
   * Sets the timing of leader election and job leases between nodes that share a job store.
   *
   * @param settings the timing
   * @return this builder
   */
  public DataBoxBuilder cluster(ClusterSettings settings) {
    this.cluster = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Decides whether the jobs of a dead node, once marked {@code FAILED} with {@code JOB_ABANDONED},
   * are started again on the node that settles them; default {@link AbandonedJobPolicy#FAIL}.
   *
   * @param policy the policy
   * @return this builder
   */
  public DataBoxBuilder abandonedJobs(AbandonedJobPolicy policy) {
    this.abandonedJobPolicy = Objects.requireNonNull(policy, "policy");
    return this;
  }

  /**
   * Prunes artifacts and finished job records older than {@code olderThan} once every {@code
   * every}, on one node (the scheduler's task {@code udb.retention}).
   *
   * @param olderThan what to remove
   * @param every how often
   * @return this builder
   */
  public DataBoxBuilder retention(Duration olderThan, Duration every) {
    if (olderThan.isNegative()) {
      throw new ConfigurationException(ErrorCode.CONFIG_INVALID, "Retention must not be negative");
    }
    this.retention = olderThan;
    this.retentionEvery = Objects.requireNonNull(every, "every");
    return this;
  }

  /**
   * Plugin settings, read under {@code <spi>.<name>.}.
   *
   * @param settings the settings
   * @return this builder
   */
  public DataBoxBuilder settings(Settings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    return this;
  }

  /**
   * Discovers plugins with this class loader; default: UDB's own.
   *
   * @param classLoader the loader
   * @return this builder
   */
  public DataBoxBuilder classLoader(ClassLoader classLoader) {
    this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
    return this;
  }

  /**
   * Uses this engine instead of the embedded DuckDB one.
   *
   * @param engine the engine; closed with the box
   * @return this builder
   */
  public DataBoxBuilder engine(AnalyticsEngine engine) {
    this.engine = Objects.requireNonNull(engine, "engine");
    return this;
  }

  /**
   * Uses the engine plugin of this name for every tenant without a route of its own: {@value
   * #DUCKDB} (the default, built in) or one registered through {@link
   * io.udb.api.engine.AnalyticsEngineFactory}, such as {@code spark} from {@code udb-spark},
   * created with the settings under {@code engine.<name>.}.
   *
   * @param name the engine's plugin name
   * @return this builder
   */
  public DataBoxBuilder engine(String name) {
    this.engineName = requirePluginName(name, "engine");
    return this;
  }

  /**
   * Serves one tenant from this engine instead of the default one, e.g. a tenant whose datasets
   * live on a Spark cluster.
   *
   * @param tenant the tenant
   * @param engine the engine; closed with the box
   * @return this builder
   */
  public DataBoxBuilder tenantEngine(TenantId tenant, AnalyticsEngine engine) {
    tenantEngines.put(
        Objects.requireNonNull(tenant, "tenant"), Objects.requireNonNull(engine, "engine"));
    return this;
  }

  /**
   * Serves one tenant from the engine plugin of this name (see {@link #engine(String)}); tenants
   * routed to the same name share one engine instance.
   *
   * @param tenant the tenant
   * @param name the engine's plugin name
   * @return this builder
   */
  public DataBoxBuilder tenantEngine(TenantId tenant, String name) {
    tenantEngines.put(Objects.requireNonNull(tenant, "tenant"), requirePluginName(name, "engine"));
    return this;
  }

  /**
   * Serves one dataset of a tenant from this engine instead of the tenant's, e.g. the one dataset
   * of a DuckDB tenant that lives on a Spark cluster. Profiles, checks, drift and KPIs read that
   * dataset on this engine; the tenant's check history, baselines and classifications, its uploads
   * and its ad-hoc SQL stay on the tenant's engine. The name matches case-insensitively.
   *
   * @param tenant the tenant
   * @param table the dataset
   * @param engine the engine; closed with the box
   * @return this builder
   */
  public DataBoxBuilder datasetEngine(TenantId tenant, TableRef table, AnalyticsEngine engine) {
    datasetEngines
        .computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new LinkedHashMap<>())
        .put(Objects.requireNonNull(table, "table"), Objects.requireNonNull(engine, "engine"));
    return this;
  }

  /**
   * Serves one dataset of a tenant from the engine plugin of this name (see {@link #engine(String)}
   * and {@link #datasetEngine(TenantId, TableRef, AnalyticsEngine)}); routes to the same name share
   * one engine instance with each other and with tenants routed to it.
   *
   * @param tenant the tenant
   * @param table the dataset
   * @param name the engine's plugin name
   * @return this builder
   */
  public DataBoxBuilder datasetEngine(TenantId tenant, TableRef table, String name) {
    datasetEngines
        .computeIfAbsent(Objects.requireNonNull(tenant, "tenant"), t -> new LinkedHashMap<>())
        .put(Objects.requireNonNull(table, "table"), requirePluginName(name, "engine"));
    return this;
  }

  private static String requirePluginName(String name, String what) {
    Objects.requireNonNull(name, what);
    String trimmed = name.trim();
    if (trimmed.isEmpty()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "The " + what + " name must not be blank");
    }
    return trimmed;
  }

  /**
   * Uses this job store instance.
   *
   * @param store the store; closed with the box
   * @return this builder
   */
  public DataBoxBuilder jobStore(JobStore store) {
    this.jobStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Selects the job store plugin by name ({@code memory} by default, {@code jdbc} built in).
   *
   * @param name the plugin name
   * @return this builder
   */
  public DataBoxBuilder jobStore(String name) {
    this.jobStoreName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Uses this artifact store instance.
   *
   * @param store the store; closed with the box
   * @return this builder
   */
  public DataBoxBuilder artifactStore(ArtifactStore store) {
    this.artifactStore = Objects.requireNonNull(store, "store");
    return this;
  }

  /**
   * Selects the artifact store plugin by name ({@code filesystem} by default).
   *
   * @param name the plugin name
   * @return this builder
   */
  public DataBoxBuilder artifactStore(String name) {
    this.artifactStoreName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Uses this secrets provider instance.
   *
   * @param provider the provider; closed with the box
   * @return this builder
   */
  public DataBoxBuilder secretsProvider(SecretsProvider provider) {
    this.secretsProvider = Objects.requireNonNull(provider, "provider");
    return this;
  }

  /**
   * Selects the secrets provider plugin by name; without one, no secret resolves.
   *
   * @param name the plugin name
   * @return this builder
   */
  public DataBoxBuilder secretsProvider(String name) {
    this.secretsProviderName = Objects.requireNonNull(name, "name");
    return this;
  }

  /**
   * Adds an event sink instance, in addition to the named ones.
   *
   * @param sink the sink; closed with the box
   * @return this builder
   */
  public DataBoxBuilder eventSink(EventSink sink) {
    eventSinks.add(Objects.requireNonNull(sink, "sink"));
    return this;
  }

  /**
   * Selects the event sink plugins by name ({@code logging} by default; empty for none).
   *
   * @param names the plugin names
   * @return this builder
   */
  public DataBoxBuilder eventSinks(List<String> names) {
    this.eventSinkNames = List.copyOf(names);
    return this;
  }

  /**
   * Builds the box: creates the selected plugins, opens nothing per tenant yet, and settles the
   * jobs a previous run of this node left unfinished.
   *
   * @return the box
   * @throws ConfigurationException when a plugin is missing, ambiguous or broken, or a setting is
   *     invalid; what the build had already created is closed again, while instances given to this
   *     builder stay open
   */
  public DataBox build() {
    if (storageRoot == null && !inMemory) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Choose where UDB keeps its data: storageRoot(path) or inMemory()");
    }
    Path ownedTemp = null;
    Path root;
    try {
      if (inMemory) {
        ownedTemp = Files.createTempDirectory("udb-box-");
        root = ownedTemp;
      } else {
        root = Files.createDirectories(storageRoot).toAbsolutePath().normalize();
      }
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot create the storage root " + storageRoot, e);
    }
    // What this build makes is closed again if a later step fails: a start-up that fails on a
    // misspelt plugin name must not leave an engine thread, a database connection or a temporary
    // folder behind. Instances the caller passed in stay the caller's until a box owns them.
    List<AutoCloseable> created = new ArrayList<>();
    try {
      return assemble(root, ownedTemp, created);
    } catch (RuntimeException | Error e) {
      for (int i = created.size() - 1; i >= 0; i--) {
        try {
          created.get(i).close();
        } catch (Exception | Error closeFailure) {
          e.addSuppressed(closeFailure);
        }
      }
      if (ownedTemp != null) {
        DataBox.deleteTree(ownedTemp);
      }
      throw e;
    }
  }

  private DataBox assemble(Path root, Path ownedTemp, List<AutoCloseable> created) {
    PluginRegistry registry = PluginRegistry.forClassLoader(classLoader);
    List<PluginDescription> used = new ArrayList<>();
    Map<String, AnalyticsEngine> enginesByName = new HashMap<>();
    AnalyticsEngine selectedEngine = engine;
    if (selectedEngine == null) {
      selectedEngine = namedEngine(registry, engineName, root, used, created, enginesByName);
    }
    if (!tenantEngines.isEmpty() || !datasetEngines.isEmpty()) {
      Map<TenantId, AnalyticsEngine> routes = new LinkedHashMap<>();
      for (Map.Entry<TenantId, Object> route : tenantEngines.entrySet()) {
        routes.put(
            route.getKey(),
            routedEngine(route.getValue(), registry, root, used, created, enginesByName));
      }
      Map<TenantId, Map<TableRef, AnalyticsEngine>> datasetRoutes = new LinkedHashMap<>();
      for (Map.Entry<TenantId, Map<TableRef, Object>> tenant : datasetEngines.entrySet()) {
        Map<TableRef, AnalyticsEngine> tables = new LinkedHashMap<>();
        for (Map.Entry<TableRef, Object> route : tenant.getValue().entrySet()) {
          tables.put(
              route.getKey(),
              routedEngine(route.getValue(), registry, root, used, created, enginesByName));
        }
        datasetRoutes.put(tenant.getKey(), tables);
      }
      selectedEngine = new TenantRoutingEngine(selectedEngine, routes, datasetRoutes);
    }
    JobStore store = jobStore;
    if (store == null) {
      store = create(registry, JobStoreFactory.class, "job-store", jobStoreName, root, used);
      created.add(store);
    }
    ArtifactStore artifacts = artifactStore;
    if (artifacts == null) {
      artifacts =
          create(
              registry,
              ArtifactStoreFactory.class,
              "artifact-store",
              artifactStoreName,
              root,
              used);
      created.add(artifacts);
    }
    SecretsProvider secrets = secretsProvider;
    if (secrets == null && secretsProviderName != null) {
      secrets =
          create(
              registry, SecretsProviderFactory.class, "secrets", secretsProviderName, root, used);
      created.add(secrets);
    } else if (secrets == null) {
      secrets = new NoSecrets();
    }
    List<EventSink> sinks = new ArrayList<>(eventSinks);
    for (String name : eventSinkNames) {
      EventSink sink = create(registry, EventSinkFactory.class, "event-sink", name, root, used);
      created.add(sink);
      sinks.add(sink);
    }
    for (EventSink sink : sinks) {
      bindMetrics(sink);
    }
    bindMetrics(store);
    bindMetrics(artifacts);
    EventPublisher publisher = new EventPublisher(sinks);
    EventFactory eventFactory = new EventFactory(URI.create("/udb/" + nodeId), clock);
    UdbSecurity security =
        SecurityAssembly.assemble(
            settings.withPrefix("security."),
            selectedEngine,
            secrets,
            eventFactory,
            publisher,
            metrics,
            clock);
    created.add(security);
    JobSlots jobSlots = new JobSlots();
    JobObserver observer =
        new JobObserver() {
          @Override
          public void created(Job job) {
            publisher.publish(eventFactory.jobCreated(job));
          }

          @Override
          public void transitioned(Job job, JobState from) {
            if (job.state().isTerminal()) {
              jobSlots.release(job.id());
            }
            publisher.publish(eventFactory.jobStateChanged(job, from));
          }
        };
    JobManager jobs =
        new JobManager(
            store,
            observer,
            artifacts,
            openTelemetry.getTracer("io.udb.core"),
            metrics,
            clock,
            nodeId,
            jobLimits);
    created.add(jobs);
    jobs.recoverAbandoned();
    Coordination coordination =
        store instanceof JdbcJobStore shared ? shared.coordination() : new LocalCoordination();
    Scheduler scheduler = new Scheduler(nodeId, coordination, cluster, clock, metrics);
    created.add(scheduler);
    scheduler.everyNode("udb.job-leases.renew", cluster.heartbeat(), jobs::renewLeases);
    scheduler.schedule(
        "udb.job-leases",
        cluster.heartbeat().compareTo(cluster.tick()) < 0 ? cluster.tick() : cluster.heartbeat(),
        period -> jobs.reclaimExpired(cluster.jobLease(), abandonedJobPolicy::retry));
    DataBox box =
        new DataBox(
            selectedEngine,
            jobs,
            store,
            artifacts,
            publisher,
            eventFactory,
            secrets,
            metrics,
            openTelemetry,
            clock,
            used,
            ownedTemp,
            security,
            jobSlots);
    box.attachScheduler(scheduler);
    if (retention != null) {
      Duration olderThan = retention;
      scheduler.schedule("udb.retention", retentionEvery, period -> box.prune(olderThan));
    }
    scheduler.start();
    return box;
  }

  private <F extends PluginFactory<T>, T> T create(
      PluginRegistry registry,
      Class<F> spi,
      String prefix,
      String name,
      Path root,
      List<PluginDescription> used) {
    PluginCatalog<T> catalog = registry.catalog(spi);
    T plugin =
        catalog.create(
            name, new PluginContext(settings.withPrefix(prefix + "." + name + "."), root, clock));
    catalog.describe().stream().filter(d -> d.name().equals(name)).findFirst().ifPresent(used::add);
    return plugin;
  }

  /** An engine given as an instance, or the plugin of that name, made once per name. */
  private AnalyticsEngine routedEngine(
      Object route,
      PluginRegistry registry,
      Path root,
      List<PluginDescription> used,
      List<AutoCloseable> created,
      Map<String, AnalyticsEngine> byName) {
    return route instanceof AnalyticsEngine given
        ? given
        : namedEngine(registry, (String) route, root, used, created, byName);
  }

  private AnalyticsEngine namedEngine(
      PluginRegistry registry,
      String name,
      Path root,
      List<PluginDescription> used,
      List<AutoCloseable> created,
      Map<String, AnalyticsEngine> byName) {
    AnalyticsEngine existing = byName.get(name);
    if (existing != null) {
      return existing;
    }
    AnalyticsEngine made =
        name.equals(DUCKDB)
            ? inMemory
                ? DuckDbEngine.inMemory(engineSettings, metrics)
                : DuckDbEngine.onDisk(root, engineSettings, metrics)
            : create(registry, AnalyticsEngineFactory.class, "engine", name, root, used);
    created.add(made);
    byName.put(name, made);
    return made;
  }

  private void bindMetrics(Object plugin) {
    if (plugin instanceof MeteredPlugin metered) {
      metered.bindMetrics(metrics);
    }
  }

  /** Resolves nothing: the default until a secrets provider is configured. */
  private static final class NoSecrets implements SecretsProvider {
    @Override
    public Optional<SecretValue> resolve(TenantId tenant, String name) {
      return Optional.empty();
    }
  }
}
