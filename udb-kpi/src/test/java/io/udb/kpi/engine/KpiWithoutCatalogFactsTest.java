package io.udb.kpi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.EngineSettings;
import io.udb.core.observe.UdbMetrics;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.RecordingMetrics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * KPIs on an engine whose dialect has no catalog facts: every result is computed, never cached, so
 * that even a replacement nothing tells UDB about is seen.
 */
class KpiWithoutCatalogFactsTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final KpiDefinition REVENUE =
      KpiDefinition.builder("revenue")
          .table("sales")
          .measure("amount", Aggregation.SUM)
          .time("day", Grain.MONTH)
          .build();

  private final RecordingMetrics metrics = new RecordingMetrics();
  private DuckDbEngine duck;
  private DataBox box;
  private KpiEngine engine;

  @BeforeEach
  void createTable() {
    duck = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    box =
        DataBox.builder()
            .inMemory()
            .engine(new Uncatalogued(duck))
            .eventSinks(List.of())
            .metrics(metrics)
            .build();
    engine = new KpiEngine(KpiCache.defaults(), new TableVersions());
    replaceSales(2);
  }

  @AfterEach
  void closeBox() {
    box.close();
  }

  /** Replaces the table past UDB's table versions, keeping its row count. */
  private void replaceSales(int amount) {
    try (SqlSession session = duck.openSession(TENANT)) {
      session.execute(
          "CREATE OR REPLACE TABLE sales AS SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS day,"
              + " CAST("
              + amount
              + " AS DOUBLE) AS amount FROM range(90) t(i)",
          List.of());
    }
  }

  @Test
  void computesEveryTimeAndSeesAReplacementOfTheSameSize() {
    KpiResult first = engine.run(box, TENANT, List.of(REVENUE), KpiOptions.defaults()).get(0);
    replaceSales(3);
    KpiResult second = engine.run(box, TENANT, List.of(REVENUE), KpiOptions.defaults()).get(0);

    assertThat(first.value()).isEqualTo(60.0);
    assertThat(second.value()).isEqualTo(90.0);
    assertThat(second.cached()).isFalse();
    assertThat(engine.cache().size()).isZero();
    assertThat(metrics.of(KpiMetricNames.CACHE)).isEmpty();
    assertThat(metrics.of(KpiMetricNames.SCANS)).hasSize(2);
  }

  @Test
  void tokensNeverRepeat() {
    TableVersions versions = new TableVersions();
    List<TableRef> sales = List.of(TableRef.of("sales"));

    Map<String, String> first = versions.tokens(box, TENANT, sales, true);
    Map<String, String> second = versions.tokens(box, TENANT, sales, true);

    assertThat(first).containsOnlyKeys("sales", TableVersions.ALL_TABLES);
    assertThat(second.values()).doesNotContainAnyElementsOf(first.values());
    assertThat(TableVersions.canVersion(box.engine().dialect())).isFalse();
    assertThat(TableVersions.canVersion(duck.dialect())).isTrue();
  }

  /** DuckDB's dialect without catalog facts. */
  private record NoFacts(SqlDialect duck) implements SqlDialect {
    @Override
    public String name() {
      return "duckdb-without-catalog";
    }

    @Override
    public String quantileContinuous(String expression, double fraction) {
      return duck.quantileContinuous(expression, fraction);
    }

    @Override
    public String dateTrunc(String grain, String expression) {
      return duck.dateTrunc(grain, expression);
    }

    @Override
    public Optional<String> tableFactsQuery() {
      return Optional.empty();
    }

    @Override
    public Optional<String> expressionProblem(
        SqlSession session, TableRef table, String expression) {
      return duck.expressionProblem(session, table, expression);
    }
  }

  /** DuckDB behind a dialect without catalog facts. */
  private static final class Uncatalogued implements AnalyticsEngine {
    private final DuckDbEngine duck;
    private final SqlDialect dialect;

    Uncatalogued(DuckDbEngine duck) {
      this.duck = duck;
      this.dialect = new NoFacts(duck.dialect());
    }

    @Override
    public String name() {
      return dialect.name();
    }

    @Override
    public SqlDialect dialect() {
      return dialect;
    }

    @Override
    public QueryResult query(TenantId tenant, String sql, QueryOptions options) {
      return duck.query(tenant, sql, options);
    }

    @Override
    public List<TableInfo> listTables(TenantId tenant) {
      return duck.listTables(tenant);
    }

    @Override
    public Optional<TableInfo> describe(TenantId tenant, TableRef table) {
      return duck.describe(tenant, table);
    }

    @Override
    public SqlSession openSession(TenantId tenant) {
      SqlSession session = duck.openSession(tenant);
      return new SqlSession() {
        @Override
        public SqlDialect dialect() {
          return dialect;
        }

        @Override
        public QueryResult query(String sql, List<?> parameters) {
          return session.query(sql, parameters);
        }

        @Override
        public long execute(String sql, List<?> parameters) {
          return session.execute(sql, parameters);
        }

        @Override
        public void close() {
          session.close();
        }
      };
    }

    @Override
    public void close() {
      duck.close();
    }
  }
}
