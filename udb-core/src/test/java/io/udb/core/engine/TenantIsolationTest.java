package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.observe.UdbMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Two tenants on one on-disk engine: neither can see, name, list or attach the other's data. */
class TenantIsolationTest {
  private static final TenantId A = TenantId.of("alpha");
  private static final TenantId B = TenantId.of("beta");
  private static final Duration IDLE = Duration.ofMillis(50);

  @TempDir Path root;

  private DuckDbEngine engine;

  @BeforeEach
  void createTenants() {
    engine =
        DuckDbEngine.onDisk(
            root, EngineSettings.defaults().withIdleTimeout(IDLE), UdbMetrics.noop());
    execute(
        A, "CREATE TABLE items AS SELECT * FROM (VALUES (1, 'a-one'), (2, 'a-two')) v(id, label)");
    execute(B, "CREATE TABLE items AS SELECT * FROM (VALUES (7, 'b-seven')) v(id, label)");
    execute(B, "CREATE TABLE beta_only AS SELECT 'b-private' AS secret");
  }

  @AfterEach
  void closeEngine() {
    engine.close();
  }

  private void execute(TenantId tenant, String sql) {
    try (DuckDbSqlSession session = engine.openSession(tenant)) {
      session.execute(sql, List.of());
    }
  }

  private QueryResult query(TenantId tenant, String sql) {
    return engine.query(tenant, sql, QueryOptions.defaults());
  }

  @Test
  void eachTenantSeesOnlyItsOwnRowsUnderTheSameTableName() {
    assertThat(query(A, "SELECT id, label FROM items ORDER BY id").rows())
        .containsExactly(List.of(1L, "a-one"), List.of(2L, "a-two"));
    assertThat(query(B, "SELECT id, label FROM items ORDER BY id").rows())
        .containsExactly(List.of(7L, "b-seven"));
  }

  @Test
  void tenantCannotReadTheOtherTenantsTableByItsName() {
    assertThatThrownBy(() -> query(A, "SELECT * FROM beta_only"))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.SQL_UNKNOWN_TABLE);
    assertThat(query(B, "SELECT secret FROM beta_only").rows())
        .containsExactly(List.of("b-private"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "SELECT * FROM \"beta\".\"main\".\"beta_only\"",
        "SELECT * FROM beta.beta_only",
        "SELECT * FROM \"beta\".beta_only",
        "SELECT * FROM tenant.main.beta_only",
        "SELECT * FROM tenant.beta_only",
        "SELECT * FROM \"tenant.duckdb\".main.beta_only",
        "SELECT * FROM memory.main.beta_only",
        "SELECT * FROM temp.main.beta_only",
        "SELECT * FROM system.main.beta_only",
        "SELECT * FROM items, beta.main.items"
      })
  void tenantCannotReachTheOtherTenantsTableThroughAnyQualification(String sql) {
    assertThatThrownBy(() -> query(A, sql))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.SQL_FORBIDDEN);
  }

  @Test
  void trustedSessionsResolveEveryQualificationToTheirOwnDatabase() {
    try (DuckDbSqlSession session = engine.openSession(A)) {
      // the database name is the same for every tenant, and it always means the caller's own
      assertThat(session.query("SELECT count(*) FROM tenant.main.items", List.of()).rows())
          .containsExactly(List.of(2L));
      assertThatThrownBy(() -> session.query("SELECT * FROM tenant.main.beta_only", List.of()))
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("beta_only")
          .hasMessageNotContaining("b-private");
    }
  }

  @Test
  void tenantCannotListOrDescribeTheOtherTenantsTables() {
    assertThat(engine.listTables(A)).extracting(TableInfo::name).containsExactly("items");
    assertThat(engine.listTables(A)).extracting(TableInfo::rowCount).containsExactly(2L);
    assertThat(engine.describe(A, TableRef.of("beta_only"))).isEmpty();
    assertThat(engine.listTables(B))
        .extracting(TableInfo::name)
        .containsExactly("beta_only", "items");
  }

  @Test
  void guardRefusesAttachingTheOtherTenantsDatabase() {
    String other = TenantPaths.of(root, B, true).databaseFile().toString();

    for (String sql :
        List.of(
            "ATTACH '" + other + "' AS b",
            "ATTACH '" + other + "' AS b (READ_ONLY)",
            "SELECT 1; ATTACH '" + other + "' AS b")) {
      assertThatThrownBy(() -> query(A, sql))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isIn(ErrorCode.SQL_NOT_SELECT, ErrorCode.SQL_MULTIPLE_STATEMENTS);
    }
  }

  @Test
  void databaseRefusesAttachingTheOtherTenantsFileEvenWithoutTheGuard()
      throws InterruptedException {
    String other = TenantPaths.of(root, B, true).databaseFile().toString();
    Thread.sleep(IDLE.toMillis() * 3);
    engine.closeIdleDatabases();
    assertThat(engine.openDatabases()).isZero();

    // the internal session skips the guard: only DuckDB's own lock stands in the way
    try (DuckDbSqlSession session = engine.openSession(A)) {
      for (String sql : List.of("ATTACH '" + other + "' AS b (READ_ONLY)", "ATTACH ? AS b")) {
        List<?> parameters = sql.contains("?") ? List.of(other) : List.of();
        assertThatThrownBy(() -> session.execute(sql, parameters))
            .isInstanceOf(UdbException.class)
            .hasMessageContaining("Permission Error");
      }
      assertThatThrownBy(() -> session.query("SELECT * FROM read_blob(?)", List.of(other)))
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("Permission Error");
      assertThatThrownBy(() -> session.query("SELECT * FROM b.main.beta_only", List.of()))
          .isInstanceOf(UdbException.class);
    }
  }

  @Test
  void databaseRefusesAttachingTheOtherTenantsFileWhileItIsOpen() {
    String other = TenantPaths.of(root, B, true).databaseFile().toString();
    try (DuckDbSqlSession holder = engine.openSession(B);
        DuckDbSqlSession session = engine.openSession(A)) {
      assertThat(holder.query("SELECT count(*) FROM beta_only", List.of()).rows())
          .containsExactly(List.of(1L));

      assertThatThrownBy(() -> session.execute("ATTACH '" + other + "' AS b", List.of()))
          .isInstanceOf(UdbException.class);
      assertThatThrownBy(() -> session.query("SELECT * FROM b.main.beta_only", List.of()))
          .isInstanceOf(UdbException.class);
    }
  }

  @Test
  void tenantsOfAnInMemoryEngineAreIsolatedToo() {
    try (DuckDbEngine memory =
        DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop())) {
      try (DuckDbSqlSession session = memory.openSession(A)) {
        session.execute("CREATE TABLE items AS SELECT 'a' AS owner", List.of());
      }
      try (DuckDbSqlSession session = memory.openSession(B)) {
        session.execute("CREATE TABLE items AS SELECT 'b' AS owner", List.of());
      }

      assertThat(memory.query(A, "SELECT owner FROM items", QueryOptions.defaults()).rows())
          .containsExactly(List.of("a"));
      assertThat(memory.query(B, "SELECT owner FROM items", QueryOptions.defaults()).rows())
          .containsExactly(List.of("b"));
    }
  }
}
