package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.observe.UdbMetrics;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path root;

  private static void execute(DuckDbEngine engine, String sql) {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      session.execute(sql, List.of());
    }
  }

  private static QueryResult query(DuckDbEngine engine, String sql) {
    return engine.query(TENANT, sql, QueryOptions.defaults());
  }

  @Test
  void rowCapTruncatesToExactlyMaxRows() {
    try (DuckDbEngine engine =
        DuckDbEngine.onDisk(root, EngineSettings.defaults().withMaxRows(20), UdbMetrics.noop())) {
      execute(engine, "CREATE TABLE numbers AS SELECT range AS n FROM range(50)");

      QueryResult byOption =
          engine.query(TENANT, "SELECT n FROM numbers ORDER BY n", QueryOptions.maxRows(10));
      QueryResult bySetting = query(engine, "SELECT n FROM numbers ORDER BY n");
      QueryResult exact = query(engine, "SELECT n FROM numbers WHERE n < 20 ORDER BY n");

      assertThat(byOption.truncated()).isTrue();
      assertThat(byOption.rows()).hasSize(10);
      assertThat(byOption.rowCount()).isEqualTo(10);
      assertThat(byOption.rows().get(9)).containsExactly(9L);
      assertThat(bySetting.truncated()).isTrue();
      assertThat(bySetting.rows()).hasSize(20);
      assertThat(exact.truncated()).isFalse();
      assertThat(exact.rows()).hasSize(20);
    }
  }

  @Test
  void timeoutCancelsTheQueryAndLeavesTheConnectionUsable() {
    EngineSettings settings =
        new EngineSettings(
            2, "1GB", "4GB", Duration.ofMillis(200), 10_000, Duration.ofMinutes(10), 1);
    try (DuckDbEngine engine = DuckDbEngine.onDisk(root, settings, UdbMetrics.noop())) {
      execute(engine, "CREATE TABLE t AS SELECT 1 AS x");

      assertThatThrownBy(() -> query(engine, "SELECT count(*) FROM range(100000000000)"))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.SQL_TIMEOUT);

      // one connection per tenant: the next queries run on the connection that was cancelled
      assertThat(query(engine, "SELECT x FROM t").rows()).containsExactly(List.of(1L));
      assertThat(query(engine, "SELECT count(*) FROM range(1000)").rows())
          .containsExactly(List.of(1000L));
    }
  }

  @Test
  void valuesAreJsonCompatible() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      QueryResult result =
          query(
              engine,
              "SELECT 42::BIGINT AS big, 7::INTEGER AS small, 1.5::DOUBLE AS dbl,"
                  + " 12.34::DECIMAL(10, 2) AS dec, DATE '2024-02-29' AS day,"
                  + " TIMESTAMP '2024-02-29 13:45:00' AS ts,"
                  + " TIMESTAMP '2024-02-29 13:45:30.25' AS ts_frac, TIME '08:00:00' AS clock,"
                  + " [1, 2, 3] AS list, {'x': 1, 'y': 'z', 'inner': {'q': [true]}} AS struct,"
                  + " [{'k': 'v'}] AS list_of_structs, MAP {'a': 1} AS map, NULL AS nothing,"
                  + " true AS flag, 170141183460469231731687303715884105727::HUGEINT AS huge,"
                  + " 'abc'::BLOB AS bytes");

      assertThat(result.columns())
          .extracting(ColumnInfo::name)
          .startsWith("big", "small", "dbl", "dec", "day");
      List<Object> row = result.rows().get(0);
      assertThat(row.get(0)).isEqualTo(42L);
      assertThat(row.get(1)).isEqualTo(7L);
      assertThat(row.get(2)).isEqualTo(1.5d);
      assertThat(row.get(3)).isEqualTo(new BigDecimal("12.34"));
      assertThat(row.get(4)).isEqualTo("2024-02-29");
      assertThat(row.get(5)).isEqualTo("2024-02-29T13:45:00");
      assertThat(row.get(6)).isEqualTo("2024-02-29T13:45:30.25");
      assertThat(row.get(7)).isEqualTo("08:00:00");
      assertThat(row.get(8)).isEqualTo(List.of(1L, 2L, 3L));
      assertThat(row.get(9))
          .isEqualTo(Map.of("x", 1L, "y", "z", "inner", Map.of("q", List.of(true))));
      assertThat(row.get(10)).isEqualTo(List.of(Map.of("k", "v")));
      assertThat(row.get(11)).isEqualTo(Map.of("a", 1L));
      assertThat(row.get(12)).isNull();
      assertThat(row.get(13)).isEqualTo(true);
      assertThat(row.get(14)).isEqualTo(new BigDecimal("170141183460469231731687303715884105727"));
      assertThat(row.get(15)).isEqualTo("YWJj");
    }
  }

  @Test
  void timestampKeepsItsWallClockTimeInAnyJvmTimeZone() {
    TimeZone before = TimeZone.getDefault();
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      // 02:30 on 2020-03-08 does not exist in New York (clocks jump from 02:00 to 03:00)
      TimeZone.setDefault(TimeZone.getTimeZone("America/New_York"));

      QueryResult result = query(engine, "SELECT TIMESTAMP '2020-03-08 02:30:00'");

      assertThat(result.rows()).containsExactly(List.of("2020-03-08T02:30:00"));
    } finally {
      TimeZone.setDefault(before);
    }
  }

  @Test
  void guardSeesTablesCreatedThroughASession() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      String sql = "SELECT count(*) FROM late";
      assertThatThrownBy(() -> query(engine, sql))
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE);

      execute(engine, "CREATE TABLE late AS SELECT * FROM range(4)");

      assertThat(query(engine, sql).rows()).containsExactly(List.of(4L));

      execute(engine, "DROP TABLE late");

      assertThatThrownBy(() -> query(engine, sql))
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE);
    }
  }

  @Test
  void guardDecisionOfAClosedDatabaseIsNotReusedAfterItReopens() throws InterruptedException {
    EngineSettings settings = EngineSettings.defaults().withIdleTimeout(Duration.ofMillis(50));
    try (DuckDbEngine engine = DuckDbEngine.onDisk(root, settings, UdbMetrics.noop())) {
      // a tenant table may carry the name of a system view, which it then shadows
      String sql = "SELECT count(*) FROM pg_settings";
      execute(engine, "CREATE TABLE pg_settings AS SELECT 1 AS x");
      assertThat(query(engine, sql).rows()).containsExactly(List.of(1L));
      execute(engine, "DROP TABLE pg_settings");
      closeIdle(engine);
      execute(engine, "CREATE TABLE unrelated AS SELECT 1 AS x");

      // without its table the name would resolve to DuckDB's pg_settings view
      assertThatThrownBy(() -> query(engine, sql))
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE);
    }
  }

  @Test
  void describeAndListTablesGiveRowCountsAndColumnTypes() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      execute(
          engine,
          "CREATE TABLE orders AS SELECT range AS id, 'c' || range AS customer,"
              + " range * 1.5 AS amount, DATE '2024-01-01' + range::INTEGER AS day FROM range(7)");
      execute(engine, "CREATE TABLE \"Odd Name\" (v VARCHAR)");

      List<TableInfo> tables = engine.listTables(TENANT);
      Optional<TableInfo> orders = engine.describe(TENANT, TableRef.of("orders"));

      assertThat(tables).extracting(TableInfo::name).containsExactly("Odd Name", "orders");
      assertThat(tables).extracting(TableInfo::rowCount).containsExactly(0L, 7L);
      assertThat(orders).isPresent();
      assertThat(orders.get().rowCount()).isEqualTo(7);
      assertThat(orders.get().columns())
          .containsExactly(
              new ColumnInfo("id", "BIGINT"),
              new ColumnInfo("customer", "VARCHAR"),
              new ColumnInfo("amount", "DECIMAL(21,1)"),
              new ColumnInfo("day", "DATE"));
      assertThat(engine.describe(TENANT, TableRef.of("missing"))).isEmpty();
    }
  }

  @Test
  void describeReadsQuotedNamesNestedTypesAndNoViews() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      execute(
          engine,
          "CREATE TABLE \"o'b\"\"r.x\" AS SELECT range::DECIMAL(18, 3) AS \"we\"\"ird\","
              + " {'x': range, 'y': 'a'} AS nested, [range] AS list,"
              + " TIMESTAMPTZ '2024-01-01 00:00:00+00' AS at FROM range(3)");
      execute(engine, "CREATE VIEW seen AS SELECT * FROM \"o'b\"\"r.x\"");

      TableInfo odd = engine.describe(TENANT, TableRef.of("o'b\"r.x")).orElseThrow();

      assertThat(odd.rowCount()).isEqualTo(3);
      assertThat(odd.columns())
          .containsExactly(
              new ColumnInfo("we\"ird", "DECIMAL(18,3)"),
              new ColumnInfo("nested", "STRUCT(x BIGINT, y VARCHAR)"),
              new ColumnInfo("list", "BIGINT[]"),
              new ColumnInfo("at", "TIMESTAMP WITH TIME ZONE"));
      assertThat(engine.describe(TENANT, TableRef.of("seen"))).isEmpty();
    }
  }

  @Test
  void theSessionsDefaultDescribeTakesColumnsAndCountsRowsPerTable() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      execute(engine, "CREATE TABLE a AS SELECT range AS id, 'x' || range AS label FROM range(5)");
      execute(engine, "CREATE TABLE \"o'b\"\"r\" (v DOUBLE)");
      TableRef a = TableRef.of("a");
      TableRef odd = TableRef.of("o'b\"r");

      try (DuckDbSqlSession duck = engine.openSession(TENANT)) {
        // a session of an engine that leaves describe to the interface's default
        SqlSession plain =
            new SqlSession() {
              @Override
              public SqlDialect dialect() {
                return duck.dialect();
              }

              @Override
              public QueryResult query(String sql, List<?> parameters) {
                return duck.query(sql, parameters);
              }

              @Override
              public long execute(String sql, List<?> parameters) {
                return duck.execute(sql, parameters);
              }

              @Override
              public void close() {}
            };

        assertThat(plain.describe(List.of(odd, TableRef.of("missing"), a)))
            .containsExactly(
                engine.describe(TENANT, odd), Optional.empty(), engine.describe(TENANT, a));
        assertThat(plain.describe(List.of())).isEmpty();
      }
    }
  }

  @Test
  void aSessionDescribesSeveralTablesAsTheEngineDescribesEachAndMissesTheOnesThatAreNotTables() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      execute(engine, "CREATE TABLE a AS SELECT range AS id, 'x' || range AS label FROM range(5)");
      execute(engine, "CREATE TABLE \"o'b\"\"r\" (v DOUBLE)");
      execute(engine, "CREATE VIEW seen AS SELECT * FROM a");
      TableRef a = TableRef.of("a");
      TableRef odd = TableRef.of("o'b\"r");

      try (DuckDbSqlSession session = engine.openSession(TENANT)) {
        assertThat(session.describe(List.of(a, odd)))
            .containsExactly(engine.describe(TENANT, a), engine.describe(TENANT, odd));
        assertThat(session.describe(List.of(a)).get(0).orElseThrow())
            .isEqualTo(
                new TableInfo(
                    "a",
                    5,
                    List.of(new ColumnInfo("id", "BIGINT"), new ColumnInfo("label", "VARCHAR"))));
        // a view and a name in another case bind, and match no table
        assertThat(session.describe(List.of(TableRef.of("seen"), a, TableRef.of("A"))))
            .containsExactly(Optional.empty(), engine.describe(TENANT, a), Optional.empty());
        // a missing table fails the statement of all; the others are then described one by one
        assertThat(
                session.describe(
                    List.of(odd, TableRef.of("missing"), TableRef.of("seen"), TableRef.of("A"), a)))
            .containsExactly(
                engine.describe(TENANT, odd),
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                engine.describe(TENANT, a));
        assertThat(session.describe(List.of())).isEmpty();
        assertThat(session.query("SELECT count(*) FROM a", List.of()).rows())
            .as("the failed statement leaves the session usable")
            .containsExactly(List.of(5L));
      }
    }
  }

  @Test
  void idleDatabasesCloseAndKeepTheirData() throws InterruptedException {
    EngineSettings settings = EngineSettings.defaults().withIdleTimeout(Duration.ofMillis(50));
    try (DuckDbEngine engine = DuckDbEngine.onDisk(root, settings, UdbMetrics.noop())) {
      execute(engine, "CREATE TABLE kept AS SELECT range AS n FROM range(5)");

      closeIdle(engine);

      assertThat(engine.openDatabases()).isZero();
      assertThat(query(engine, "SELECT sum(n) FROM kept").rows()).containsExactly(List.of(10L));
    }
  }

  @Test
  void inMemoryDatabasesStayOpenWhenIdle() throws InterruptedException {
    EngineSettings settings = EngineSettings.defaults().withIdleTimeout(Duration.ofMillis(50));
    try (DuckDbEngine engine = DuckDbEngine.inMemory(settings, UdbMetrics.noop())) {
      execute(engine, "CREATE TABLE kept AS SELECT range AS n FROM range(5)");

      closeIdle(engine);

      assertThat(engine.openDatabases()).isEqualTo(1);
      assertThat(query(engine, "SELECT sum(n) FROM kept").rows()).containsExactly(List.of(10L));
    }
  }

  @Test
  void sessionLoadsFilesFromTheSpoolFolderOnly(@TempDir Path outside) throws IOException {
    Optional<Path> weather = SharedTestData.find("seattle-weather.csv");
    assumeThat(weather).as("seattle-weather.csv").isPresent();
    try (DuckDbEngine engine =
        DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop())) {
      Path outsideCopy = Files.copy(weather.get(), outside.resolve("weather.csv"));
      try (DuckDbSqlSession session = engine.openSession(TENANT)) {
        Path spooled = Files.copy(weather.get(), session.spoolDirectory().resolve("weather.csv"));

        session.execute(
            "CREATE TABLE weather AS SELECT * FROM read_csv(?)", List.of(spooled.toString()));

        assertThatThrownBy(
                () ->
                    session.execute(
                        "CREATE TABLE stolen AS SELECT * FROM read_csv(?)",
                        List.of(outsideCopy.toString())))
            .isInstanceOf(UdbException.class)
            .hasMessageContaining("Permission Error");
      }

      QueryResult result =
          query(
              engine,
              "SELECT count(*), min(date), max(temp_max) FROM weather WHERE weather = 'sun'");
      assertThat(engine.describe(TENANT, TableRef.of("weather")).orElseThrow().rowCount())
          .isEqualTo(1461);
      assertThat(result.rows().get(0).get(1)).isEqualTo("2012-01-08");
      assertThat((Long) result.rows().get(0).get(0)).isPositive();
      assertThat(engine.listTables(TENANT)).extracting(TableInfo::name).containsExactly("weather");
    }
  }

  @Test
  void resultLargerThanTheCapFailsInsteadOfFillingTheHeap() {
    EngineSettings settings = EngineSettings.defaults().withMaxResultBytes(1024 * 1024);
    try (DuckDbEngine engine = DuckDbEngine.inMemory(settings, UdbMetrics.noop())) {
      assertThatThrownBy(() -> query(engine, "SELECT repeat('x', 10000) FROM range(1000)"))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.SQL_RESOURCE_LIMIT);

      assertThat(query(engine, "SELECT repeat('x', 10000) FROM range(10)").rows()).hasSize(10);
    }
  }

  @Test
  void defaultResultCapStopsAFloodOfWideRows() {
    try (DuckDbEngine engine =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      // about 1 GB of text as Java strings
      assertThatThrownBy(() -> query(engine, "SELECT repeat('x', 50000) FROM range(10000)"))
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.SQL_RESOURCE_LIMIT);
    }
  }

  /** Waits past the idle timeout, then closes what is idle. */
  private static void closeIdle(DuckDbEngine engine) throws InterruptedException {
    Thread.sleep(engine.settings().idleTimeout().toMillis() * 3);
    engine.closeIdleDatabases();
  }
}
