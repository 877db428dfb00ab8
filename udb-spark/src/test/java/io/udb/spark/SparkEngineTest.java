package io.udb.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import io.udb.spark.conformance.ConformanceEngines;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.spark.SparkStatusTracker;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SparkEngineTest {
  private final ConformanceEngines engines = ConformanceEngines.get();
  private final SparkEngine engine = engines.sparkEngine();

  @Test
  void registersParquetInTheTenantNamespaceWithoutCopying() {
    TableRef table =
        engines.table(
            "engine_basic",
            "SELECT range AS id, 'name ' || range AS label, range * 0.5 AS half"
                + " FROM range(5)");

    TableInfo info = engine.describe(ConformanceEngines.TENANT, table).orElseThrow();

    assertThat(info.rowCount()).isEqualTo(5);
    assertThat(info.columns())
        .containsExactly(
            new ColumnInfo("id", "BIGINT"),
            new ColumnInfo("label", "STRING"),
            new ColumnInfo("half", "DECIMAL(21,1)"));
    assertThat(engine.listTables(ConformanceEngines.TENANT))
        .extracting(TableInfo::name)
        .contains("engine_basic");
    assertThat(engine.namespace(ConformanceEngines.TENANT)).isEqualTo("udb_conformance");
  }

  @Test
  void tenantsSeeOnlyTheirOwnNamespace() {
    engines.table("engine_private", "SELECT 1 AS x");
    TenantId other = TenantId.of("other-tenant");

    assertThat(engine.listTables(other)).isEmpty();
    assertThat(engine.describe(other, TableRef.of("engine_private"))).isEmpty();
    assertThat(engine.namespace(other)).isEqualTo("udb_other_1tenant");
    assertThat(engine.namespace(TenantId.of("other_tenant"))).isEqualTo("udb_other_0tenant");
  }

  @Test
  void sessionsBindParametersAndReturnTheSameValueTypesAsDuckDb() {
    TableRef table =
        engines.table(
            "engine_values",
            "SELECT 42::INTEGER AS i, 2.5::DOUBLE AS d, DATE '2024-02-29' AS day,"
                + " TIMESTAMP '2024-03-31 02:30:00' AS ts, 'x''y' AS s");
    try (SqlSession session = engines.spark().openSession(ConformanceEngines.TENANT)) {
      QueryResult result =
          session.query(
              "SELECT i, d, day, ts, s, collect_list(named_struct('v', i, 'n', d)) AS cells,"
                  + " ? AS p FROM "
                  + session.dialect().table(table)
                  + " WHERE s = ? GROUP BY i, d, day, ts, s",
              List.of(7L, "x'y"));

      assertThat(result.rows()).hasSize(1);
      assertThat(result.rows().get(0))
          .containsExactly(
              42L,
              2.5,
              "2024-02-29",
              "2024-03-31T02:30:00",
              "x'y",
              List.of(Map.of("v", 42L, "n", 2.5)),
              7L);
    }
  }

  @Test
  void expandedRowsRepeatEachRowPerEntryWithTypedSharedColumnsOnBothEngines() {
    TableRef table =
        engines.table(
            "expanded_rows",
            "SELECT * FROM (VALUES (1::INTEGER, 2.5::DOUBLE, 'a'), (2::INTEGER, NULL, 'b'))"
                + " AS v(i, d, s)");
    List<List<Object>> expected =
        List.of(
            java.util.Arrays.asList(0L, 1L, null, null),
            java.util.Arrays.asList(0L, 2L, null, null),
            java.util.Arrays.asList(1L, 2L, 2.5, null),
            java.util.Arrays.asList(1L, 3L, null, null),
            java.util.Arrays.asList(2L, null, null, "a"),
            java.util.Arrays.asList(2L, null, null, "b"));
    for (DataBox box : List.of(engines.duck(), engines.spark())) {
      try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
        String expanded =
            session
                .dialect()
                .expandedRows(
                    session.dialect().table(table) + " AS t",
                    List.of("gid", "s0", "s1", "s2"),
                    List.of(
                        List.of("0", "i", "NULL", "NULL"),
                        List.of("1", "i + 1", "d", "NULL"),
                        List.of("2", "NULL", "NULL", "s")));
        List<List<Object>> rows =
            session
                .query(
                    "SELECT CAST(gid AS BIGINT), CAST(s0 AS BIGINT), s1, s2 FROM ("
                        + expanded
                        + ") AS x ORDER BY 1, 2 NULLS FIRST, 4",
                    List.of())
                .rows();

        assertThat(rows).as(box.engine().name()).isEqualTo(expected);
      }
    }
  }

  @Test
  void expandedRowsGiveEveryStructTheArraysTypeSoThatNoneIsCastPerRow() {
    TableRef table =
        engines.table(
            "expanded_typed",
            "SELECT * FROM (VALUES (1::INTEGER, 2.5::DOUBLE, 'a')) AS v(i, d, s)");
    try (SqlSession session = engines.spark().openSession(ConformanceEngines.TENANT)) {
      String expanded =
          session
              .dialect()
              .expandedRows(
                  session.dialect().table(table) + " AS t",
                  List.of("gid", "s0", "s1", "s2"),
                  List.of(
                      List.of("0", "i", "NULL", "NULL"),
                      List.of("1", "NULL", "d", "NULL"),
                      List.of("2", "NULL", "NULL", "s")));

      // a bare NULL has Spark's null type, and the analyzer cast every struct to the array's type
      assertThat(engine.spark().sql(expanded).queryExecution().analyzed().toString())
          .contains("inline(")
          .doesNotContain(" as struct<");
    }
  }

  @Test
  void variableSubstitutionCannotReadTheDriversEnvironment() {
    engine.spark().conf().set("spark.sql.variable.substitute", "true");
    SparkEngine attached = SparkEngine.attach(engine.spark(), "udb_");
    try (SqlSession session = attached.openSession(ConformanceEngines.TENANT)) {
      assertThat(session.query("SELECT '${env:PATH}' AS leaked", List.of()).rows())
          .containsExactly(List.of("${env:PATH}"));
    }
    assertThat(engine.spark().conf().get("spark.sql.variable.substitute")).isEqualTo("false");
  }

  @Test
  void cancellingAJobInterruptsTheSparkJobsOfItsRunningStatement() throws Exception {
    DataBox box = engines.spark();
    CountDownLatch started = new CountDownLatch(1);
    Job job =
        box.submit(
            ConformanceEngines.TENANT,
            JobType.PROFILE,
            context -> {
              try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
                started.countDown();
                // 10^13 rows in one job: days of work, unless the job is interrupted
                return Map.of(
                    "sum",
                    session
                        .query("SELECT sum(id % 7) FROM range(0, 10000000000000, 1, 2)", List.of())
                        .rows()
                        .toString());
              }
            });
    started.await();
    SparkStatusTracker tracker = engine.spark().sparkContext().statusTracker();
    for (int i = 0; i < 1200 && tracker.getActiveStageIds().length == 0; i++) {
      Thread.sleep(50); // until the statement's tasks run on the executors
    }
    assertThat(tracker.getActiveStageIds()).isNotEmpty();
    box.cancelJob(ConformanceEngines.TENANT, job.id());

    Job done = box.awaitJob(ConformanceEngines.TENANT, job.id(), Duration.ofMinutes(2));

    assertThat(done.state()).isEqualTo(JobState.CANCELLED);
    assertThat(done.error().code()).isEqualTo(ErrorCode.JOB_CANCELLED);
    for (int i = 0; i < 1200 && tracker.getActiveJobIds().length > 0; i++) {
      Thread.sleep(50); // the interrupt reaches the executors' tasks asynchronously
    }
    assertThat(tracker.getActiveJobIds()).as("no Spark job runs on after the cancel").isEmpty();
  }

  @Test
  void wideAggregatesOfAProfileAreCompiled() {
    // a moments pass of eight columns keeps about 175 aggregation buffer fields; above Spark's
    // default of 100 its aggregate ran row by row without generated code
    String sums =
        IntStream.range(0, 60)
            .mapToObj(i -> "var_samp(id + " + i + ")")
            .collect(Collectors.joining(", "));
    Dataset<Row> wide = engine.spark().sql("SELECT " + sums + " FROM range(10)");
    wide.collectAsList();
    assertThat(wide.queryExecution().executedPlan().toString())
        .containsPattern("\\*\\(\\d+\\) HashAggregate");
  }

  @Test
  void adHocSqlIsRefusedWithATypedError() {
    assertThatThrownBy(
            () -> engine.query(ConformanceEngines.TENANT, "SELECT 1", QueryOptions.defaults()))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.ENGINE_OPERATION_UNSUPPORTED);
  }

  @Test
  void aMissingPathIsRejectedAndLeavesNoTable(@TempDir Path dir) {
    String missing = dir.resolve("nothing-here").toUri().toString();

    assertThatThrownBy(
            () ->
                engine.register(
                    ConformanceEngines.TENANT,
                    TableRef.of("engine_missing"),
                    SparkDataset.parquet(missing)))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("nothing-here")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(engine.describe(ConformanceEngines.TENANT, TableRef.of("engine_missing"))).isEmpty();
  }

  @Test
  void csvAndCatalogTablesRegisterToo(@TempDir Path dir) throws Exception {
    TenantId tenant = TenantId.of("engine-csv");
    Path csv = Files.writeString(dir.resolve("small.csv"), "a,b\n1,x\n2,y\n");
    engine.register(tenant, TableRef.of("engine_csv"), SparkDataset.csv(csv.toString()));
    engine.register(
        tenant,
        TableRef.of("engine_view"),
        SparkDataset.catalogTable(engine.namespace(tenant) + ".engine_csv"));

    assertThat(engine.describe(tenant, TableRef.of("engine_view")))
        .get()
        .satisfies(
            info -> {
              assertThat(info.rowCount()).isEqualTo(2);
              assertThat(info.columns())
                  .containsExactly(new ColumnInfo("a", "INT"), new ColumnInfo("b", "STRING"));
            });
    assertThat(engine.unregister(tenant, TableRef.of("engine_view"))).isTrue();
    assertThat(engine.unregister(tenant, TableRef.of("engine_view"))).isFalse();
    assertThat(engine.unregister(tenant, TableRef.of("engine_csv"))).isTrue();
    assertThat(Files.exists(csv)).isTrue();
  }

  @Test
  void aTenantRoutedToSparkByNameGetsNoUploadsAndTheSharedSessionSurvivesTheBox(@TempDir Path dir)
      throws Exception {
    TenantId tenant = TenantId.of("routed-to-spark");
    Path csv = Files.writeString(dir.resolve("rows.csv"), "a\n1\n");
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .settings(Settings.of(Map.of("engine.spark.master", "local[1]")))
            .tenantEngine(tenant, "spark")
            .build()) {
      assertThat(box.engine().engineFor(tenant)).isInstanceOf(SparkEngine.class);
      assertThat(box.engine().engineFor(TenantId.of("someone-else")))
          .isInstanceOf(DuckDbEngine.class);

      assertThatThrownBy(
              () ->
                  new FileIngestService(box)
                      .submitFile(tenant, csv, "rows", LoadOptions.defaults()))
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("spark engine")
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.ENGINE_OPERATION_UNSUPPORTED);
    }
    assertThat(engine.spark().sql("SELECT 1").first().getInt(0))
        .as("the conformance session still runs after the routed engine closed")
        .isEqualTo(1);
  }

  @Test
  void thePluginRegistersTheDatasetsItsSettingsDeclare(@TempDir Path dir) throws Exception {
    Path csv = Files.writeString(dir.resolve("declared.csv"), "a;b\n1;x\n2;y\n3;z\n");
    TenantId tenant = TenantId.of("declared");
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .settings(
                Settings.of(
                    Map.of(
                        "engine.spark.datasets.declared.rows.path", csv.toString(),
                        "engine.spark.datasets.declared.rows.format", "csv",
                        "engine.spark.datasets.declared.rows.option.header", "true",
                        "engine.spark.datasets.declared.rows.option.sep", ";")))
            .tenantEngine(tenant, "spark")
            .build()) {
      assertThat(box.describe(tenant, TableRef.of("rows")))
          .get()
          .satisfies(
              info -> {
                assertThat(info.rowCount()).isEqualTo(3);
                assertThat(info.columns()).extracting(ColumnInfo::name).containsExactly("a", "b");
              });
    }
    assertThatThrownBy(
            () ->
                DataBox.builder()
                    .inMemory()
                    .settings(
                        Settings.of(
                            Map.of(
                                "engine.spark.datasets.declared.broken.path",
                                dir.resolve("missing").toString())))
                    .tenantEngine(tenant, "spark")
                    .build())
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("datasets.declared.broken")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.CONFIG_INVALID);
    assertThatThrownBy(
            () ->
                DataBox.builder()
                    .inMemory()
                    .settings(Settings.of(Map.of("engine.spark.datasets.declared", "x")))
                    .tenantEngine(tenant, "spark")
                    .build())
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("datasets.<tenant>.<table>.path");
  }

  @Test
  void badDatasetDescriptionsAreTypedErrors() {
    assertThatThrownBy(() -> new SparkDataset("xls", "/tmp/x", Map.of()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("xls");
    assertThatThrownBy(() -> new SparkDataset("csv", "/tmp/x", Map.of("bad key')", "1")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("option names");
  }
}
