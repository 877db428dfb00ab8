package io.udb.ingest.connection;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.NotFoundException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.Connector;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.api.secret.SecretValue;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.observe.MetricNames;
import io.udb.ingest.http.HttpConnector;
import io.udb.ingest.load.LoadMode;
import io.udb.ingest.load.LoadOptions;
import io.udb.ingest.load.TenantLoader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tenant-scoped connections to sources: create (validated against the connector's JSON Schema and
 * tested), discover, list, get, delete, and sync as a job. This is the {@code GET /udb/sources},
 * {@code POST /udb/sources/discover_connect} and {@code POST /udb/sources/{connectionId}/sync} flow
 * of the HTTP API.
 *
 * <p>Secrets never enter a connection: it holds secret <em>references</em> (slot to the name of a
 * tenant secret), resolved through the box's secrets provider for the connection's tenant each time
 * the connector is used. A sync reads through {@link TenantLoader} (or a {@link RecordLoader} the
 * caller supplies), saves the streams' new cursor state, publishes {@code udb.ingest.completed} per
 * loaded table and counts {@code udb.ingest.rows} and {@code udb.ingest.rejected}. One sync per
 * connection runs at a time.
 *
 * <p>Thread-safe.
 */
public final class ConnectionService {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionService.class);
  private static final Pattern SLOT = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");
  private static final Pattern ID = Pattern.compile("[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}");
  private static final String RESERVED_KEY = "udb";

  private final DataBox box;
  private final ConnectorCatalog catalog;
  private final ConnectionStore store;
  private final Map<String, JobId> running = new ConcurrentHashMap<>();

  /**
   * A service.
   *
   * @param box the box whose tenants own the connections
   * @param catalog the available connectors
   */
  public ConnectionService(DataBox box, ConnectorCatalog catalog) {
    this.box = Objects.requireNonNull(box, "box");
    this.catalog = Objects.requireNonNull(catalog, "catalog");
    this.store = new ConnectionStore(box);
  }

  /** The available connectors and their configuration schemas ({@code GET /udb/sources}). */
  public List<ConnectorDescription> connectors() {
    return catalog.describe();
  }

  /**
   * Creates a connection after validating its configuration and testing it.
   *
   * @param tenant the tenant
   * @param connectorName the connector, e.g. {@code jdbc}
   * @param config the configuration in its JSON form (no secrets)
   * @param secretRefs secret slot to the name of a secret of the tenant, e.g. {@code password ->
   *     sales-db-password}
   * @return the stored connection
   * @throws UdbException {@code INVALID_ARGUMENT} for an unknown connector, a configuration that
   *     breaks the schema (listing every violation) or a failed test; {@code SECRET_NOT_FOUND} for
   *     a reference to a missing secret
   */
  public Connection create(
      TenantId tenant,
      String connectorName,
      Map<String, ?> config,
      Map<String, String> secretRefs) {
    Objects.requireNonNull(tenant, "tenant");
    Connector connector = catalog.require(connectorName);
    Map<String, Object> json = validate(connectorName, config);
    Map<String, String> refs = checkedRefs(secretRefs);
    ConnectorConfig connectorConfig = connectorConfig(tenant, json, refs);
    ConnectionCheck check = connector.test(connectorConfig);
    if (!check.ok()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The connection test failed: " + check.message());
    }
    Connection connection =
        new Connection(
            UUID.randomUUID().toString(),
            connectorName,
            json,
            refs,
            box.clock().instant(),
            Map.of());
    store.insert(tenant, connection);
    LOG.info(
        "Connection {} ({}) created for tenant {}: {}",
        connection.id(),
        connectorName,
        tenant,
        check.message());
    return connection;
  }

  /**
   * Creates a connection and discovers its streams ({@code POST /udb/sources/discover_connect}).
   * When discovery fails, the connection is not kept.
   *
   * @param tenant the tenant
   * @param connectorName the connector
   * @param config the configuration
   * @param secretRefs the secret references
   * @return the connection's id and streams
   */
  public DiscoverConnectResult discoverConnect(
      TenantId tenant,
      String connectorName,
      Map<String, ?> config,
      Map<String, String> secretRefs) {
    Connection connection = create(tenant, connectorName, config, secretRefs);
    try {
      return new DiscoverConnectResult(connection.id(), discover(tenant, connection));
    } catch (RuntimeException e) {
      store.delete(tenant, connection.id());
      throw e;
    }
  }

  /**
   * Lists the streams of a connection with their inferred schemas.
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @return the streams
   */
  public List<StreamInfo> discover(TenantId tenant, String connectionId) {
    return discover(tenant, get(tenant, connectionId));
  }

  private List<StreamInfo> discover(TenantId tenant, Connection connection) {
    return catalog
        .require(connection.connector())
        .discover(connectorConfig(tenant, connection.config(), connection.secretRefs()));
  }

  /**
   * Tests a stored connection again.
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @return the outcome
   */
  public ConnectionCheck test(TenantId tenant, String connectionId) {
    Connection connection = get(tenant, connectionId);
    return catalog
        .require(connection.connector())
        .test(connectorConfig(tenant, connection.config(), connection.secretRefs()));
  }

  /**
   * The tenant's connections.
   *
   * @param tenant the tenant
   * @return the connections, oldest first
   */
  public List<Connection> list(TenantId tenant) {
    return store.list(tenant);
  }

  /**
   * One connection of the tenant.
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @return the connection
   * @throws NotFoundException with {@code CONNECTION_NOT_FOUND} when the tenant has no such
   *     connection (also when another tenant has it)
   */
  public Connection get(TenantId tenant, String connectionId) {
    if (connectionId == null || !ID.matcher(connectionId).matches()) {
      throw notFound(connectionId);
    }
    return store.find(tenant, connectionId).orElseThrow(() -> notFound(connectionId));
  }

  /**
   * Deletes a connection. The tables it loaded stay.
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @throws NotFoundException with {@code CONNECTION_NOT_FOUND} when the tenant has no such
   *     connection
   */
  public void delete(TenantId tenant, String connectionId) {
    get(tenant, connectionId);
    store.delete(tenant, connectionId);
    LOG.info("Connection {} of tenant {} deleted", connectionId, tenant);
  }

  /**
   * Starts a sync of every stream of a connection into the tenant's database through UDB's own
   * loader ({@link TenantLoader}: atomic, rejects kept; a full sync replaces each table, an
   * incremental one appends to it; a connectors pass a stream's own {@code mode}/{@code keys} as
   * load options).
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @param mode FULL, or INCREMENTAL from the saved cursor state
   * @return the created job
   */
  public Job submitSync(TenantId tenant, String connectionId, SyncMode mode) {
    return submitSync(tenant, connectionId, mode, List.of());
  }

  /**
   * Starts a sync of some streams of a connection through UDB's own loader ({@link TenantLoader}).
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @param mode FULL, or INCREMENTAL from the saved cursor state
   * @param streams the streams to read, empty for all
   * @return the created job
   */
  public Job submitSync(TenantId tenant, String connectionId, SyncMode mode, List<String> streams) {
    return submitSync(
        tenant,
        connectionId,
        mode,
        streams,
        job ->
            TenantLoader.forJob(
                box,
                job,
                mode == SyncMode.INCREMENTAL
                    ? LoadOptions.defaults().withMode(LoadMode.APPEND)
                    : LoadOptions.defaults()));
  }

  /**
   * Starts a sync of every stream of a connection.
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @param mode FULL, or INCREMENTAL from the saved cursor state
   * @param loaders makes the loader the sync writes through, from the sync's job
   * @return the created job
   */
  public Job submitSync(
      TenantId tenant,
      String connectionId,
      SyncMode mode,
      Function<JobContext, RecordLoader> loaders) {
    return submitSync(tenant, connectionId, mode, List.of(), loaders);
  }

  /**
   * Starts a sync of a connection as a {@code sync} job.
   *
   * @param tenant the tenant
   * @param connectionId the connection
   * @param mode FULL, or INCREMENTAL from the saved cursor state
   * @param streams the streams to read, empty for all
   * @param loaders makes the loader the sync writes through, from the sync's job
   * @return the created job; its result is {@code {connectionId, connector, mode, tables:[{table,
   *     rowsRead, rowsLoaded, rowsRejected, columns}], rowsRead, rowsLoaded, rowsRejected}}
   * @throws UdbException {@code CONNECTION_NOT_FOUND} for an unknown connection, {@code
   *     JOB_REJECTED} while another sync of it runs
   */
  public Job submitSync(
      TenantId tenant,
      String connectionId,
      SyncMode mode,
      List<String> streams,
      Function<JobContext, RecordLoader> loaders) {
    return submitSync(
        tenant,
        connectionId,
        mode,
        streams,
        loaders,
        body -> box.submit(tenant, JobType.SYNC, body));
  }

  /**
   * Starts a sync of a connection as a {@code sync} job of a principal: like {@link
   * #submitSync(TenantId, String, SyncMode, List, Function)} for the principal's tenant, with the
   * principal's permission, rate limit and concurrent-job quota applied by {@link
   * SecuredBox#submit}.
   *
   * @param caller the principal's view of this service's box
   * @param connectionId the connection
   * @param mode FULL, or INCREMENTAL from the saved cursor state
   * @param streams the streams to read, empty for all
   * @param loaders makes the loader the sync writes through, from the sync's job
   * @return the created job
   */
  public Job submitSync(
      SecuredBox caller,
      String connectionId,
      SyncMode mode,
      List<String> streams,
      Function<JobContext, RecordLoader> loaders) {
    return submitSync(
        caller.principal().tenant(),
        connectionId,
        mode,
        streams,
        loaders,
        body -> caller.submit(JobType.SYNC, body));
  }

  private Job submitSync(
      TenantId tenant,
      String connectionId,
      SyncMode mode,
      List<String> streams,
      Function<JobContext, RecordLoader> loaders,
      Function<JobBody, Job> submitter) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(loaders, "loaders");
    List<String> requested = List.copyOf(streams);
    get(tenant, connectionId);
    String key = tenant.value() + '/' + connectionId;
    synchronized (running) {
      JobId previous = running.get(key);
      if (previous != null && !box.job(tenant, previous).state().isTerminal()) {
        throw new UdbException(
            ErrorCode.JOB_REJECTED,
            "A sync of connection " + connectionId + " is already running (job " + previous + ")");
      }
      Job job =
          submitter.apply(
              context -> {
                try {
                  return sync(context, connectionId, mode, requested, loaders);
                } finally {
                  running.remove(key, context.jobId());
                }
              });
      running.put(key, job.id());
      return job;
    }
  }

  /**
   * Syncs a connection inside a job that already exists (e.g. the analyze pipeline's): the stages,
   * state, events and metrics of {@link #submitSync}, and like it one sync per connection at a
   * time.
   *
   * @param context the running job, whose tenant owns the connection
   * @param connectionId the connection
   * @param mode FULL, or INCREMENTAL from the saved cursor state
   * @param streams the streams to read, empty for all
   * @param loaders makes the loader the sync writes through, from the job
   * @return the result of {@link #submitSync}'s job
   * @throws UdbException {@code INVALID_ARGUMENT} for an unknown connection, {@code JOB_REJECTED}
   *     while another sync of it runs
   */
  public Map<String, Object> runSync(
      JobContext context,
      String connectionId,
      SyncMode mode,
      List<String> streams,
      Function<JobContext, RecordLoader> loaders) {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(loaders, "loaders");
    TenantId tenant = context.tenant();
    get(tenant, connectionId);
    String key = tenant.value() + '/' + connectionId;
    synchronized (running) {
      JobId previous = running.get(key);
      if (previous != null && !box.job(tenant, previous).state().isTerminal()) {
        throw new UdbException(
            ErrorCode.JOB_REJECTED,
            "A sync of connection " + connectionId + " is already running (job " + previous + ")");
      }
      running.put(key, context.jobId());
    }
    try {
      return sync(context, connectionId, mode, List.copyOf(streams), loaders);
    } finally {
      running.remove(key, context.jobId());
    }
  }

  private Map<String, Object> sync(
      JobContext context,
      String connectionId,
      SyncMode mode,
      List<String> streams,
      Function<JobContext, RecordLoader> loaders) {
    TenantId tenant = context.tenant();
    Connection connection = get(tenant, connectionId);
    Connector connector = catalog.require(connection.connector());
    ConnectorConfig config =
        context.stage(
            "resolve-secrets",
            () -> connectorConfig(tenant, connection.config(), connection.secretRefs()));
    RecordLoader loader = loaders.apply(context);
    SyncResult result =
        context.stage(
            "read",
            () ->
                connector.read(
                    config, new SyncRequest(streams, mode, connection.state(), context), loader));
    Map<String, String> state = new TreeMap<>(connection.state());
    state.putAll(result.state());
    context.stage(
        "save-state",
        () -> {
          if (!store.saveState(tenant, connectionId, state, box.clock().instant())) {
            LOG.warn(
                "Connection {} was deleted during its sync; its state is dropped", connectionId);
          }
          return null;
        });
    return report(context, connection, mode, result);
  }

  private Map<String, Object> report(
      JobContext context, Connection connection, SyncMode mode, SyncResult result) {
    TenantId tenant = context.tenant();
    List<Map<String, Object>> tables = new ArrayList<>();
    long read = 0;
    long loaded = 0;
    long rejected = 0;
    for (LoadResult load : result.loads()) {
      read += load.rowsRead();
      loaded += load.rowsLoaded();
      rejected += load.rowsRejected();
      box.metrics().count(MetricNames.INGEST_ROWS, load.rowsLoaded(), "tenant", tenant.value());
      box.metrics()
          .count(MetricNames.INGEST_REJECTED, load.rowsRejected(), "tenant", tenant.value());
      Map<String, Object> table = new LinkedHashMap<>();
      table.put("table", load.table());
      table.put("rowsRead", load.rowsRead());
      table.put("rowsLoaded", load.rowsLoaded());
      table.put("rowsRejected", load.rowsRejected());
      table.put(
          "columns",
          load.columns().stream().map(c -> Map.of("name", c.name(), "type", c.type())).toList());
      tables.add(table);
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("jobId", context.jobId().value());
      event.put("table", load.table());
      event.put("rowsRead", load.rowsRead());
      event.put("rowsLoaded", load.rowsLoaded());
      event.put("rowsRejected", load.rowsRejected());
      event.put("connectionId", connection.id());
      event.put("connector", connection.connector());
      event.put("mode", mode.name());
      box.publish(box.eventFactory().ingestCompleted(tenant, context.correlationId(), event));
      classify(tenant, load.table());
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("connectionId", connection.id());
    out.put("connector", connection.connector());
    out.put("mode", mode.name());
    out.put("tables", tables);
    out.put("rowsRead", read);
    out.put("rowsLoaded", loaded);
    out.put("rowsRejected", rejected);
    return out;
  }

  /** Classifies a loaded table for PII at once, so that reads of it are masked from the start. */
  private void classify(TenantId tenant, String table) {
    TableRef ref = TableRef.of(table);
    if (box.describe(tenant, ref).isPresent()) {
      box.security().classifications().classify(tenant, ref);
    }
  }

  private Map<String, Object> validate(String connectorName, Map<String, ?> config) {
    if (config == null) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The configuration is missing");
    }
    if (config.containsKey(RESERVED_KEY)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The configuration key '" + RESERVED_KEY + "' is reserved for UDB");
    }
    Map<String, Object> json = new LinkedHashMap<>(config);
    List<String> violations = catalog.validator(connectorName).validate(json);
    if (!violations.isEmpty()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The configuration of connector '"
              + connectorName
              + "' is invalid: "
              + String.join("; ", violations));
    }
    // Refuses shapes the flat settings cannot express (dotted keys, lists of objects) up front.
    ConfigTree.toSettings(json);
    return json;
  }

  private static Map<String, String> checkedRefs(Map<String, String> secretRefs) {
    Map<String, String> refs = new TreeMap<>();
    if (secretRefs == null) {
      return refs;
    }
    for (Map.Entry<String, String> ref : secretRefs.entrySet()) {
      if (ref.getKey() == null || !SLOT.matcher(ref.getKey()).matches()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Secret reference slots are 1-128 letters, digits, '.', '_' or '-'; got '"
                + ref.getKey()
                + "'");
      }
      if (ref.getValue() == null || ref.getValue().isBlank()) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Secret reference '" + ref.getKey() + "' must name a secret of the tenant");
      }
      refs.put(ref.getKey(), ref.getValue().trim());
    }
    return refs;
  }

  /**
   * The configuration a connector sees: the flattened settings, the tenant (for connectors that use
   * the tenant's OAuth2 connections outside a job) and the resolved secrets.
   */
  private ConnectorConfig connectorConfig(
      TenantId tenant, Map<String, Object> json, Map<String, String> refs) {
    Settings flat = ConfigTree.toSettings(json);
    Map<String, String> settings = new TreeMap<>();
    for (String key : flat.keys()) {
      settings.put(key, flat.raw(key).orElseThrow());
    }
    settings.put(HttpConnector.TENANT_SETTING, tenant.value());
    Map<String, SecretValue> secrets = new LinkedHashMap<>();
    for (Map.Entry<String, String> ref : refs.entrySet()) {
      SecretValue value =
          box.secrets()
              .resolve(tenant, ref.getValue())
              .orElseThrow(
                  () ->
                      new NotFoundException(
                          ErrorCode.SECRET_NOT_FOUND,
                          "The secret '"
                              + ref.getValue()
                              + "' (for '"
                              + ref.getKey()
                              + "') does not exist in this tenant; store it first"));
      secrets.put(ref.getKey(), value);
    }
    return new ConnectorConfig(Settings.of(settings), secrets, tenant);
  }

  private static UdbException notFound(String connectionId) {
    return new NotFoundException(
        ErrorCode.CONNECTION_NOT_FOUND,
        "There is no connection '" + connectionId + "' in this tenant");
  }
}
