package io.udb.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.kpi.Aggregation;
import io.udb.kpi.Grain;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.engine.KpiCache;
import io.udb.kpi.engine.KpiEngine;
import io.udb.kpi.engine.TableVersions;
import io.udb.quality.check.CheckResult;
import io.udb.quality.check.CheckStatus;
import io.udb.quality.check.Checks;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityReport;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.BaselineStore;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftResult;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import io.udb.spark.conformance.ConformanceEngines;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Engines chosen per dataset and per tenant under a DuckDB default: a DuckDB tenant whose one large
 * dataset is registered on Spark, and a tenant served wholly by Spark. Both run on the JVM's shared
 * Spark session (the engine plugin attaches to it and leaves it running).
 */
class SparkDatasetRoutingTest {
  private static final TenantId MIXED = TenantId.of("mixed-engines");
  private static final TenantId ON_SPARK = TenantId.of("spark-tenant");
  private static final TableRef WEATHER = TableRef.of("weather");
  private static final TableRef LOCAL_WEATHER = TableRef.of("local_weather");

  @TempDir static Path dir;
  private static Path parquet;

  @BeforeAll
  static void writeWeather() throws Exception {
    ConformanceEngines.get(); // the shared Spark session, so the plugin attaches to it
    parquet = dir.resolve("weather.parquet");
    Path csv = testdata("seattle-weather.csv");
    try (Connection scratch = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = scratch.createStatement()) {
      statement.execute(
          "COPY (SELECT * FROM read_csv('"
              + csv.toString().replace("'", "''")
              + "', header = true)) TO '"
              + parquet.toString().replace("'", "''")
              + "' (FORMAT parquet)");
    }
  }

  private static Path testdata(String name) {
    for (Path at = Path.of("").toAbsolutePath(); at != null; at = at.getParent()) {
      if (Files.isRegularFile(at.resolve("testdata/README.md"))) {
        return at.resolve("testdata").resolve(name);
      }
    }
    throw new IllegalStateException("testdata/README.md not found above the working directory");
  }

  /** A box under the DuckDB default with Spark serving the mixed tenant's weather, and ON_SPARK. */
  private static DataBox box() {
    return DataBox.builder()
        .inMemory()
        .eventSinks(List.of())
        .settings(
            Settings.of(
                Map.of(
                    "engine.spark.master", "local[2]",
                    "engine.spark.datasets.mixed-engines.weather.path", parquet.toString(),
                    "engine.spark.datasets.spark-tenant.weather.path", parquet.toString())))
        .datasetEngine(MIXED, WEATHER, "spark")
        .tenantEngine(ON_SPARK, "spark")
        .build();
  }

