package io.udb.quality;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import io.udb.core.engine.EngineSettings;
import io.udb.core.observe.UdbMetrics;
import io.udb.quality.check.Bound;
import io.udb.quality.check.CheckResult;
import io.udb.quality.check.CheckStatus;
import io.udb.quality.check.Checks;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityReport;
import io.udb.quality.check.QualityService;
import io.udb.quality.drift.BaselineInfo;
import io.udb.quality.drift.BaselineStore;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftResult;
import io.udb.quality.drift.DriftService;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A tenant on the default engine with one dataset routed to an engine of its own ({@code
 * DataBoxBuilder.datasetEngine}): profiles, checks, suggestions, classification and baselines read
 * the dataset there, while the tenant's state stays on its own engine. The second engine is another
 * embedded DuckDB, so the routing is tested without Spark (udb-spark tests it with Spark).
 */
class DatasetEngineRoutingTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final TableRef CARS = TableRef.of("cars");
  private static final TableRef LOCAL_CARS = TableRef.of("local_cars");

  private DuckDbEngine lake;
  private DataBox box;

  @BeforeEach
  void open() throws Exception {
    lake = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .datasetEngine(TENANT, CARS, lake)
            .build();
    load(lake, "cars", "");
    // the tenant's own table: Europe's cars only, and a table of allowed origins
    load((DuckDbEngine) box.engine().engineFor(TENANT), "local_cars", " WHERE Origin = 'Europe'");
    try (SqlSession session = box.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE origins AS SELECT * FROM (VALUES ('USA'), ('Europe'), ('Japan')) v(name)",
          List.of());
    }
  }

  @AfterEach
  void close() {
    box.close();
  }

  /** Loads testdata/cars.csv (406 cars) into a table of the tenant on an engine. */
  private static void load(DuckDbEngine engine, String table, String where) throws Exception {
    Path copy = engine.spoolDirectory(TENANT).resolve("cars.csv");
    Files.createDirectories(copy.getParent());
    Files.copy(testdata("cars.csv"), copy, StandardCopyOption.REPLACE_EXISTING);
    try (SqlSession session = engine.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE "
              + table
              + " AS SELECT * FROM read_csv(?, header = true, auto_detect = true)"
              + where,
          List.of(copy.toString()));
    }
  }

  private static Path testdata(String name) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("testdata/README.md"))) {
        return dir.resolve("testdata").resolve(name);
      }
    }
    throw new IllegalStateException("testdata/README.md not found above the working directory");
  }

  private static boolean hasTable(DuckDbEngine engine, String schema, String table) {
    try (SqlSession session = engine.openSession(TENANT)) {
      return ((Number)
                  session
                      .query(
                          "SELECT count(*) FROM duckdb_tables() WHERE schema_name = ?"
                              + " AND table_name = ?",
                          List.of(schema, table))
                      .rows()
                      .get(0)
                      .get(0))
              .longValue()
          > 0;
    }
  }

  private DuckDbEngine own() {
    return (DuckDbEngine) box.engine().engineFor(TENANT);
  }

  @Test
  void profilesReadTheDatasetOnItsEngineAndCompareItWithATableOfTheTenants() {
    Profiler profiler = new Profiler();
    Job profile =
        box.awaitJob(
            TENANT,
            profiler.submit(box, TENANT, CARS, ProfileOptions.defaults()).id(),
            Duration.ofMinutes(1));
    assertThat(profile.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(((Number) profile.result().get("rowCount")).longValue()).isEqualTo(406);

    Job comparison =
        box.awaitJob(
            TENANT,
            profiler
                .submitComparison(box, TENANT, CARS, LOCAL_CARS, ProfileOptions.defaults())
                .id(),
            Duration.ofMinutes(1));
    assertThat(comparison.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(((Number) comparison.result().get("rowCountChange")).longValue())
        .isEqualTo(73 - 406);
  }

  @Test
  void checksRunOnTheDatasetsEngineAndKeepTheirHistoryWithTheTenant() {
    QualityReport report =
        new QualityService()
            .run(
                box,
                TENANT,
                CARS,
                Checks.on("cars")
                    .isComplete("Name")
                    .hasRowCount(Bound.eq(406))
                    .satisfies("weighs something", "Weight_in_lbs > 0")
                    .satisfies("light", "Weight_in_lbs < 2000")
                    .referencesTable("Origin", "origins", "name")
                    .build(),
                QualityOptions.defaults());

    assertThat(report.rowCount()).isEqualTo(406);
    assertThat(report.checks().subList(0, 4))
        .extracting(CheckResult::status)
        .containsExactly(
            CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.PASSED, CheckStatus.FAILED);
    assertThat(report.checks().get(3).failingRows())
        .as("counted on the lake's guarded path: more rows than the tenant's own 73-row table has")
        .isEqualTo(362);
    assertThat(report.checks().get(3).failingRowsSample().rows()).isNotEmpty();
    CheckResult references = report.checks().get(4);
    assertThat(references.status()).isEqualTo(CheckStatus.ERROR);
    assertThat(references.message())
        .contains("'origins' is served by the duckdb engine")
        .contains("referential integrity compares two tables of one engine");

    assertThat(hasTable(own(), "udb_meta", "metric_history"))
        .as("check history is the tenant's state")
        .isTrue();
    assertThat(hasTable(lake, "udb_meta", "metric_history")).isFalse();
  }

  @Test
  void suggestionsAndClassificationReadTheDatasetOnItsEngine() {
    assertThat(new QualityService().suggest(box, TENANT, CARS).suite().checks()).isNotEmpty();

    assertThat(box.security().classifications().classify(TENANT, CARS).columns())
        .containsKeys("Name", "Origin");
    assertThat(box.security().classifications().find(TENANT, CARS)).isPresent();
    assertThat(hasTable(lake, "udb_meta", "column_classification")).isFalse();
    assertThatThrownBy(
            () -> box.security().classifications().classify(TENANT, TableRef.of("no_such_table")))
        .isInstanceOf(UdbException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.TABLE_NOT_FOUND);
  }

  @Test
  void aBaselineOfTheDatasetIsKeptWithTheTenantAndDriftIsTestedAgainstIt() {
    DriftService drift = new DriftService();
    assertThatThrownBy(() -> drift.run(box, TENANT, DriftRequest.between(LOCAL_CARS, CARS).build()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("are served by different engines")
        .hasMessageContaining("save a baseline of local_cars")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);

    BaselineStore baselines = new BaselineStore(box);
    BaselineInfo saved = baselines.save(TENANT, "cars", CARS);
    assertThat(saved.columns()).hasSize(9);
    assertThat(hasTable(own(), "udb_meta", "drift_baseline")).isTrue();
    assertThat(hasTable(lake, "udb_meta", "drift_baseline")).isFalse();

    DriftResult same = drift.run(box, TENANT, DriftRequest.againstBaseline("cars", CARS).build());
    assertThat(same.numberOfColumns()).isEqualTo(9);
    assertThat(same.numberOfDriftedColumns()).isZero();

    DriftResult europe =
        drift.run(box, TENANT, DriftRequest.againstBaseline("cars", LOCAL_CARS).build());
    assertThat(europe.column("Origin").drifted())
        .as("a baseline from the lake compared with the tenant's own table")
        .isTrue();
    assertThat(europe.current()).isEqualTo("local_cars");
    assertThat(same.current()).isEqualTo("cars");
  }
}
