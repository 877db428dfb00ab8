package io.udb.kpi.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.EngineSettings;
import io.udb.core.observe.UdbMetrics;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.InvalidKpiException;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.KpiTestData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One KPI batch over a tenant's own table and a dataset routed to another engine ({@code
 * DataBoxBuilder.datasetEngine}): each KPI runs on the engine serving its table, raw SQL on the
 * tenant's, and each engine's catalog versions its own tables for the cache.
 */
class KpiDatasetRoutingTest {
  private static final String CSV = "seattle-weather.csv";
  private static final TenantId TENANT = TenantId.of("seattle");
  private static final TableRef LAKE_WEATHER = TableRef.of("lake_weather");

  private DuckDbEngine lake;
  private DataBox box;
  private KpiEngine engine;

  @BeforeEach
  void open() throws Exception {
    lake = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .datasetEngine(TENANT, LAKE_WEATHER, lake)
            .build();
    KpiTestData.load(box, TENANT, CSV, "weather");
    Path copy = lake.spoolDirectory(TENANT).resolve(CSV);
    Files.createDirectories(copy.getParent());
    Files.copy(KpiTestData.file(CSV), copy, StandardCopyOption.REPLACE_EXISTING);
    try (SqlSession session = lake.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE lake_weather AS SELECT * FROM read_csv(?, header = true, auto_detect = true)",
          List.of(copy.toString()));
    }
    engine = new KpiEngine(KpiCache.defaults(), new TableVersions());
  }

  @AfterEach
  void close() {
    box.close();
  }

  private static KpiDefinition rain(String name, String table) {
    return KpiDefinition.builder(name)
        .table(table)
        .time("date", Grain.MONTH)
        .measure("precipitation", Aggregation.SUM)
        .build();
  }

  private static final List<KpiDefinition> BATCH =
      List.of(
          rain("lake_rain", "lake_weather"),
          rain("own_rain", "weather"),
          KpiDefinition.builder("days").sql("SELECT count(*) AS value FROM weather").build());

  @Test
  void eachKpiRunsOnTheEngineServingItsTable() {
    List<KpiResult> results = engine.run(box, TENANT, BATCH, KpiOptions.defaults());

    assertThat(results.get(0).value())
        .as("the same rows on both engines")
        .isEqualTo(results.get(1).value())
        .isEqualTo(
            KpiTestData.plainNumber(
                CSV,
                "SELECT sum(precipitation) FROM CSV"
                    + " WHERE date >= DATE '2015-12-01' AND date < DATE '2016-01-01'"));
    assertThat(results.get(2).value()).isEqualTo(1461.0);
    assertThatThrownBy(
            () ->
                engine.run(
                    box,
                    TENANT,
                    List.of(
                        KpiDefinition.builder("raw_lake")
                            .sql("SELECT count(*) AS value FROM lake_weather")
                            .build()),
                    KpiOptions.defaults()))
        .as("raw SQL runs on the tenant's engine, which does not hold the routed dataset")
        .isInstanceOf(InvalidKpiException.class)
        .hasMessageContaining("lake_weather");
  }

  @Test
  void eachEngineVersionsItsOwnTablesForTheCache() {
    engine.run(box, TENANT, BATCH, KpiOptions.defaults());
    KpiEngine.Batch unchanged = engine.prepare(box, TENANT, BATCH, KpiOptions.defaults());
    assertThat(unchanged.cacheHits()).isEqualTo(3);

    try (SqlSession session = lake.openSession(TENANT)) {
      session.execute(
          "INSERT INTO lake_weather SELECT * FROM lake_weather WHERE date = DATE '2015-12-31'",
          List.of());
    }
    KpiEngine.Batch afterLakeChange = engine.prepare(box, TENANT, BATCH, KpiOptions.defaults());
    assertThat(afterLakeChange.cacheHits())
        .as("only the KPI over the changed dataset is computed again")
        .isEqualTo(2);
    assertThat(afterLakeChange.queries()).isEqualTo(1);
  }
}