  private static void loadLocal(DataBox box) {
    try (SqlSession session = box.openSession(MIXED)) {
      Path copy =
          DuckDbEngine.serving(box.engine(), MIXED).spoolDirectory(MIXED).resolve("w.parquet");
      Files.createDirectories(copy.getParent());
      Files.copy(parquet, copy);
      session.execute(
          "CREATE TABLE local_weather AS SELECT * FROM read_parquet(?)", List.of(copy.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void aDuckDbTenantsSparkDatasetIsAnalysedOnSparkAndItsStateStaysInDuckDb() {
    try (DataBox box = box()) {
      loadLocal(box);
      assertThat(box.engine().engineFor(MIXED, WEATHER)).isInstanceOf(SparkEngine.class);
      assertThat(box.engine().engineFor(MIXED)).isInstanceOf(DuckDbEngine.class);
      assertThat(box.tables(MIXED))
          .extracting(TableInfo::name, TableInfo::rowCount)
          .containsExactly(tuple("local_weather", 1461L), tuple("weather", 1461L));

      Profiler profiler = new Profiler();
      Job profile =
          box.awaitJob(
              MIXED,
              profiler
                  .submitComparison(
                      box,
                      MIXED,
                      WEATHER,
                      LOCAL_WEATHER,
                      ProfileOptions.builder().minimal(true).build())
                  .id(),
              Duration.ofMinutes(2));
      assertThat(profile.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(((Number) profile.result().get("rowCountChange")).longValue()).isZero();

      QualityService quality = new QualityService();
      QualityReport onSpark =
          quality.run(
              box,
              MIXED,
              WEATHER,
              Checks.on("weather")
                  .isComplete("date")
                  .satisfies("warmer by day", "temp_max >= temp_min")
                  .referencesTable("weather", "local_weather", "weather")
                  .build(),
              QualityOptions.defaults());
      assertThat(onSpark.rowCount()).isEqualTo(1461);
      assertThat(onSpark.checks().subList(0, 2))
          .extracting(CheckResult::status)
          .containsExactly(CheckStatus.PASSED, CheckStatus.PASSED);
      assertThat(onSpark.checks().get(2).status()).isEqualTo(CheckStatus.ERROR);
      assertThat(onSpark.checks().get(2).message())
          .contains("served by the duckdb engine")
          .contains("(spark)");

      assertThat(box.security().classifications().classify(MIXED, WEATHER).columns())
          .as("sampled on Spark, kept in the tenant's DuckDB database")
          .containsKeys("date", "weather");
      assertThat(box.security().classifications().find(MIXED, WEATHER)).isPresent();

      DriftService drift = new DriftService();
      assertThatThrownBy(
              () -> drift.run(box, MIXED, DriftRequest.between(LOCAL_WEATHER, WEATHER).build()))
          .isInstanceOf(UdbException.class)
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      new BaselineStore(box).save(MIXED, "weather", WEATHER);
      DriftResult same =
          drift.run(box, MIXED, DriftRequest.againstBaseline("weather", WEATHER).build());
      assertThat(same.numberOfColumns()).isEqualTo(6);
      assertThat(same.numberOfDriftedColumns()).isZero();
      assertThat(same.schemaChanges()).isEmpty();
      try (SqlSession duck = box.openSession(MIXED)) {
        assertThat(
                duck.query(
                        "SELECT count(*) FROM udb_meta.drift_baseline WHERE dataset = 'weather'",
                        List.of())
                    .rows())
            .as("the baseline of the Spark dataset is kept in the tenant's DuckDB database")
            .containsExactly(List.of(6L));
      }

      KpiEngine kpis = new KpiEngine(KpiCache.defaults(), new TableVersions());
      List<KpiResult> rain =
          kpis.run(
              box,
              MIXED,
              List.of(
                  monthlyRain("spark_rain", "weather"), monthlyRain("duck_rain", "local_weather")),
              KpiOptions.defaults());
      assertThat(rain.get(0).value()).isCloseTo(rain.get(1).value(), within(1e-9));
      assertThat(rain.get(0).series().points()).hasSize(48);

      assertThatThrownBy(
              () ->
                  new FileIngestService(box)
                      .submitFile(
                          MIXED,
                          Files.writeString(dir.resolve("w.csv"), "a\n1\n"),
                          "weather",
                          LoadOptions.defaults()))
          .as("a load would hide behind the route")
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("served by the spark engine")
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.ENGINE_OPERATION_UNSUPPORTED);
    }
  }

  @Test
  void aTenantOnSparkUnderADuckDbDefaultRunsPredicatesAndCachedKpis() {
    try (DataBox box = box()) {
      QualityReport report =
          new QualityService()
              .run(
                  box,
                  ON_SPARK,
                  WEATHER,
                  Checks.on("weather").satisfies("dry", "precipitation = 0").build(),
                  QualityOptions.defaults());
      assertThat(report.checks().get(0).status()).isEqualTo(CheckStatus.FAILED);
      assertThat(report.checks().get(0).failingRows()).isEqualTo(623);

      KpiEngine kpis = new KpiEngine(KpiCache.defaults(), new TableVersions());
      List<KpiDefinition> batch = List.of(monthlyRain("rain", "weather"));
      KpiResult first = kpis.run(box, ON_SPARK, batch, KpiOptions.defaults()).get(0);
      KpiEngine.Batch again = kpis.prepare(box, ON_SPARK, batch, KpiOptions.defaults());
      assertThat(again.cacheHits())
          .as("Spark has no catalog facts: its results are computed every time")
          .isZero();
      kpis.compute(again, () -> {});
      assertThat(kpis.results(again).get(0).value()).isEqualTo(first.value());
    }
  }

  private static KpiDefinition monthlyRain(String name, String table) {
    return KpiDefinition.builder(name)
        .table(table)
        .time("date", Grain.MONTH)
        .measure("precipitation", Aggregation.SUM)
        .build();
  }
}
