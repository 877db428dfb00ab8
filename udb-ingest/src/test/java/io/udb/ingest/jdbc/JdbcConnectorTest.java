package io.udb.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.RecordLoader;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.secret.SecretValue;
import io.udb.ingest.connection.ConfigTree;
import io.udb.ingest.connection.ConnectorHarness;
import io.udb.ingest.connection.SchemaAssertions;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code jdbc} connector against the machine's real PostgreSQL. */
class JdbcConnectorTest {
  private final JdbcConnector connector = new JdbcConnector();
  private ConnectorHarness harness;
  private String schema;

  @BeforeEach
  void setUp() throws Exception {
    harness = new ConnectorHarness();
    schema = TestPostgres.createSchema();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    TestPostgres.dropSchema(schema);
  }

  private Map<String, Object> baseConfig() {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put("url", TestPostgres.urlOf(schema));
    config.put("user", TestPostgres.USER);
    return config;
  }

  private static ConnectorConfig configOf(Map<String, Object> json) {
    SchemaAssertions.assertAccepted(new JdbcConnector().configurationSchema(), json);
    return new ConnectorConfig(ConfigTree.toSettings(json), Map.of());
  }

  private void createAllTypes() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE all_types (id integer PRIMARY KEY, small_v smallint, big_v bigint,"
            + " amount numeric(12,2), free_num numeric, ratio double precision, real_v real,"
            + " flag boolean, day date, at_local timestamp, at_zone timestamptz, clock time,"
            + " name varchar(50), note text, payload bytea, uid uuid, doc jsonb, tags integer[])",
        "INSERT INTO all_types VALUES (1, -3, 9007199254740993, 1234.56, 3.25, 0.125, 1.5, true,"
            + " '2024-02-29', '2024-03-01 12:34:56.789123', '2024-03-01 12:00:00+02', '23:59:58',"
            + " 'Zoë', 'Grüße aus 東京 😀', '\\x00ff10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11',"
            + " '{\"a\": [1, 2], \"b\": \"ü\"}', '{1,2,3}')",
        "INSERT INTO all_types (id) VALUES (2)");
  }

  @Test
  void loadsEveryCommonTypeWithNullsAndUnicode() throws Exception {
    createAllTypes();

    SyncResult result =
        harness.read(
            connector, configOf(baseConfig()), SyncMode.FULL, Map.of(), List.of("all_types"));

    assertThat(result.loads()).hasSize(1);
    LoadResult load = result.loads().get(0);
    assertThat(load.rowsRead()).isEqualTo(2);
    Map<String, String> types =
        load.columns().stream().collect(Collectors.toMap(ColumnInfo::name, ColumnInfo::type));
    assertThat(types)
        .containsEntry("id", "INTEGER")
        .containsEntry("small_v", "SMALLINT")
        .containsEntry("big_v", "BIGINT")
        .containsEntry("amount", "DECIMAL(12,2)")
        .containsEntry("free_num", "DOUBLE")
        .containsEntry("ratio", "DOUBLE")
        .containsEntry("real_v", "FLOAT")
        .containsEntry("flag", "BOOLEAN")
        .containsEntry("day", "DATE")
        .containsEntry("at_local", "TIMESTAMP")
        .containsEntry("at_zone", "TIMESTAMP WITH TIME ZONE")
        .containsEntry("clock", "TIME")
        .containsEntry("name", "VARCHAR")
        .containsEntry("note", "VARCHAR")
        .containsEntry("payload", "BLOB")
        .containsEntry("uid", "UUID")
        .containsEntry("doc", "JSON")
        .containsEntry("tags", "JSON");
    List<List<Object>> rows =
        harness
            .query(
                "SELECT id, small_v, big_v, amount, free_num, ratio, real_v, flag, day::VARCHAR,"
                    + " at_local::VARCHAR, epoch(at_zone), clock::VARCHAR, name, note,"
                    + " hex(payload), uid::VARCHAR, doc->>'$.b', json_array_length(tags)"
                    + " FROM all_types ORDER BY id")
            .rows();
    assertThat(rows.get(0))
        .containsExactly(
            1L,
            -3L,
            9007199254740993L,
            new BigDecimal("1234.56"),
            3.25,
            0.125,
            1.5,
            true,
            "2024-02-29",
            "2024-03-01 12:34:56.789123",
            1709287200.0,
            "23:59:58",
            "Zoë",
            "Grüße aus 東京 😀",
            "00FF10",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "ü",
            3L);
    assertThat(rows.get(1).subList(1, rows.get(1).size())).containsOnlyNulls();
  }

  @Test
  void incrementalReadPicksUpOnlyNewRows() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE events (id integer, updated_at timestamp, what text)",
        "INSERT INTO events VALUES (1, '2024-01-01 10:00:00', 'a'),"
            + " (2, '2024-01-01 11:00:00', 'b'), (3, '2024-01-02 09:30:00.5', 'c')");
    Map<String, Object> config = baseConfig();
    config.put(
        "streams", Map.of("events", Map.of("table", "events", "cursor-field", "updated_at")));
    ConnectorConfig connectorConfig = configOf(config);

    SyncResult first =
        harness.read(connector, connectorConfig, SyncMode.INCREMENTAL, Map.of(), List.of("events"));
    assertThat(first.loads().get(0).rowsRead()).isEqualTo(3);
    assertThat(first.state()).containsEntry("events", "2024-01-02T09:30:00.500");

    TestPostgres.execute(
        schema,
        "INSERT INTO events VALUES (4, '2024-01-03 08:00:00', 'd'), (5, '2024-01-04 08:00:00', 'e'),"
            + " (0, '2023-12-31 00:00:00', 'too old to be seen')");
    SyncResult second =
        harness.read(
            connector, connectorConfig, SyncMode.INCREMENTAL, first.state(), List.of("events"));

    assertThat(second.loads().get(0).rowsRead()).isEqualTo(2);
    assertThat(second.state()).containsEntry("events", "2024-01-04T08:00");
    assertThat(harness.query("SELECT list(id ORDER BY id) FROM events").rows().get(0).get(0))
        .isEqualTo(List.of(1L, 2L, 3L, 4L, 5L));

    SyncResult third =
        harness.read(
            connector, connectorConfig, SyncMode.INCREMENTAL, second.state(), List.of("events"));
    assertThat(third.loads().get(0).rowsRead()).isZero();
    assertThat(third.state()).isEqualTo(second.state());
  }

  @Test
  void fullReadOfACursorStreamStillSavesTheCursor() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE orders (id bigint, amount numeric(8,2))",
        "INSERT INTO orders VALUES (10, 1.50), (30, 2.00), (20, 9.99)");
    Map<String, Object> config = baseConfig();
    config.put("streams", Map.of("orders", Map.of("table", "orders", "cursor-field", "id")));

    SyncResult result =
        harness.read(connector, configOf(config), SyncMode.FULL, Map.of("orders", "25"), List.of());

    assertThat(result.loads()).extracting(LoadResult::rowsRead).containsExactly(3L);
    assertThat(result.state()).containsEntry("orders", "30");
  }

  @Test
  void readsAViewAndAQueryStream() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE orders (id integer, customer text, amount numeric(8,2))",
        "INSERT INTO orders VALUES (1, 'ann', 5.00), (2, 'bob', 25.00), (3, 'ann', 40.00)",
        "CREATE VIEW customer_totals AS SELECT customer, sum(amount) AS total FROM orders"
            + " GROUP BY customer");
    Map<String, Object> config = baseConfig();
    config.put(
        "streams",
        Map.of(
            "big_orders",
            Map.of(
                "query",
                "SELECT id, amount FROM orders WHERE amount > 10;",
                "cursor-field",
                "id")));
    ConnectorConfig connectorConfig = configOf(config);

    List<StreamInfo> streams = connector.discover(connectorConfig);
    assertThat(streams)
        .extracting(StreamInfo::name)
        .containsExactly("customer_totals", "orders", "big_orders");
    StreamInfo view = streams.get(0);
    assertThat(view.columns())
        .containsExactly(new ColumnInfo("customer", "VARCHAR"), new ColumnInfo("total", "DOUBLE"));
    assertThat(view.modes()).containsExactly(SyncMode.FULL);
    StreamInfo query = streams.get(2);
    assertThat(query.columns())
        .containsExactly(new ColumnInfo("id", "INTEGER"), new ColumnInfo("amount", "DECIMAL(8,2)"));
    assertThat(query.cursorField()).isEqualTo("id");
    assertThat(query.modes()).containsExactlyInAnyOrder(SyncMode.FULL, SyncMode.INCREMENTAL);

    SyncResult result =
        harness.read(
            connector, connectorConfig, SyncMode.FULL, Map.of(), List.of("customer_totals"));
    assertThat(result.loads().get(0).rowsRead()).isEqualTo(2);
    assertThat(
            harness.query("SELECT customer, total FROM customer_totals ORDER BY customer").rows())
        .containsExactly(List.of("ann", 45.0), List.of("bob", 25.0));

    SyncResult incremental =
        harness.read(
            connector,
            connectorConfig,
            SyncMode.INCREMENTAL,
            Map.of("big_orders", "2"),
            List.of("big_orders"));
    assertThat(incremental.loads().get(0).rowsRead()).isEqualTo(1);
    assertThat(incremental.state()).containsEntry("big_orders", "3");
  }

  @Test
  void readsEveryStreamWhenNoneIsNamed() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE a (x int)",
        "CREATE TABLE b (y text)",
        "INSERT INTO a VALUES (1), (2)",
        "INSERT INTO b VALUES ('q')");

    SyncResult result =
        harness.read(connector, configOf(baseConfig()), SyncMode.FULL, Map.of(), List.of());

    assertThat(result.loads())
        .extracting(LoadResult::table, LoadResult::rowsRead)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("a", 2L),
            org.assertj.core.groups.Tuple.tuple("b", 1L));
  }

  @Test
  void wrongCredentialsGiveAClearCheckWithoutThePassword() {
    Map<String, Object> config = baseConfig();
    config.put("user", "udb_no_such_user");
    ConnectorConfig connectorConfig =
        new ConnectorConfig(
            ConfigTree.toSettings(config),
            Map.of("password", SecretValue.of("pg-Secret-Value-42")));

    ConnectionCheck check = connector.test(connectorConfig);

    assertThat(check.ok()).isFalse();
    assertThat(check.message())
        .contains("Cannot connect to jdbc:postgresql://127.0.0.1:5432/test")
        .contains("udb_no_such_user")
        .doesNotContain("pg-Secret-Value-42")
        .doesNotContain("currentSchema");
  }

  @Test
  void goodCredentialsPassTheCheck() {
    ConnectionCheck check = connector.test(configOf(baseConfig()));

    assertThat(check.ok()).isTrue();
    assertThat(check.message()).contains("PostgreSQL").contains("as postgres");
  }

  @Test
  void incrementalSyncOfAStreamWithoutCursorIsRefused() throws Exception {
    TestPostgres.execute(schema, "CREATE TABLE plain (x int)");

    assertThatThrownBy(
            () ->
                harness.read(
                    connector,
                    configOf(baseConfig()),
                    SyncMode.INCREMENTAL,
                    Map.of(),
                    List.of("plain")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("streams.plain.cursor-field")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }

  @Test
  void unknownStreamIsRefusedWithTheAvailableOnes() throws Exception {
    TestPostgres.execute(schema, "CREATE TABLE known (x int)");

    assertThatThrownBy(
            () ->
                harness.read(
                    connector, configOf(baseConfig()), SyncMode.FULL, Map.of(), List.of("nope")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Unknown stream 'nope'")
        .hasMessageContaining("known");
  }

  @Test
  void aQueryStreamCannotWriteToTheSource() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE victims (x int)",
        "INSERT INTO victims VALUES (1)",
        "CREATE FUNCTION wipe() RETURNS int LANGUAGE sql AS 'DELETE FROM victims; SELECT 1'");
    Map<String, Object> config = baseConfig();
    config.put("streams", Map.of("sneaky", Map.of("query", "SELECT wipe() AS w")));

    assertThatThrownBy(
            () ->
                harness.read(
                    connector, configOf(config), SyncMode.FULL, Map.of(), List.of("sneaky")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("read-only");
    try (var connection =
            java.sql.DriverManager.getConnection(
                TestPostgres.urlOf(schema), TestPostgres.USER, null);
        var rows = connection.createStatement().executeQuery("SELECT count(*) FROM victims")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void cancellationStopsTheReadBetweenBatches() throws Exception {
    TestPostgres.execute(
        schema,
        "CREATE TABLE big AS SELECT g AS id, md5(g::text) AS h FROM generate_series(1, 20000) g");
    Map<String, Object> config = baseConfig();
    config.put("fetch-size", 100);
    java.util.concurrent.atomic.AtomicLong consumed = new java.util.concurrent.atomic.AtomicLong();

    assertThatThrownBy(
            () ->
                harness.read(
                    connector,
                    configOf(config),
                    SyncMode.FULL,
                    Map.of(),
                    List.of("big"),
                    (job, mode) -> new CancellingLoader(harness, job.jobId(), 150, consumed)))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("CANCELLED")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.JOB_CANCELLED);
    assertThat(consumed.get()).isBetween(150L, 200L);
  }

  @Test
  void embeddedDatabaseUrlsAreRefused() {
    ConnectorConfig config =
        new ConnectorConfig(
            ConfigTree.toSettings(Map.of("url", "jdbc:duckdb:/tmp/other-tenant.db")), Map.of());

    ConnectionCheck check = connector.test(config);

    assertThat(check.ok()).isFalse();
    assertThat(check.message()).contains("jdbc:duckdb:").contains("not allowed");
    assertThatThrownBy(() -> connector.discover(config))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
  }

  @Test
  void publishesAValidConfigurationSchema() {
    String schemaJson = connector.configurationSchema();
    SchemaAssertions.assertValidSchema(schemaJson);
    SchemaAssertions.assertAccepted(
        schemaJson,
        Map.of(
            "url",
            "jdbc:mariadb://db:3306/shop",
            "user",
            "reader",
            "properties",
            Map.of("ssl", "true", "connectTimeout", 5000),
            "tables",
            List.of("orders", "customers"),
            "streams",
            Map.of("recent", Map.of("query", "SELECT 1", "cursor-field", "id")),
            "fetch-size",
            500,
            "query-timeout",
            "30m"));
    assertThat(SchemaAssertions.assertRefused(schemaJson, Map.of("user", "x")))
        .anyMatch(v -> v.startsWith("/: ") && v.contains("'url'") && v.contains("not found"));
    SchemaAssertions.assertRefused(schemaJson, Map.of("url", "postgres://x"));
    SchemaAssertions.assertRefused(schemaJson, Map.of("url", "jdbc:x:y", "password", "p"));
    SchemaAssertions.assertRefused(
        schemaJson, Map.of("url", "jdbc:x:y", "properties", Map.of("password", "p")));
    SchemaAssertions.assertRefused(schemaJson, Map.of("url", "jdbc:x:y", "fetch-size", 0));
    SchemaAssertions.assertRefused(
        schemaJson,
        Map.of("url", "jdbc:x:y", "streams", Map.of("s", Map.of("query", "q", "table", "t"))));
    SchemaAssertions.assertRefused(
        schemaJson, Map.of("url", "jdbc:x:y", "streams", Map.of("s", Map.of("cursor-field", "c"))));
  }

  /** Consumes rows and cancels its job after a number of them. */
  private static final class CancellingLoader implements RecordLoader {
    private final ConnectorHarness harness;
    private final io.udb.api.JobId job;
    private final long cancelAfter;
    private final java.util.concurrent.atomic.AtomicLong consumed;

    CancellingLoader(
        ConnectorHarness harness,
        io.udb.api.JobId job,
        long cancelAfter,
        java.util.concurrent.atomic.AtomicLong consumed) {
      this.harness = harness;
      this.job = job;
      this.cancelAfter = cancelAfter;
      this.consumed = consumed;
    }

    @Override
    public LoadResult loadRows(
        String stream, List<ColumnInfo> schema, Iterator<List<Object>> rows) {
      while (rows.hasNext()) {
        rows.next();
        if (consumed.incrementAndGet() == cancelAfter) {
          Job cancelled = harness.box().cancelJob(ConnectorHarness.TENANT, job);
          assertThat(cancelled.state()).isEqualTo(JobState.RUNNING);
        }
      }
      return new LoadResult(stream, consumed.get(), consumed.get(), 0, schema);
    }

    @Override
    public LoadResult loadFile(
        String stream, Path file, String format, Map<String, String> options) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Path spoolDirectory() {
      throw new UnsupportedOperationException();
    }
  }
}
