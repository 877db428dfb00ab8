package io.udb.ingest.airbyte;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncRequest;
import io.udb.api.connector.SyncResult;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.api.secret.SecretValue;
import io.udb.core.json.Json;
import io.udb.ingest.connection.ConfigTree;
import io.udb.ingest.connection.ConnectorHarness;
import io.udb.ingest.connection.SchemaAssertions;
import io.udb.ingest.connection.TestRecordLoader;
import io.udb.ingest.http.NetworkPolicy;
import io.udb.ingest.jdbc.JdbcConnector;
import io.udb.ingest.jdbc.TestPostgres;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code airbyte} connector against a fake Airbyte API in the test JVM, with the machine's
 * PostgreSQL as the destination the "synced" rows land in.
 */
class AirbyteConnectorTest {
  private final AirbyteConnector connector =
      new AirbyteConnector(
          NetworkPolicy.allowingPrivateNetworks(),
          Map.of(JdbcConnector.NAME, new JdbcConnector()),
          Clock.systemUTC());
  private final AtomicInteger synced = new AtomicInteger();
  private FakeAirbyte airbyte;
  private ConnectorHarness harness;
  private String destination;

  @BeforeEach
  void setUp() throws Exception {
    destination = TestPostgres.createSchema();
    TestPostgres.execute(
        destination,
        "CREATE TABLE users (_airbyte_raw_id varchar PRIMARY KEY, _airbyte_extracted_at"
            + " timestamptz NOT NULL, _airbyte_meta jsonb, id bigint, name text)");
    airbyte = new FakeAirbyte();
    for (FakeAirbyte.Script script : FakeAirbyte.Script.values()) {
      airbyte.connection(
          "conn-" + script.name().toLowerCase().replace('_', '-'), script, this::destinationWrites);
    }
    harness = new ConnectorHarness();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    airbyte.close();
    TestPostgres.dropSchema(destination);
  }

