package io.udb.core;

import io.opentelemetry.api.OpenTelemetry;
import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.Principal;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactStore;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventEnvelope;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobType;
import io.udb.api.secret.SecretsProvider;
import io.udb.core.cluster.Scheduler;
import io.udb.core.event.EventFactory;
import io.udb.core.event.EventPublisher;
import io.udb.core.job.JobManager;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import io.udb.core.plugin.PluginDescription;
import io.udb.core.security.CoreSecurityAudit;
import io.udb.core.security.JobSlots;
import io.udb.core.security.UdbSecurity;
import io.udb.security.audit.Denial;
import io.udb.security.authz.AccessDeniedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A tenant-isolated analytics box: the facade a host application builds once and shares. It holds
 * the engine (one database per tenant), the job manager, the artifact store, the event sinks and
 * the secrets provider, all chosen at build time by {@link DataBoxBuilder}.
 *
 * <p>Thread-safe. Every operation names its tenant and can never reach another tenant's data. Close
 * it on shutdown.
 */
public final class DataBox implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DataBox.class);

  private final AnalyticsEngine engine;
  private final JobManager jobs;
  private final JobStore jobStore;
  private final ArtifactStore artifacts;
  private final EventPublisher events;
  private final EventFactory eventFactory;
  private final SecretsProvider secrets;
  private final UdbMetrics metrics;
  private final OpenTelemetry openTelemetry;
  private final Clock clock;
  private final List<PluginDescription> plugins;
  private final Path ownedTempRoot;
  private final UdbSecurity security;
  private final JobSlots jobSlots;
  private Scheduler scheduler;

  DataBox(
      AnalyticsEngine engine,
      JobManager jobs,
      JobStore jobStore,
      ArtifactStore artifacts,
      EventPublisher events,
      EventFactory eventFactory,
      SecretsProvider secrets,
      UdbMetrics metrics,
      OpenTelemetry openTelemetry,
      Clock clock,
      List<PluginDescription> plugins,
      Path ownedTempRoot,
      UdbSecurity security,
      JobSlots jobSlots) {
    this.security = security;
    this.jobSlots = jobSlots;
    this.engine = engine;
    this.jobs = jobs;
    this.jobStore = jobStore;
    this.artifacts = artifacts;
    this.events = events;
    this.eventFactory = eventFactory;
    this.secrets = secrets;
    this.metrics = metrics;
    this.openTelemetry = openTelemetry;
    this.clock = clock;
    this.plugins = List.copyOf(plugins);
    this.ownedTempRoot = ownedTempRoot;
  }

  /**
   * This box as the given principal may use it: authorized, rate limited, held to quotas and
   * masked.
   *
   * @param principal an authenticated principal
   * @return the secured view
   * @throws AccessDeniedException when the principal claims the reserved system tenant
   */
  public SecuredBox as(Principal principal) {
    if (principal.tenant().equals(CoreSecurityAudit.SYSTEM_TENANT)) {
      security
          .audit()
          .denied(
              new Denial(
                  "authorization",
                  "reserved_tenant",
                  ErrorCode.FORBIDDEN,
                  null,
                  principal.subject(),
                  "session"));
      throw new AccessDeniedException(
          "reserved_tenant", "Tenant " + principal.tenant() + " is reserved for UDB itself");
    }
    return SecuredBox.of(this, security, jobSlots, principal);
  }

  /**
   * Verifies a bearer token with the configured JWT settings ({@code security.auth.*}).
   *
   * @param bearerToken the token, with or without the {@code Bearer } prefix
   * @return the secured view for the token's principal
   * @throws io.udb.security.auth.AuthenticationException when the token is refused
   */
  public SecuredBox authenticate(String bearerToken) {
    return as(security.requireAuthenticator().authenticate(bearerToken));
  }

  /** The security controls this box enforces for principals. */
  public UdbSecurity security() {
    return security;
  }

  static UdbException oauthNotConfigured() {
    return new UdbException(
        ErrorCode.CONFIG_INVALID,
        "No OAuth2 provider is configured; set security.oauth.providers.<name>.*");
  }

  /** Starts building a DataBox. */
  public static DataBoxBuilder builder() {
    return new DataBoxBuilder();
  }

  /**
   * Runs untrusted user SQL with the engine's default limits.
   *
   * @param tenant the tenant whose tables the query sees
   * @param sql one SELECT statement
   * @return the rows
   * @throws io.udb.api.SqlRejectedException when the SQL guard refuses it
   */
  public QueryResult query(TenantId tenant, String sql) {
    return query(tenant, sql, QueryOptions.defaults());
  }

  /**
   * Runs untrusted user SQL with limits.
   *
   * @param tenant the tenant
   * @param sql one SELECT statement
   * @param options row cap and timeout (capped by the engine's own), and the tables it may read
   * @return the rows
   * @throws SqlRejectedException when the SQL guard refuses it
   * @throws AccessDeniedException when it reads a table outside {@code options.allowedTables()}
   */
  public QueryResult query(TenantId tenant, String sql, QueryOptions options) {
    return audited(tenant, () -> engine.query(tenant, sql, options));
  }

  /**
   * Runs untrusted user SQL on the engine serving a dataset (see {@link
   * DataBoxBuilder#datasetEngine(TenantId, TableRef, String)}), with that engine's guard: the
   * statement sees the tenant's tables of that engine only. For a dataset without a route of its
   * own this is {@link #query(TenantId, String, QueryOptions)}.
   *
   * @param tenant the tenant
   * @param dataset the dataset whose engine runs the statement
   * @param sql one SELECT statement
   * @param options row cap and timeout (capped by the engine's own), and the tables it may read
   * @return the rows
   * @throws SqlRejectedException when the SQL guard refuses it
   * @throws AccessDeniedException when it reads a table outside {@code options.allowedTables()}
   * @throws UdbException with {@code ENGINE_OPERATION_UNSUPPORTED} when that engine runs no ad-hoc
   *     SQL (e.g. Spark)
   */
  public QueryResult query(TenantId tenant, TableRef dataset, String sql, QueryOptions options) {
    return audited(tenant, () -> engine.engineFor(tenant, dataset).query(tenant, sql, options));
  }

  private QueryResult audited(TenantId tenant, Supplier<QueryResult> statement) {
    try {
      return statement.get();
    } catch (SqlRejectedException e) {
      security
          .audit()
          .denied(new Denial("sql_guard", e.reason(), e.code(), tenant, null, "sql.query"));
      throw e;
    } catch (AccessDeniedException e) {
      security
          .audit()
          .denied(new Denial("authorization", e.reason(), e.code(), tenant, null, "sql.query"));
      throw e;
    }
  }

  /**
   * The tenant's tables.
   *
   * @param tenant the tenant
   * @return name, row count and columns of each table
   */
  public List<TableInfo> tables(TenantId tenant) {
    return engine.listTables(tenant);
  }

  /**
   * One table of the tenant.
   *
   * @param tenant the tenant
   * @param table the table
   * @return its description, or empty
   */
  public Optional<TableInfo> describe(TenantId tenant, TableRef table) {
    return engine.describe(tenant, table);
  }

  /**
   * Opens a session for UDB's own generated SQL (capability modules); never for user SQL.
   *
   * @param tenant the tenant
   * @return the session; close it after use
   */
  public SqlSession openSession(TenantId tenant) {
    return engine.openSession(tenant);
  }

  /**
   * Opens a session for UDB's own generated SQL that reads one dataset, on the engine serving it
   * (see {@link DataBoxBuilder#datasetEngine(TenantId, TableRef, String)}); never for user SQL.
   *
   * @param tenant the tenant
   * @param table the dataset the session reads
   * @return the session; close it after use
   */
  public SqlSession openSession(TenantId tenant, TableRef table) {
    return engine.openSession(tenant, table);
  }

  /**
   * Accepts a job.
   *
   * @param tenant the tenant
   * @param type what it does
   * @param body the work
   * @return the created job; follow it with {@link #job} or {@link #awaitJob}
   */
  public Job submit(TenantId tenant, JobType type, JobBody body) {
    return jobs.submit(tenant, type, body);
  }

  /**
   * A job of the tenant.
   *
   * @param tenant the tenant
   * @param id the job
   * @return its current snapshot
   * @throws io.udb.api.NotFoundException with {@code JOB_NOT_FOUND}
   */
  public Job job(TenantId tenant, JobId id) {
    return jobs.get(tenant, id);
  }

  /**
   * Waits for a job to finish.
   *
   * @param tenant the tenant
   * @param id the job
   * @param timeout the longest to wait
   * @return the latest snapshot, terminal unless the timeout passed
   */
  public Job awaitJob(TenantId tenant, JobId id, Duration timeout) {
    return jobs.await(tenant, id, timeout);
  }

  /**
   * Requests cancellation of a job.
   *
   * @param tenant the tenant
   * @param id the job
   * @return the snapshot after the request
   */
  public Job cancelJob(TenantId tenant, JobId id) {
    return jobs.cancel(tenant, id);
  }

  /**
   * The manifest of a job's artifacts.
   *
   * @param tenant the tenant
   * @param id the job
   * @return the manifest, or empty when the job has none in that tenant
   */
  public Optional<ArtifactManifest> manifest(TenantId tenant, JobId id) {
    return artifacts.manifest(tenant, id);
  }

  /**
   * Publishes an event to every configured sink.
   *
   * @param event the event
   */
  public void publish(EventEnvelope event) {
    events.publish(event);
  }

  /**
   * Deletes artifacts and finished job records older than the given age.
   *
   * @param olderThan the retention period
   * @return what was removed
   */
  public PruneResult prune(Duration olderThan) {
    if (olderThan.isNegative()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Retention must not be negative");
    }
    Instant cutoff = clock.instant().minus(olderThan);
    int artifactJobs = artifacts.pruneOlderThan(cutoff);
    int jobRecords = jobStore.deleteFinishedBefore(cutoff);
    metrics.count(MetricNames.ARTIFACTS_PRUNED, artifactJobs);
    LOG.info(
        "Pruned artifacts of {} jobs and {} job records older than {}",
        artifactJobs,
        jobRecords,
        cutoff);
    return new PruneResult(artifactJobs, jobRecords);
  }

  /** The analytics engine. */
  public AnalyticsEngine engine() {
    return engine;
  }

  /** The job manager. */
  public JobManager jobs() {
    return jobs;
  }

  /** The artifact store. */
  public ArtifactStore artifacts() {
    return artifacts;
  }

  /** Builds events with this box's source and clock. */
  public EventFactory eventFactory() {
    return eventFactory;
  }

  /** The secrets provider. */
  public SecretsProvider secrets() {
    return secrets;
  }

  /** Where this box records measurements. */
  public UdbMetrics metrics() {
    return metrics;
  }

  /** The OpenTelemetry instance spans go to. */
  public OpenTelemetry openTelemetry() {
    return openTelemetry;
  }

  /** The clock. */
  public Clock clock() {
    return clock;
  }

  /** The plugins in use, by SPI, for status pages. */
  public List<PluginDescription> plugins() {
    return plugins;
  }

  /** Set once by the builder, before the box is handed out. */
  void attachScheduler(Scheduler scheduler) {
    this.scheduler = scheduler;
  }

  /**
   * The scheduler of periodic work: register a task with {@link Scheduler#schedule} (the same name
   * on every node) and it runs once per period on the leading node. Built in: {@code
   * udb.job-leases} (abandoned jobs of dead nodes) and, when configured, {@code udb.retention}.
   */
  public Scheduler scheduler() {
    return scheduler;
  }

  /** Failures of event sinks so far, by sink class. */
  public Map<String, Long> eventSinkFailures() {
    return events.failures();
  }

  /** Stops jobs, closes tenant databases and releases the plugins. */
  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.close();
    }
    jobs.close();
    engine.close();
    events.close();
    closeQuietly(artifacts);
    closeQuietly(jobStore);
    closeQuietly(secrets);
    closeQuietly(security);
    if (ownedTempRoot != null) {
      deleteTree(ownedTempRoot);
    }
  }

  /** Removes a temporary folder of the box with everything in it, logging what it cannot. */
  static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not remove temporary folder {}: {}", root, e.getMessage());
    }
  }

  private static void closeQuietly(AutoCloseable closeable) {
    try {
      closeable.close();
    } catch (Exception e) {
      LOG.warn("Closing {} failed: {}", closeable.getClass().getName(), e.getMessage());
    }
  }
}
