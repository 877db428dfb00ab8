package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineStoreTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final TableRef REFERENCE = TableRef.of("reference");
  private static final TableRef CURRENT = TableRef.of("current");
  private static final String DATASET = "weather";
  private static final Instant START = Instant.parse("2025-03-01T08:00:00.123456789Z");

  @TempDir Path storage;

  private MutableClock clock;
  private DataBox box;
  private BaselineStore store;
  private final DriftService service = new DriftService();

  @BeforeEach
  void open() {
    clock = new MutableClock(START);
    box = DataBox.builder().storageRoot(storage).clock(clock).eventSinks(List.of()).build();
    store = new BaselineStore(box);
    TestTables.loadCsv(box, TENANT, "seattle-weather.csv", "weather");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE reference AS SELECT * FROM weather WHERE date < DATE '2014-01-01'");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE current AS SELECT * FROM weather WHERE date >= DATE '2014-01-01'");
  }

  @AfterEach
  void close() {
    box.close();
  }

  private DriftResult againstBaseline(DriftRequest.Builder builder) {
    return service.run(box, TENANT, builder.build());
  }

  @Test
  void aBaselineGivesTheSameStatisticsAsItsReferenceTable() {
    store.save(TENANT, DATASET, REFERENCE);

    for (StatTest test :
        List.of(
            StatTest.KS,
            StatTest.WASSERSTEIN,
            StatTest.JENSEN_SHANNON,
            StatTest.PSI,
            StatTest.KL_DIV,
            StatTest.HELLINGER,
            StatTest.CHISQUARE,
            StatTest.ANDERSON,
            StatTest.CRAMER_VON_MISES,
            StatTest.MANN_WHITNEY,
            StatTest.T_TEST,
            StatTest.ENERGY_DISTANCE)) {
      DriftRequest.Builder options =
          test.numericOnly()
              ? DriftRequest.againstBaseline(DATASET, CURRENT).numericStattest(test)
              : DriftRequest.againstBaseline(DATASET, CURRENT).stattest(test);
      DriftResult fromBaseline = againstBaseline(options);
      DriftRequest.Builder tableOptions =
          test.numericOnly()
              ? DriftRequest.between(REFERENCE, CURRENT).numericStattest(test)
              : DriftRequest.between(REFERENCE, CURRENT).stattest(test);
      DriftResult fromTable = service.run(box, TENANT, tableOptions.build());

      assertThat(fromBaseline.columns()).hasSameSizeAs(fromTable.columns()).hasSize(6);
      for (ColumnDrift expected : fromTable.columns()) {
        ColumnDrift actual = fromBaseline.column(expected.column());
        assertThat(actual.stattest()).isEqualTo(expected.stattest());
        assertThat(actual.statistic())
            .as(test + " " + expected.column())
            .isEqualTo(expected.statistic());
        assertThat(actual.pValue()).isEqualTo(expected.pValue());
        assertThat(actual.drifted()).isEqualTo(expected.drifted());
        assertThat(actual.approximate()).isFalse();
        assertThat(actual.reference()).isEqualTo(expected.reference());
        assertThat(actual.distribution()).isEqualTo(expected.distribution());
      }
      assertThat(fromBaseline.reference()).isEqualTo("baseline:weather@1");
    }
  }

  @Test
  void savesAreVersionedAndListed() {
    BaselineInfo first = store.save(TENANT, DATASET, REFERENCE);
    clock.advance(Duration.ofHours(1));
    BaselineInfo second =
        store.save(TENANT, DATASET, CURRENT, List.of("wind", "weather"), Map.of());

    assertThat(first.version()).isEqualTo(1);
    assertThat(second.version()).isEqualTo(2);
    assertThat(first.createdAt()).isEqualTo(Instant.parse("2025-03-01T08:00:00.123456Z"));
    assertThat(store.list(TENANT, DATASET)).containsExactly(first, second);
    Baseline latest = store.latest(TENANT, DATASET).orElseThrow();
    assertThat(latest.info()).isEqualTo(second);
    assertThat(latest.info().columns())
        .extracting(BaselineInfo.Column::name)
        .containsExactly("wind", "weather");
    assertThat(latest.summary("wind").count()).isEqualTo(730);
    assertThat(store.version(TENANT, DATASET, 1).orElseThrow().info().columns())
        .extracting(BaselineInfo.Column::name)
        .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
    assertThat(store.list(TENANT, "other")).isEmpty();
    assertThat(store.latest(TENANT, "other")).isEmpty();
  }

  @Test
  void schemaChangesAgainstABaselineAreReportedNeverFatal() {
    store.save(TENANT, DATASET, REFERENCE);
    TestTables.execute(box, TENANT, "ALTER TABLE current DROP COLUMN temp_min");
    TestTables.execute(box, TENANT, "ALTER TABLE current ADD COLUMN humidity DOUBLE");
    TestTables.execute(box, TENANT, "ALTER TABLE current ALTER wind TYPE DECIMAL(6,2)");
    TestTables.execute(box, TENANT, "ALTER TABLE current ALTER temp_max TYPE VARCHAR");

    DriftResult result = againstBaseline(DriftRequest.againstBaseline(DATASET, CURRENT));

    assertThat(result.schemaChanges())
        .containsExactlyInAnyOrder(
            new SchemaChange("temp_min", SchemaChange.Change.DROPPED, "DOUBLE", null),
            new SchemaChange("wind", SchemaChange.Change.RETYPED, "DOUBLE", "DECIMAL(6,2)"),
            new SchemaChange("temp_max", SchemaChange.Change.RETYPED, "DOUBLE", "VARCHAR"),
            new SchemaChange("humidity", SchemaChange.Change.ADDED, null, "DOUBLE"));
    // still numeric on both sides: compared
    assertThat(result.column("wind").stattest()).isEqualTo(StatTest.KS);
    // numbers became text: not comparable with the stored numbers, reported as skipped
    assertThat(result.skippedColumns())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.column()).isEqualTo("temp_max");
              assertThat(s.reason()).contains("save a new baseline");
            });
    assertThat(result.columns())
        .extracting(ColumnDrift::column)
        .containsExactly("date", "precipitation", "wind", "weather");
  }

  @Test
  void refreshEveryTwoRunsSavesTheCurrentTableAsANewVersion() {
    store.save(TENANT, DATASET, REFERENCE);
    DriftRequest.Builder request =
        DriftRequest.againstBaseline(DATASET, CURRENT).refresh(RefreshPolicy.everyRuns(2));

    DriftResult first = againstBaseline(request);
    DriftResult second = againstBaseline(request);
    DriftResult third = againstBaseline(request);

    assertThat(first.baseline())
        .isEqualTo(new BaselineUse(DATASET, 1, first.baseline().createdAt(), 1, null));
    assertThat(second.baseline().runs()).isEqualTo(2);
    assertThat(second.baseline().refreshedVersion()).isEqualTo(2);
    assertThat(third.baseline().version()).isEqualTo(2);
    assertThat(third.baseline().runs()).isEqualTo(1);
    // the new version holds the current table: comparing it with itself shows no drift
    assertThat(third.numberOfDriftedColumns()).isZero();
    assertThat(third.datasetDrift()).isFalse();
    assertThat(store.list(TENANT, DATASET)).extracting(BaselineInfo::version).containsExactly(1, 2);
  }

  @Test
  void refreshOfAnOldVersionHappensOnTheNextRunAndOldVersionsArePruned() {
    store.save(TENANT, DATASET, REFERENCE);
    DriftRequest.Builder request =
        DriftRequest.againstBaseline(DATASET, CURRENT)
            .refresh(RefreshPolicy.olderThan(Duration.ofDays(7)).withKeepVersions(2));

    DriftResult young = againstBaseline(request);
    clock.advance(Duration.ofDays(8));
    DriftResult old = againstBaseline(request);
    clock.advance(Duration.ofDays(8));
    againstBaseline(request);

    assertThat(young.baseline().refreshedVersion()).isNull();
    assertThat(old.baseline().refreshedVersion()).isEqualTo(2);
    assertThat(store.list(TENANT, DATASET)).extracting(BaselineInfo::version).containsExactly(2, 3);
    assertThat(store.version(TENANT, DATASET, 1)).isEmpty();
  }

  @Test
  void manyDistinctValuesAreSketchedAndMarkedApproximate() {
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE wide_ref AS SELECT i / 7.0 AS x, 'c' || (i % 40) AS c FROM range(5000) t(i)");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE wide_cur AS SELECT i / 6.5 AS x, 'c' || (i % 45) AS c FROM range(4000) t(i)");
    BaselineStore small = new BaselineStore(box, new BaselineOptions(1000, 200, 30));
    small.save(TENANT, "wide", TableRef.of("wide_ref"));

    Baseline baseline = small.latest(TENANT, "wide").orElseThrow();
    assertThat(baseline.approximate("x")).isTrue();
    assertThat(baseline.approximate("c")).isTrue();
    assertThat(baseline.summary("x").distinct()).isEqualTo(5000);
    DriftResult sketched =
        service.run(
            box,
            TENANT,
            DriftRequest.againstBaseline("wide", TableRef.of("wide_cur"))
                .numericStattest(StatTest.KS)
                .build());
    DriftResult exact =
        service.run(
            box,
            TENANT,
            DriftRequest.between(TableRef.of("wide_ref"), TableRef.of("wide_cur"))
                .numericStattest(StatTest.KS)
                .build());

    ColumnDrift x = sketched.column("x");
    assertThat(x.approximate()).isTrue();
    // one sketch group holds at most about 1/200 of the values
    assertThat(x.statistic()).isCloseTo(exact.column("x").statistic(), within(2.0 / 200));
    assertThat(x.reference()).isEqualTo(exact.column("x").reference());
    assertThat(sketched.column("c").approximate()).isTrue();
  }

  @Test
  void userSqlCannotReadTheBaselineSchema() {
    store.save(TENANT, DATASET, REFERENCE);

    assertThatThrownBy(() -> box.query(TENANT, "SELECT * FROM udb_meta.drift_baseline"))
        .isInstanceOf(SqlRejectedException.class);
  }

  @Test
  void driftAgainstAMissingBaselineIsAClearError() {
    assertThatThrownBy(() -> againstBaseline(DriftRequest.againstBaseline("nothing", CURRENT)))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("No baseline is saved for dataset 'nothing'");
    assertThatThrownBy(() -> store.save(TENANT, " ", REFERENCE))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("dataset name");
  }
}