  /** What the Airbyte sync "writes" to its Postgres destination: two new users per sync. */
  private void destinationWrites() {
    int sync = synced.incrementAndGet();
    try {
      TestPostgres.execute(
          destination,
          "INSERT INTO users VALUES ('raw-"
              + sync
              + "a', now() + interval '"
              + sync
              + " second', '{\"changes\": []}', "
              + (sync * 10 + 1)
              + ", 'user "
              + sync
              + "a'), ('raw-"
              + sync
              + "b', now() + interval '"
              + sync
              + " second', '{}', "
              + (sync * 10 + 2)
              + ", 'Zoë "
              + sync
              + "b')");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private Map<String, Object> json(String connectionId, Map<String, Object> extra) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("api-url", airbyte.apiUrl());
    json.put("connection-id", connectionId);
    json.put("poll-interval", "50ms");
    json.put("max-poll-interval", "200ms");
    json.put(
        "destination",
        Map.of(
            "connector",
            "jdbc",
            "config",
            Map.of(
                "url",
                TestPostgres.urlOf(destination),
                "user",
                TestPostgres.USER,
                "streams",
                Map.of(
                    "users", Map.of("table", "users", "cursor-field", "_airbyte_extracted_at")))));
    json.putAll(extra);
    return json;
  }

  private ConnectorConfig config(Map<String, Object> json, String token) {
    SchemaAssertions.assertAccepted(connector.configurationSchema(), json);
    return new ConnectorConfig(
        ConfigTree.toSettings(json),
        Map.of("token", SecretValue.of(token), "destination.password", SecretValue.of("unused")));
  }

  private SyncResult read(ConnectorConfig config, SyncMode mode, Map<String, String> state) {
    return harness.read(connector, config, mode, state, List.of("users"));
  }

  @Test
  void triggersTheSyncWaitsForItAndReadsTheDestination() {
    ConnectorConfig config = config(json("conn-succeed", Map.of()), FakeAirbyte.TOKEN);

    SyncResult first = read(config, SyncMode.INCREMENTAL, Map.of());
    SyncResult second = read(config, SyncMode.INCREMENTAL, first.state());

    assertThat(first.loads().get(0).rowsRead()).isEqualTo(2);
    assertThat(second.loads().get(0).rowsRead()).isEqualTo(2);
    assertThat(second.state().get("users")).isGreaterThan(first.state().get("users"));
    assertThat(harness.query("SELECT list(id ORDER BY id), max(name) FROM users").rows().get(0))
        .containsExactly(List.of(11L, 12L, 21L, 22L), "user 2a");
    List<io.udb.ingest.http.FakeApi.Request> posts = airbyte.requests("POST", "/v1/jobs");
    assertThat(posts).hasSize(2);
    assertThat(Json.readObject(posts.get(0).body()))
        .containsEntry("connectionId", "conn-succeed")
        .containsEntry("jobType", "sync");
    assertThat(posts.get(0).header("Authorization")).isEqualTo("Bearer " + FakeAirbyte.TOKEN);
    assertThat(airbyte.requests("GET", "/v1/jobs/")).hasSize(6);
    assertThat(airbyte.requests("DELETE", "/v1/jobs/")).isEmpty();
  }

  @Test
  void keepsTheAirbyteJobHistoryAsAnArtifactAndEndsWithFullProgress() throws Exception {
    ConnectorConfig config =
        config(json("conn-incomplete-then-succeed", Map.of()), FakeAirbyte.TOKEN);
    Job job =
        harness
            .box()
            .submit(
                ConnectorHarness.TENANT,
                JobType.SYNC,
                context -> {
                  connector.read(
                      config,
                      new SyncRequest(List.of("users"), SyncMode.FULL, Map.of(), context),
                      new TestRecordLoader(harness.box(), ConnectorHarness.TENANT, SyncMode.FULL));
                  return Map.of();
                });
    Job done = harness.box().awaitJob(ConnectorHarness.TENANT, job.id(), Duration.ofMinutes(1));

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.progress()).isEqualTo(1.0);
    List<ArtifactInfo> artifacts =
        harness.box().manifest(ConnectorHarness.TENANT, job.id()).orElseThrow().artifacts();
    assertThat(artifacts).hasSize(1);
    assertThat(artifacts.get(0).name().value()).isEqualTo("airbyte-job-9001.json");
    Map<String, Object> history;
    try (InputStream in =
        harness
            .box()
            .artifacts()
            .open(ConnectorHarness.TENANT, job.id(), artifacts.get(0).name())
            .orElseThrow()) {
      history = Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
    assertThat(history).containsEntry("status", "succeeded").containsEntry("rowsSynced", 2);
    assertThat(history.get("history").toString())
        .containsSubsequence("pending", "running", "incomplete", "running", "succeeded");
  }

  @Test
  void aFailedAirbyteJobFailsTheSyncAndReadsNothing() {
    ConnectorConfig config = config(json("conn-fail", Map.of()), FakeAirbyte.TOKEN);

    assertFails(
        () -> read(config, SyncMode.FULL, Map.of()),
        ErrorCode.JOB_FAILED,
        "Airbyte job 9001 of connection conn-fail failed");
    assertThatThrownBy(() -> harness.query("SELECT * FROM users")).hasMessageContaining("users");
  }

  @Test
  void aJobCancelledInAirbyteFailsTheSync() {
    ConnectorConfig config = config(json("conn-cancelled-in-airbyte", Map.of()), FakeAirbyte.TOKEN);

    assertFails(
        () -> read(config, SyncMode.FULL, Map.of()),
        ErrorCode.JOB_FAILED,
        "Airbyte job 9001 was cancelled in Airbyte; nothing was read");
  }

  @Test
  void aJobThatNeverFinishesHitsTheTimeoutAndIsCancelledInAirbyte() {
    ConnectorConfig config = config(json("conn-stuck", Map.of("timeout", "1s")), FakeAirbyte.TOKEN);

    assertFails(
        () -> read(config, SyncMode.FULL, Map.of()),
        ErrorCode.JOB_FAILED,
        "did not finish within PT1S (last status running); it was cancelled in Airbyte");
    assertThat(airbyte.requests("DELETE", "/v1/jobs/"))
        .extracting(r -> r.uri().getPath())
        .containsExactly("/v1/jobs/9001");
  }

  @Test
  void cancellingTheSyncCancelsTheAirbyteJob() throws Exception {
    ConnectorConfig config = config(json("conn-stuck", Map.of()), FakeAirbyte.TOKEN);
    Job job =
        harness
            .box()
            .submit(
                ConnectorHarness.TENANT,
                JobType.SYNC,
                context -> {
                  connector.read(
                      config,
                      new SyncRequest(List.of(), SyncMode.FULL, Map.of(), context),
                      new TestRecordLoader(harness.box(), ConnectorHarness.TENANT, SyncMode.FULL));
                  return Map.of();
                });
    while (airbyte.requests("GET", "/v1/jobs/").size() < 2) {
      Thread.sleep(20);
    }

    harness.box().cancelJob(ConnectorHarness.TENANT, job.id());
    Job done = harness.box().awaitJob(ConnectorHarness.TENANT, job.id(), Duration.ofMinutes(1));

    assertThat(done.state()).isEqualTo(JobState.CANCELLED);
    assertThat(airbyte.requests("DELETE", "/v1/jobs/")).hasSize(1);
  }

  @Test
  void aRefusedTokenIsAConfigurationError() {
    ConnectorConfig config = config(json("conn-succeed", Map.of()), "expired-token");

    assertFails(
        () -> read(config, SyncMode.FULL, Map.of()),
        ErrorCode.CONFIG_INVALID,
        "refused the token (HTTP 401)");
    ConnectionCheck check = connector.test(config);
    assertThat(check.ok()).isFalse();
    assertThat(check.message()).contains("HTTP 401").doesNotContain("expired-token");
    assertThat(airbyte.requests("POST", "/v1/jobs")).hasSize(1);
  }

  @Test
  void serverErrorsAreRetried() {
    ConnectorConfig config = config(json("conn-flaky", Map.of()), FakeAirbyte.TOKEN);

    SyncResult result = read(config, SyncMode.FULL, Map.of());

    assertThat(result.loads().get(0).rowsRead()).isEqualTo(2);
    assertThat(airbyte.requests("GET", "/v1/jobs/")).hasSize(4);
  }

  @Test
  void persistentServerErrorsGiveUpAfterTheRetries() {
    ConnectorConfig config =
        config(json("conn-flaky", Map.of("max-retries", 1)), FakeAirbyte.TOKEN);

    assertFails(
        () -> read(config, SyncMode.FULL, Map.of()),
        ErrorCode.UNAVAILABLE,
        "still answered 503 after 1 retries");
  }

  @Test
  void anUnknownConnectionIsAConfigurationError() {
    ConnectorConfig config = config(json("conn-nobody-knows", Map.of()), FakeAirbyte.TOKEN);

    assertFails(() -> read(config, SyncMode.FULL, Map.of()), ErrorCode.CONFIG_INVALID, "HTTP 404");
  }

  @Test
  void checksTheConnectionAndDiscoversTheDestinationTables() {
    ConnectorConfig config = config(json("conn-succeed", Map.of()), FakeAirbyte.TOKEN);

    ConnectionCheck check = connector.test(config);
    List<StreamInfo> streams = connector.discover(config);

    assertThat(check.ok()).isTrue();
    assertThat(check.message())
        .contains("Airbyte connection 'Shop to Postgres' (active) answers")
        .contains("PostgreSQL");
    assertThat(streams).extracting(StreamInfo::name).containsExactly("users");
    assertThat(streams.get(0).cursorField()).isEqualTo("_airbyte_extracted_at");
    assertThat(airbyte.requests("POST", "/v1/jobs")).isEmpty();
  }

  @Test
  void publishesAValidConfigurationSchema() {
    String schema = connector.configurationSchema();
    SchemaAssertions.assertValidSchema(schema);
    assertThat(
            SchemaAssertions.assertRefused(
                schema, Map.of("connection-id", "c", "destination", Map.of("connector", "jdbc"))))
        .anyMatch(v -> v.startsWith("/destination: ") && v.contains("'config'"));
    SchemaAssertions.assertRefused(
        schema,
        Map.of(
            "connection-id",
            "c",
            "destination",
            Map.of("connector", "s3", "config", Map.of("a", "b"))));
    SchemaAssertions.assertRefused(
        schema,
        Map.of(
            "connection-id", "c", "token", "t", "destination", Map.of("config", Map.of("a", 1))));
  }

  private static void assertFails(ThrowingCallable call, ErrorCode code, String message) {
    assertThatThrownBy(call)
        .isInstanceOf(UdbException.class)
        .hasMessageContaining(message)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(code);
  }
}
