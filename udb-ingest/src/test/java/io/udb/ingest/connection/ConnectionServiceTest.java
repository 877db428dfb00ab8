package io.udb.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.connector.ConnectorFactory;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.plugin.PluginContext;
import io.udb.api.secret.SecretValue;
import io.udb.core.DataBox;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.observe.MetricNames;
import io.udb.core.plugin.PluginRegistry;
import io.udb.ingest.http.FakeApi;
import io.udb.ingest.http.HttpConnectorFactory;
import io.udb.ingest.jdbc.TestPostgres;
import io.udb.security.secrets.InMemorySecretsProvider;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Connections end to end: real connectors, the real PostgreSQL, an in-memory DataBox. */
class ConnectionServiceTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId OTHER = TenantId.of("other");
  private static final String PASSWORD = "Very-Secret-Pg-Password-99";

  private final InMemoryEventSink events = new InMemoryEventSink();
  private final RecordingMetrics metrics = new RecordingMetrics();
  private final InMemorySecretsProvider secrets = new InMemorySecretsProvider();
  private final List<String> tokenRequests = new CopyOnWriteArrayList<>();
  private DataBox box;
  private ConnectorCatalog catalog;
  private ConnectionService service;
  private String schema;

  @BeforeEach
  void setUp() throws Exception {
    box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .eventSink(events)
            .metrics(metrics)
            .secretsProvider(secrets)
            .build();
    PluginRegistry registry = PluginRegistry.forClassLoader(getClass().getClassLoader());
    registry.register(
        ConnectorFactory.class,
        new HttpConnectorFactory(
            (tenant, provider) -> {
              tokenRequests.add(tenant + "/" + provider);
              return SecretValue.of("oauth-" + tenant);
            }));
    catalog =
        ConnectorCatalog.discover(
            registry,
            new PluginContext(
                Settings.of(Map.of("http.allow-private-networks", "true")),
                null,
                Clock.systemUTC()));
    service = new ConnectionService(box, catalog);
    schema = TestPostgres.createSchema();
    TestPostgres.execute(
        schema,
        "CREATE TABLE events (id integer, updated_at timestamp, what text)",
        "INSERT INTO events VALUES (1, '2024-01-01 10:00', 'a'), (2, '2024-01-01 11:00', 'b'),"
            + " (3, '2024-01-02 09:00', 'c')");
    secrets.store(ACME, "pg-password", SecretValue.of(PASSWORD));
  }

  @AfterEach
  void tearDown() throws Exception {
    catalog.close();
    box.close();
    TestPostgres.dropSchema(schema);
  }

  private Map<String, Object> jdbcConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", TestPostgres.urlOf(schema));
    config.put("user", TestPostgres.USER);
    config.put(
        "streams", Map.of("events", Map.of("table", "events", "cursor-field", "updated_at")));
    return config;
  }

  private Job await(Job job) {
    return box.awaitJob(job.tenant(), job.id(), Duration.ofMinutes(1));
  }

  private Job sync(TenantId tenant, String connectionId, SyncMode mode) {
    return await(
        service.submitSync(
            tenant, connectionId, mode, context -> new TestRecordLoader(box, tenant, mode)));
  }

  @Test
  void listsTheConnectorsWithTheirSchemas() {
    List<ConnectorDescription> connectors = service.connectors();

    assertThat(connectors)
        .extracting(ConnectorDescription::name)
        .containsExactly("airbyte", "csv", "documents", "http", "jdbc", "json", "parquet");
    for (ConnectorDescription connector : connectors) {
      assertThat(connector.configurationSchema())
          .containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema");
      SchemaAssertions.assertValidSchema(
          io.udb.core.json.Json.write(connector.toJson().get("configurationSchema")));
    }
  }

  @Test
  void discoverConnectStoresTheConnectionWithReferencesOnly() {
    DiscoverConnectResult result =
        service.discoverConnect(ACME, "jdbc", jdbcConfig(), Map.of("password", "pg-password"));

    assertThat(result.streams()).extracting(StreamInfo::name).containsExactly("events");
    assertThat(result.toJson().get("streams").toString())
        .contains("cursorField=updated_at")
        .contains("INCREMENTAL");
    Connection stored = service.get(ACME, result.connectionId());
    assertThat(stored.connector()).isEqualTo("jdbc");
    assertThat(stored.config()).isEqualTo(jdbcConfig());
    assertThat(stored.secretRefs()).containsExactly(Map.entry("password", "pg-password"));
    assertThat(stored.state()).isEmpty();
    assertThat(service.list(ACME))
        .extracting(Connection::id)
        .containsExactly(result.connectionId());
    try (SqlSession session = box.openSession(ACME)) {
      String row =
          session.query("SELECT * FROM " + ConnectionStore.TABLE, List.of()).rows().toString();
      assertThat(row).contains("pg-password").doesNotContain(PASSWORD);
    }
    assertThat(stored.toJson().toString()).doesNotContain(PASSWORD);
  }

  @Test
  void refusesAnInvalidConfigurationListingEveryViolation() {
    Map<String, Object> config = Map.of("user", 5, "extra", true);

    assertFails(
        () -> service.create(ACME, "jdbc", config, Map.of()),
        ErrorCode.INVALID_ARGUMENT,
        "The configuration of connector 'jdbc' is invalid: ");
    assertThatThrownBy(() -> service.create(ACME, "jdbc", config, Map.of()))
        .hasMessageContaining("'url' not found")
        .hasMessageContaining("/user: integer found, string expected")
        .hasMessageContaining("'extra' is not defined");
    assertThat(service.list(ACME)).isEmpty();
  }

  @Test
  void refusesUnknownConnectorsMissingSecretsFailingTestsAndReservedKeys() {
    assertFails(
        () -> service.create(ACME, "ftp", Map.of(), Map.of()),
        ErrorCode.INVALID_ARGUMENT,
        "Unknown connector 'ftp'; available: [airbyte, csv, documents, http, jdbc, json, parquet]");
    assertFails(
        () -> service.create(ACME, "jdbc", jdbcConfig(), Map.of("password", "no-such-secret")),
        ErrorCode.SECRET_NOT_FOUND,
        "The secret 'no-such-secret' (for 'password') does not exist");
    Map<String, Object> wrongUser = jdbcConfig();
    wrongUser.put("user", "udb_nobody");
    assertFails(
        () -> service.create(ACME, "jdbc", wrongUser, Map.of("password", "pg-password")),
        ErrorCode.INVALID_ARGUMENT,
        "The connection test failed: Cannot connect");
    Map<String, Object> reserved = jdbcConfig();
    reserved.put("udb", Map.of("tenant", "other"));
    assertFails(
        () -> service.create(ACME, "jdbc", reserved, Map.of()),
        ErrorCode.INVALID_ARGUMENT,
        "'udb' is reserved");
    assertThat(service.list(ACME)).isEmpty();
  }

  @Test
  void syncsFullThenIncrementallyFromTheSavedCursor() throws Exception {
    String id = service.discoverConnect(ACME, "jdbc", jdbcConfig(), Map.of()).connectionId();

    Job full = sync(ACME, id, SyncMode.FULL);

    assertThat(full.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(full.result())
        .containsEntry("connectionId", id)
        .containsEntry("mode", "FULL")
        .containsEntry("rowsRead", 3L)
        .containsEntry("rowsLoaded", 3L)
        .containsEntry("rowsRejected", 0L);
    assertThat(service.get(ACME, id).state()).containsEntry("events", "2024-01-02T09:00");

    TestPostgres.execute(
        schema,
        "INSERT INTO events VALUES (4, '2024-01-03 10:00', 'd'), (5, '2024-01-04 10:00', 'e')");
    Job incremental = sync(ACME, id, SyncMode.INCREMENTAL);

    assertThat(incremental.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(incremental.result()).containsEntry("rowsRead", 2L);
    assertThat(service.get(ACME, id).state()).containsEntry("events", "2024-01-04T10:00");
    assertThat(box.tables(ACME))
        .extracting(TableInfo::name, TableInfo::rowCount)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("events", 5L));
    List<EventEnvelope> completed = events.events(EventTypes.INGEST_COMPLETED);
    assertThat(completed).hasSize(2);
    for (EventEnvelope event : completed) {
      assertThat(EventValidation.violations(event)).isEmpty();
      assertThat(event.data())
          .containsEntry("connectionId", id)
          .containsEntry("connector", "jdbc")
          .containsEntry("table", "events");
      assertThat(event.tenant()).isEqualTo(ACME);
    }
    assertThat(completed.get(1).data()).containsEntry("jobId", incremental.id().value());
    assertThat(metrics.counter(MetricNames.INGEST_ROWS, "tenant", "acme")).isEqualTo(5.0);
    assertThat(metrics.counter(MetricNames.INGEST_REJECTED, "tenant", "acme")).isZero();
  }

  @Test
  void userSqlCannotReachTheConnections() {
    service.create(ACME, "jdbc", jdbcConfig(), Map.of("password", "pg-password"));

    assertThatThrownBy(() -> box.query(ACME, "SELECT * FROM udb_meta.connections"))
        .isInstanceOf(SqlRejectedException.class);
    assertThat(box.tables(ACME)).isEmpty();
  }

  @Test
  void anotherTenantCannotSeeUseOrDeleteAConnection() {
    String id = service.create(ACME, "jdbc", jdbcConfig(), Map.of()).id();

    assertThat(service.list(OTHER)).isEmpty();
    assertFails(() -> service.get(OTHER, id), ErrorCode.CONNECTION_NOT_FOUND, "no connection");
    assertFails(() -> service.discover(OTHER, id), ErrorCode.CONNECTION_NOT_FOUND, "no connection");
    assertFails(
        () -> service.submitSync(OTHER, id, SyncMode.FULL, c -> null),
        ErrorCode.CONNECTION_NOT_FOUND,
        "no connection");
    assertFails(() -> service.delete(OTHER, id), ErrorCode.CONNECTION_NOT_FOUND, "no connection");
    assertThat(service.get(ACME, id).id()).isEqualTo(id);
  }

  @Test
  void syncsPostgresIntoTheTenantThroughTheDefaultLoader() throws Exception {
    String id = service.discoverConnect(ACME, "jdbc", jdbcConfig(), Map.of()).connectionId();

    Job full = await(service.submitSync(ACME, id, SyncMode.FULL));

    assertThat(full.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(box.query(ACME, "SELECT id, what FROM events ORDER BY id").rows())
        .containsExactly(List.of(1L, "a"), List.of(2L, "b"), List.of(3L, "c"));

    TestPostgres.execute(schema, "INSERT INTO events VALUES (4, '2024-01-03 10:00', 'd')");
    Job incremental = await(service.submitSync(ACME, id, SyncMode.INCREMENTAL));

    assertThat(incremental.result()).containsEntry("rowsRead", 1L);
    assertThat(box.query(ACME, "SELECT id FROM events ORDER BY id").rows())
        .containsExactly(List.of(1L), List.of(2L), List.of(3L), List.of(4L));
    assertThat(full.result()).containsEntry("rowsLoaded", 3L);
  }

  @Test
  void deletesAConnection() {
    String id = service.create(ACME, "jdbc", jdbcConfig(), Map.of()).id();

    service.delete(ACME, id);

    assertThat(service.list(ACME)).isEmpty();
    assertFails(() -> service.get(ACME, id), ErrorCode.CONNECTION_NOT_FOUND, "no connection");
    assertFails(
        () -> service.get(ACME, "not-an-id"), ErrorCode.CONNECTION_NOT_FOUND, "no connection");
  }

  @Test
  void aSyncWhoseSecretWasRemovedFailsWithSecretNotFound() {
    String id = service.create(ACME, "jdbc", jdbcConfig(), Map.of("password", "pg-password")).id();
    secrets.remove(ACME, "pg-password");

    Job job = sync(ACME, id, SyncMode.FULL);

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().code()).isEqualTo(ErrorCode.SECRET_NOT_FOUND);
    assertThat(job.error().stage()).isEqualTo("resolve-secrets");
    assertThat(job.error().message()).doesNotContain(PASSWORD);
  }

  @Test
  void runsOneSyncOfAConnectionAtATime() throws Exception {
    AtomicBoolean slow = new AtomicBoolean();
    try (FakeApi api = new FakeApi()) {
      api.route(
          "/items",
          (exchange, request) -> {
            if (slow.get()) {
              Thread.sleep(1500);
            }
            FakeApi.json(exchange, 200, "[{\"id\": 1}, {\"id\": 2}]");
          });
      String id = service.create(ACME, "http", Map.of("url", api.base() + "/items"), Map.of()).id();
      slow.set(true);

      Job first =
          service.submitSync(
              ACME, id, SyncMode.FULL, c -> new TestRecordLoader(box, ACME, SyncMode.FULL));
      assertFails(
          () ->
              service.submitSync(
                  ACME, id, SyncMode.FULL, c -> new TestRecordLoader(box, ACME, SyncMode.FULL)),
          ErrorCode.JOB_REJECTED,
          "already running (job " + first.id() + ")");
      assertThat(await(first).state()).isEqualTo(JobState.SUCCEEDED);
      slow.set(false);
      assertThat(sync(ACME, id, SyncMode.FULL).state()).isEqualTo(JobState.SUCCEEDED);
    }
  }

  @Test
  void givesHttpConnectionsTheTenantsOAuthTokenInsideAndOutsideJobs() throws Exception {
    try (FakeApi api = new FakeApi()) {
      api.route(
          "/me",
          (exchange, request) ->
              FakeApi.json(
                  exchange,
                  "Bearer oauth-acme".equals(request.header("Authorization")) ? 200 : 401,
                  "{\"data\": [{\"login\": \"zoe\"}]}"));
      Map<String, Object> config =
          Map.of(
              "url",
              api.base() + "/me",
              "records-path",
              "data",
              "auth",
              Map.of("type", "oauth2", "provider", "crm"));

      DiscoverConnectResult result = service.discoverConnect(ACME, "http", config, Map.of());
      Job job = sync(ACME, result.connectionId(), SyncMode.FULL);

      assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(tokenRequests).hasSize(3).containsOnly("acme/crm");
      assertThat(box.tables(ACME)).extracting(TableInfo::name).containsExactly("me");
    }
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(UdbException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(code);
  }
}
