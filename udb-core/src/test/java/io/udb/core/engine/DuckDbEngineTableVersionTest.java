package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.TableRef;
import io.udb.core.observe.UdbMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEngineTableVersionTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final TableRef SALES = TableRef.of("sales");

  @TempDir Path root;

  private DuckDbEngine engine() {
    return DuckDbEngine.onDisk(root, EngineSettings.defaults(), UdbMetrics.noop());
  }

  private static void execute(DuckDbEngine engine, TenantId tenant, String sql) {
    try (DuckDbSqlSession session = engine.openSession(tenant)) {
      session.execute(sql, List.of());
    }
  }

  @Test
  void staysTheSameWhileOnlyQueriesRun() {
    try (DuckDbEngine engine = engine()) {
      execute(engine, ACME, "CREATE TABLE sales AS SELECT range AS n FROM range(10)");
      long before = engine.tableVersion(ACME, SALES);

      engine.query(ACME, "SELECT sum(n) FROM sales", QueryOptions.defaults());
      engine.describe(ACME, SALES);

      assertThat(engine.tableVersion(ACME, SALES)).isEqualTo(before);
    }
  }

  @Test
  void changesWhenRowsAreWrittenThroughASession() {
    try (DuckDbEngine engine = engine()) {
      execute(engine, ACME, "CREATE TABLE sales AS SELECT range AS n FROM range(10)");
      long created = engine.tableVersion(ACME, SALES);

      execute(engine, ACME, "INSERT INTO sales VALUES (42)");
      long inserted = engine.tableVersion(ACME, SALES);
      execute(engine, ACME, "UPDATE sales SET n = n + 1");

      assertThat(inserted).isNotEqualTo(created);
      assertThat(engine.tableVersion(ACME, SALES)).isNotEqualTo(inserted);
    }
  }

  @Test
  void changesWhenABulkPathReportsItsWrite() throws Exception {
    try (DuckDbEngine engine = engine()) {
      execute(engine, ACME, "CREATE TABLE sales AS SELECT range AS n FROM range(10)");
      long before = engine.tableVersion(ACME, SALES);

      try (DuckDbSqlSession session = engine.openSession(ACME)) {
        try (var statement = session.connection().createStatement()) {
          statement.execute("INSERT INTO sales VALUES (7)");
        }
        session.schemaChanged();
      }

      assertThat(engine.tableVersion(ACME, SALES)).isNotEqualTo(before);
    }
  }

  @Test
  void aWriteOfOneTenantLeavesAnotherTenantsVersionAlone() {
    try (DuckDbEngine engine = engine()) {
      execute(engine, ACME, "CREATE TABLE sales AS SELECT range AS n FROM range(10)");
      execute(engine, GLOBEX, "CREATE TABLE sales AS SELECT range AS n FROM range(10)");
      long globex = engine.tableVersion(GLOBEX, SALES);

      execute(engine, ACME, "INSERT INTO sales VALUES (1)");

      assertThat(engine.tableVersion(GLOBEX, SALES)).isEqualTo(globex);
    }
  }

  @Test
  void neverRepeatsAVersionAfterAnIdleDatabaseIsReopened() throws InterruptedException {
    EngineSettings quickIdle =
        new EngineSettings(
            2, "1GB", "4GB", Duration.ofSeconds(30), 10_000, Duration.ofMillis(1), 4);
    try (DuckDbEngine engine = DuckDbEngine.onDisk(root, quickIdle, UdbMetrics.noop())) {
      execute(engine, ACME, "CREATE TABLE sales AS SELECT range AS n FROM range(10)");
      long before = engine.tableVersion(ACME, SALES);
      while (engine.openDatabases() > 0) {
        Thread.sleep(5);
        engine.closeIdleDatabases();
      }

      long reopened = engine.tableVersion(ACME, SALES);

      assertThat(reopened).isNotEqualTo(before);
      assertThat(engine.query(ACME, "SELECT count(*) FROM sales", QueryOptions.defaults()).rows())
          .containsExactly(List.of(10L));
    }
  }
}
