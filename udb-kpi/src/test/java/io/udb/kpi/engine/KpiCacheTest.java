package io.udb.kpi.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbSqlSession;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.RecordingMetrics;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The result cache and the table versions that key it. */
class KpiCacheTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final TenantId GLOBEX = TenantId.of("globex");
  private static final KpiDefinition REVENUE =
      KpiDefinition.builder("revenue")
          .table("sales")
          .measure("amount", Aggregation.SUM)
          .time("day", Grain.MONTH)
          .build();
  private static final KpiDefinition VISITS =
      KpiDefinition.builder("visits").table("visits").aggregation(Aggregation.COUNT).build();

  private final RecordingMetrics metrics = new RecordingMetrics();
  private DataBox box;
  private KpiEngine engine;

  @BeforeEach
  void createTables() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).metrics(metrics).build();
    engine = new KpiEngine(KpiCache.defaults(), new TableVersions());
    for (TenantId tenant : List.of(ACME, GLOBEX)) {
      execute(
          tenant,
          "CREATE TABLE sales AS SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS day,"
              + " CAST(i % 10 AS DOUBLE) AS amount FROM range(90) t(i)");
      execute(tenant, "CREATE TABLE visits AS SELECT range AS id FROM range(5)");
    }
    execute(GLOBEX, "UPDATE sales SET amount = amount * 2");
    metrics.clear();
  }

  @AfterEach
  void closeBox() {
    box.close();
  }

  private void execute(TenantId tenant, String sql) {
    try (SqlSession session = box.openSession(tenant)) {
      session.execute(sql, List.of());
    }
  }

  /** Writes past UDB: on the raw connection, without telling the engine. */
  private void executeUnnoticed(TenantId tenant, String sql) throws Exception {
    try (DuckDbSqlSession session = (DuckDbSqlSession) box.openSession(tenant);
        Statement statement = session.connection().createStatement()) {
      statement.execute(sql);
    }
  }

  private List<KpiResult> run(TenantId tenant, KpiDefinition... kpis) {
    return engine.run(box, tenant, List.of(kpis), KpiOptions.defaults());
  }

  private double hits() {
    return metrics.total(KpiMetricNames.CACHE, "result", "hit");
  }

  private double misses() {
    return metrics.total(KpiMetricNames.CACHE, "result", "miss");
  }

  @Test
  void servesARepeatFromTheCacheWithoutQuerying() {
    List<KpiResult> first = run(ACME, REVENUE, VISITS);
    List<KpiResult> second = run(ACME, REVENUE, VISITS);

    assertThat(first).extracting(KpiResult::cached).containsExactly(false, false);
    assertThat(second).extracting(KpiResult::cached).containsExactly(true, true);
    assertThat(second).extracting(KpiResult::scan).containsExactly(-1, -1);
    assertThat(second.get(0).value()).isEqualTo(first.get(0).value());
    assertThat(second.get(0).series()).isEqualTo(first.get(0).series());
    assertThat(misses()).isEqualTo(2);
    assertThat(hits()).isEqualTo(2);
    assertThat(metrics.of(KpiMetricNames.SCANS)).hasSize(2);
    assertThat(metrics.of(KpiMetricNames.CACHE).get(0).tags()).contains("tenant", "acme");
  }

  @Test
  void aRelabelledKpiIsStillServedFromTheCache() {
    run(ACME, REVENUE);

    KpiResult relabelled =
        run(ACME, REVENUE.toBuilder().label("Revenue").unit("EUR").target(10).build()).get(0);

    assertThat(relabelled.cached()).isTrue();
    assertThat(relabelled.definition().displayLabel()).isEqualTo("Revenue");
    assertThat(relabelled.targetMet()).isNotNull();
  }

  @Test
  void skipsTheCacheWhenAskedTo() {
    KpiOptions uncached = KpiOptions.builder().useCache(false).build();
    engine.run(box, ACME, List.of(REVENUE), uncached);
    KpiResult again = engine.run(box, ACME, List.of(REVENUE), uncached).get(0);

    assertThat(again.cached()).isFalse();
    assertThat(engine.cache().size()).isZero();
    assertThat(metrics.of(KpiMetricNames.CACHE)).isEmpty();
  }

  @Test
  void anInvalidationDropsTheTablesEntriesAndOnlyThose() {
    run(ACME, REVENUE, VISITS);

    engine.versions().invalidate(ACME, TableRef.of("SALES"));

    assertThat(engine.cache().size()).isEqualTo(1);
    List<KpiResult> again = run(ACME, REVENUE, VISITS);
    assertThat(again).extracting(KpiResult::cached).containsExactly(false, true);
    assertThat(engine.versions().counter(ACME, TableRef.of("sales"))).isEqualTo(1);
  }

  @Test
  void aLoadThroughUdbChangesTheVersionWithoutAnInvalidation() {
    double before = run(ACME, REVENUE).get(0).value();

    execute(ACME, "UPDATE sales SET amount = amount + 1 WHERE day >= DATE '2024-03-01'");
    KpiResult after = run(ACME, REVENUE).get(0);

    assertThat(after.cached()).isFalse();
    assertThat(after.value()).isEqualTo(before + 30);
  }

  @Test
  void anAppendPastUdbIsSeenByTheRowCount() throws Exception {
    double before = run(ACME, REVENUE).get(0).value();

    executeUnnoticed(ACME, "INSERT INTO sales VALUES (DATE '2024-03-31', 1000)");
    KpiResult after = run(ACME, REVENUE).get(0);

    assertThat(after.cached()).isFalse();
    assertThat(after.value()).isEqualTo(before + 1000);
  }

  @Test
  void aDeletePastUdbIsSeenByTheRowCount() throws Exception {
    run(ACME, VISITS);

    executeUnnoticed(ACME, "DELETE FROM visits WHERE id = 0");
    KpiResult after = run(ACME, VISITS).get(0);

    assertThat(after.cached()).isFalse();
    assertThat(after.value()).isEqualTo(4.0);
  }

  @Test
  void aReplacementWithTheSameRowCountIsSeenByTheCatalog() throws Exception {
    run(ACME, REVENUE);

    executeUnnoticed(
        ACME,
        "CREATE OR REPLACE TABLE sales AS SELECT DATE '2024-01-01' + CAST(i AS INTEGER) AS day,"
            + " 1.0 AS amount FROM range(90) t(i)");
    KpiResult after = run(ACME, REVENUE).get(0);

    assertThat(after.cached()).isFalse();
    assertThat(after.value()).isEqualTo(30.0);
  }

  @Test
  void tenantsNeverShareEntries() {
    double acme = run(ACME, REVENUE).get(0).value();
    KpiResult globex = run(GLOBEX, REVENUE).get(0);

    assertThat(globex.cached()).isFalse();
    assertThat(globex.value()).isEqualTo(acme * 2);
  }

  @Test
  void rawSqlKpisDependOnEveryTable() {
    KpiDefinition raw =
        KpiDefinition.builder("raw").sql("SELECT count(*) AS value FROM visits").build();
    run(ACME, raw);

    engine.versions().invalidate(ACME, TableRef.of("sales"));

    assertThat(engine.cache().size()).isZero();
    assertThat(run(ACME, raw).get(0).cached()).isFalse();
    assertThat(run(ACME, raw).get(0).cached()).isTrue();
    execute(ACME, "CREATE TABLE extra AS SELECT 1 AS x");
    assertThat(run(ACME, raw).get(0).cached()).isFalse();
  }
}
