package io.udb.ingest.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.connector.ConnectionCheck;
import io.udb.api.connector.ConnectorConfig;
import io.udb.api.connector.LoadResult;
import io.udb.api.connector.StreamInfo;
import io.udb.api.connector.SyncMode;
import io.udb.api.connector.SyncResult;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.secret.SecretValue;
import io.udb.ingest.connection.ConfigTree;
import io.udb.ingest.connection.ConnectorHarness;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code jdbc} connector against the machine's real MariaDB. */
class JdbcConnectorMariaDbTest {
  private final JdbcConnector connector = new JdbcConnector();
  private ConnectorHarness harness;
  private String database;

  @BeforeEach
  void setUp() throws Exception {
    harness = new ConnectorHarness();
    database = TestMariaDb.createDatabase();
  }

  @AfterEach
  void tearDown() throws Exception {
    harness.close();
    TestMariaDb.dropDatabase(database);
  }

  private ConnectorConfig config(Map<String, Object> extra, String password) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("url", TestMariaDb.urlOf(database));
    json.put("user", TestMariaDb.USER);
    json.putAll(extra);
    return new ConnectorConfig(
        ConfigTree.toSettings(json), Map.of("password", SecretValue.of(password)));
  }

  @Test
  void loadsEveryCommonTypeWithNullsAndUnicode() throws Exception {
    TestMariaDb.execute(
        database,
        "CREATE TABLE all_types (id INT PRIMARY KEY, tiny_u TINYINT UNSIGNED, int_u INT UNSIGNED,"
            + " big_u BIGINT UNSIGNED, big_s BIGINT, amount DECIMAL(10,3), ratio DOUBLE,"
            + " flag BOOLEAN, day DATE, at_local DATETIME(6), clock TIME, name VARCHAR(40),"
            + " note TEXT, payload BLOB, uid UUID) CHARACTER SET utf8mb4",
        "INSERT INTO all_types VALUES (1, 255, 4294967295, 18446744073709551615,"
            + " -9223372036854775808, 1234567.891, 2.5e-3, TRUE, '2024-02-29',"
            + " '2024-03-01 12:34:56.789123', '23:59:58', 'Zoë', 'Grüße aus 東京 😀',"
            + " x'00FF10', 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11')",
        "INSERT INTO all_types (id) VALUES (2)");

    SyncResult result =
        harness.read(connector, config(Map.of(), ""), SyncMode.FULL, Map.of(), List.of());

    LoadResult load = result.loads().get(0);
    assertThat(load.table()).isEqualTo("all_types");
    assertThat(load.rowsRead()).isEqualTo(2);
    Map<String, String> types =
        load.columns().stream().collect(Collectors.toMap(ColumnInfo::name, ColumnInfo::type));
    assertThat(types)
        .containsEntry("id", "INTEGER")
        .containsEntry("tiny_u", "UTINYINT")
        .containsEntry("int_u", "UINTEGER")
        .containsEntry("big_u", "UBIGINT")
        .containsEntry("big_s", "BIGINT")
        .containsEntry("amount", "DECIMAL(10,3)")
        .containsEntry("ratio", "DOUBLE")
        .containsEntry("flag", "BOOLEAN")
        .containsEntry("day", "DATE")
        .containsEntry("at_local", "TIMESTAMP")
        .containsEntry("clock", "TIME")
        .containsEntry("name", "VARCHAR")
        .containsEntry("note", "VARCHAR")
        .containsEntry("payload", "BLOB")
        .containsEntry("uid", "UUID");
    List<List<Object>> rows =
        harness
            .query(
                "SELECT tiny_u, int_u, big_u::VARCHAR, big_s, amount, ratio, flag, day::VARCHAR,"
                    + " at_local::VARCHAR, clock::VARCHAR, name, note, hex(payload),"
                    + " uid::VARCHAR FROM all_types ORDER BY id")
            .rows();
    assertThat(rows.get(0))
        .containsExactly(
            255L,
            4294967295L,
            new BigInteger("18446744073709551615").toString(),
            Long.MIN_VALUE,
            new BigDecimal("1234567.891"),
            0.0025,
            true,
            "2024-02-29",
            "2024-03-01 12:34:56.789123",
            "23:59:58",
            "Zoë",
            "Grüße aus 東京 😀",
            "00FF10",
            "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11");
    assertThat(rows.get(1)).containsOnlyNulls();
  }

  @Test
  void incrementalReadPicksUpOnlyNewRows() throws Exception {
    TestMariaDb.execute(
        database,
        "CREATE TABLE ticks (id BIGINT PRIMARY KEY, label VARCHAR(10))",
        "INSERT INTO ticks VALUES (1, 'a'), (2, 'b')");
    ConnectorConfig config =
        config(
            Map.of("streams", Map.of("ticks", Map.of("table", "ticks", "cursor-field", "id"))), "");

    SyncResult first =
        harness.read(connector, config, SyncMode.INCREMENTAL, Map.of(), List.of("ticks"));
    TestMariaDb.execute(database, "INSERT INTO ticks VALUES (3, 'c')");
    SyncResult second =
        harness.read(connector, config, SyncMode.INCREMENTAL, first.state(), List.of("ticks"));

    assertThat(first.state()).containsEntry("ticks", "2");
    assertThat(second.loads().get(0).rowsRead()).isEqualTo(1);
    assertThat(second.state()).containsEntry("ticks", "3");
    assertThat(harness.query("SELECT count(*), max(label) FROM ticks").rows())
        .containsExactly(List.of(3L, "c"));
  }

  @Test
  void discoversTablesOfItsOwnDatabaseOnly() throws Exception {
    TestMariaDb.execute(
        database, "CREATE TABLE t_one (a INT)", "CREATE VIEW v_one AS SELECT a FROM t_one");

    List<StreamInfo> streams = connector.discover(config(Map.of(), ""));

    assertThat(streams).extracting(StreamInfo::name).containsExactly("t_one", "v_one");
  }

  @Test
  void wrongPasswordGivesAClearCheckWithoutThePassword() {
    ConnectionCheck check = connector.test(config(Map.of(), "maria-Wrong-Secret-7"));

    assertThat(check.ok()).isFalse();
    assertThat(check.message())
        .contains("Cannot connect to jdbc:mariadb://127.0.0.1:3306/" + database)
        .containsIgnoringCase("access denied")
        .doesNotContain("maria-Wrong-Secret-7");
  }
}
