package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftServiceTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final TableRef REFERENCE = TableRef.of("ref");
  private static final TableRef CURRENT = TableRef.of("cur");

  @TempDir Path storage;

  private CountingMetrics metrics;
  private DataBox box;
  private final DriftService service = new DriftService();

  @BeforeEach
  void open() {
    metrics = new CountingMetrics();
    box = DataBox.builder().storageRoot(storage).metrics(metrics).eventSinks(List.of()).build();
  }

  @AfterEach
  void close() {
    box.close();
  }

  /**
   * Two generated tables of {@code rows} rows: in the current one {@code amount} is shifted by 40
   * and {@code cat} is a, b, c in proportions 2:2:1 instead of 1:1:1; the other columns match.
   */
  private void generate(int rows) {
    String columns =
        "i, (i %% 997) * 0.5 + %s AS amount, i %% 4 AS level, i %% 2 AS pair,"
            + " ['a', 'b', 'c'][%s + 1] AS cat, i %% 2 = 0 AS flag";
    TestTables.execute(
        box,
        TENANT,
        "CREATE OR REPLACE TABLE ref AS SELECT "
            + String.format(columns, "0", "i % 3")
            + " FROM range("
            + rows
            + ") t(i)");
    TestTables.execute(
        box,
        TENANT,
        "CREATE OR REPLACE TABLE cur AS SELECT "
            + String.format(columns, "40", "i % 5 % 3")
            + " FROM range("
            + rows
            + ") t(i)");
  }

  private DriftResult compare() {
    return service.run(box, TENANT, DriftRequest.between(REFERENCE, CURRENT).build());
  }

  private static Map<String, StatTest> chosenTests(DriftResult result) {
    Map<String, StatTest> chosen = new LinkedHashMap<>();
    result.columns().forEach(c -> chosen.put(c.column(), c.stattest()));
    return chosen;
  }

  @Test
  void largeReferencesGetNormedWassersteinAndJensenShannon() {
    generate(3000);

    DriftResult result = compare();

    assertThat(chosenTests(result))
        .containsExactly(
            Map.entry("i", StatTest.WASSERSTEIN),
            Map.entry("amount", StatTest.WASSERSTEIN),
            Map.entry("level", StatTest.JENSEN_SHANNON),
            Map.entry("pair", StatTest.JENSEN_SHANNON),
            Map.entry("cat", StatTest.JENSEN_SHANNON),
            Map.entry("flag", StatTest.JENSEN_SHANNON));
    assertThat(result.column("i").drifted()).isFalse();
    assertThat(result.column("amount").drifted()).isTrue();
    assertThat(result.column("amount").statistic()).isGreaterThan(0.1);
    assertThat(result.column("cat").drifted()).isTrue();
    assertThat(result.column("flag").drifted()).isFalse();
    assertThat(result.numberOfDriftedColumns()).isEqualTo(2);
    assertThat(result.datasetDrift()).isFalse();
  }

  @Test
  void smallReferencesGetKsChiSquareAndZ() {
    generate(1000);

    DriftResult result = compare();

    assertThat(chosenTests(result))
        .containsExactly(
            Map.entry("i", StatTest.KS),
            Map.entry("amount", StatTest.KS),
            Map.entry("level", StatTest.CHISQUARE),
            Map.entry("pair", StatTest.Z),
            Map.entry("cat", StatTest.CHISQUARE),
            Map.entry("flag", StatTest.Z));
    assertThat(result.column("level").kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(result.column("flag").kind()).isEqualTo(ColumnKind.CATEGORICAL);
  }

  @Test
  void thresholdsAndDriftShareAreConfigurable() {
    generate(3000);

    DriftResult result =
        service.run(
            box,
            TENANT,
            DriftRequest.between(REFERENCE, CURRENT)
                .columns(List.of("amount", "cat", "flag"))
                .threshold(0.001)
                .columnThreshold("amount", 1000)
                .driftShare(0.3)
                .build());

    assertThat(result.column("amount").threshold()).isEqualTo(1000);
    assertThat(result.column("amount").drifted()).isFalse();
    assertThat(result.column("flag").threshold()).isEqualTo(0.001);
    assertThat(result.numberOfDriftedColumns()).isEqualTo(1);
    assertThat(result.driftShare()).isEqualTo(1 / 3.0);
    assertThat(result.datasetDrift()).isTrue();
  }

  @Test
  void aJobWritesJsonAndHtmlArtifactsAndCountsTheRun() throws IOException {
    generate(1000);

    Job job = service.submit(box, TENANT, DriftRequest.between(REFERENCE, CURRENT).build());
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofSeconds(60));

    assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(done.type().name()).isEqualTo("drift");
    assertThat(done.result())
        .containsKeys("datasetDrift", "driftShare", "numberOfDriftedColumns", "columns");
    List<String> artifacts =
        box.manifest(TENANT, job.id()).orElseThrow().artifacts().stream()
            .map(a -> a.name().value())
            .toList();
    assertThat(artifacts).contains("drift.json", "drift.html");
    Map<String, Object> json = Json.readObject(read(job, "drift.json"));
    assertThat(json.get("numberOfDriftedColumns"))
        .isEqualTo(done.result().get("numberOfDriftedColumns"));
    @SuppressWarnings("unchecked") // JSON array of objects
    List<Map<String, Object>> columns = (List<Map<String, Object>>) json.get("columns");
    assertThat(columns.get(0))
        .containsKeys("column", "kind", "stattest", "statistic", "pValue", "threshold", "drifted");
    String html = read(job, "drift.html");
    assertThat(html).startsWith("<!DOCTYPE html>").contains("<svg", "amount", "chisquare");
    assertThat(metrics.count(DriftService.RUNS_METRIC, "status", "succeeded")).isEqualTo(1.0);
  }

  @Test
  void aJobOnAMissingTableFailsAndIsCountedAsFailed() {
    generate(10);

    Job job =
        service.submit(
            box, TENANT, DriftRequest.between(REFERENCE, TableRef.of("missing")).build());
    Job done = box.awaitJob(TENANT, job.id(), Duration.ofSeconds(60));

    assertThat(done.state()).isEqualTo(JobState.FAILED);
    assertThat(done.error().code()).isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    assertThat(metrics.count(DriftService.RUNS_METRIC, "status", "failed")).isEqualTo(1.0);
    assertThatThrownBy(
            () ->
                service.run(
                    box, TENANT, DriftRequest.between(TableRef.of("nope"), CURRENT).build()))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void aMissingTableIsNamedTheCurrentOneFirstAndAViewOrANameInAnotherCaseIsNoTable() {
    generate(10);
    TestTables.execute(box, TENANT, "CREATE VIEW ref_view AS SELECT * FROM ref");

    assertThatThrownBy(
            () ->
                service.run(
                    box,
                    TENANT,
                    DriftRequest.between(TableRef.of("gone"), TableRef.of("missing")).build()))
        .isInstanceOf(NotFoundException.class)
        .hasMessage("Table missing does not exist")
        .extracting(e -> ((NotFoundException) e).code())
        .isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    assertThatThrownBy(
            () ->
                service.run(
                    box, TENANT, DriftRequest.between(TableRef.of("gone"), CURRENT).build()))
        .hasMessage("Table gone does not exist");
    assertThatThrownBy(
            () ->
                service.run(
                    box, TENANT, DriftRequest.between(TableRef.of("ref_view"), CURRENT).build()))
        .hasMessage("Table ref_view does not exist");
    assertThatThrownBy(
            () ->
                service.run(
                    box, TENANT, DriftRequest.between(REFERENCE, TableRef.of("CUR")).build()))
        .hasMessage("Table CUR does not exist");
    assertThat(compare().numberOfColumns())
        .as("the failed statements left the tenant's sessions usable")
        .isEqualTo(6);
  }

  @Test
  void distanceTestsHaveNullPValuesInJson() {
    generate(3000);

    Map<String, Object> json = compare().column("amount").toJson();

    assertThat(json).containsEntry("stattest", "wasserstein").containsEntry("pValue", null);
    assertThat(json.get("statistic")).isInstanceOf(Double.class);
  }

  @Test
  void schemaDifferencesBetweenTablesAreReportedNotFatal() {
    generate(100);
    TestTables.execute(box, TENANT, "ALTER TABLE cur DROP COLUMN level");
    TestTables.execute(box, TENANT, "ALTER TABLE cur ADD COLUMN extra INTEGER");
    TestTables.execute(box, TENANT, "ALTER TABLE cur ALTER pair TYPE VARCHAR");

    DriftResult result = compare();

    assertThat(result.schemaChanges())
        .containsExactlyInAnyOrder(
            new SchemaChange("level", SchemaChange.Change.DROPPED, "BIGINT", null),
            new SchemaChange("pair", SchemaChange.Change.RETYPED, "BIGINT", "VARCHAR"),
            new SchemaChange("extra", SchemaChange.Change.ADDED, null, "INTEGER"));
    assertThat(result.column("pair").kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(result.columns()).extracting(ColumnDrift::column).doesNotContain("level", "extra");
  }

  @Test
  void aColumnOfDifferentNumericTypesOnTheTwoSidesComparesItsValues() {
    generate(3000);
    // level is BIGINT 0..3 on both sides; as DOUBLE in the current table its values stay equal
    TestTables.execute(box, TENANT, "ALTER TABLE cur ALTER level TYPE DOUBLE");

    ColumnDrift level = compare().column("level");

    assertThat(level.kind()).isEqualTo(ColumnKind.NUMERIC);
    assertThat(level.statistic()).isCloseTo(0.0, within(1e-12));
    assertThat(level.drifted()).isFalse();
    assertThat(level.reference().distinct()).isEqualTo(4);
    assertThat(level.current().distinct()).isEqualTo(4);
  }

  @Test
  void columnsWithoutValuesOrOfUnsupportedTypesAreSkipped() {
    generate(100);
    TestTables.execute(box, TENANT, "ALTER TABLE ref ADD COLUMN empty DOUBLE");
    TestTables.execute(box, TENANT, "ALTER TABLE cur ADD COLUMN empty DOUBLE");
    TestTables.execute(box, TENANT, "ALTER TABLE ref ADD COLUMN tags VARCHAR[]");
    TestTables.execute(box, TENANT, "ALTER TABLE cur ADD COLUMN tags VARCHAR[]");

    DriftResult result = compare();

    assertThat(result.skippedColumns())
        .extracting(SkippedColumn::column)
        .containsExactlyInAnyOrder("empty", "tags");
    assertThat(result.numberOfColumns()).isEqualTo(6);
  }

  @Test
  void requestsNamingUnknownColumnsOrImpossibleKindsAreRefused() {
    generate(100);

    assertThatThrownBy(
            () ->
                service.run(
                    box,
                    TENANT,
                    DriftRequest.between(REFERENCE, CURRENT).columns(List.of("nope")).build()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Column 'nope' is not in the reference ref");
    assertThatThrownBy(
            () ->
                service.run(
                    box,
                    TENANT,
                    DriftRequest.between(REFERENCE, CURRENT)
                        .columnKind("cat", ColumnKind.NUMERIC)
                        .build()))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Column 'cat' cannot be compared as numeric");
  }

  @Test
  void theHttpBodyIsReadWithEvidentlyNames() {
    DriftRequest request =
        DriftRequest.fromJson(
            Json.readObject(
                "{\"reference\":\"ref\",\"current\":\"cur\",\"columns\":[\"amount\"],"
                    + "\"stattest\":\"psi\",\"threshold\":0.2,"
                    + "\"perColumnStattest\":{\"amount\":\"ed\"},\"driftShare\":0.25}"));

    assertThat(request.reference()).isEqualTo(REFERENCE);
    assertThat(request.columns()).containsExactly("amount");
    assertThat(request.requestedTest("amount", ColumnKind.NUMERIC))
        .isEqualTo(StatTest.ENERGY_DISTANCE);
    assertThat(request.requestedTest("other", ColumnKind.NUMERIC)).isEqualTo(StatTest.PSI);
    assertThat(request.thresholdFor("amount", StatTest.ENERGY_DISTANCE)).isEqualTo(0.2);
    assertThat(request.driftShare()).isEqualTo(0.25);
    assertThatThrownBy(
            () ->
                DriftRequest.fromJson(Json.readObject("{\"current\":\"cur\",\"stattst\":\"ks\"}")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Unknown drift option 'stattst'");
  }

  @Test
  void theApproximateOptionSketchesOnlyColumnsWithManyDistinctValuesWithinItsBound() {
    // wide: about 20,000 distinct values spread over [0, 142857]; narrow: 50 values
    String columns = "(hash(i * 2 + %s) %% 1000000) / 7.0 + %s AS wide, i %% 50 AS narrow";
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE ref AS SELECT "
            + String.format(columns, "0", "0")
            + " FROM range(20000) t(i)");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE cur AS SELECT "
            + String.format(columns, "1", "5000")
            + " FROM range(20000) t(i)");
    DriftResult exact = compare();

    DriftResult approximate =
        service.run(
            box, TENANT, DriftRequest.between(REFERENCE, CURRENT).approximateAbove(1000).build());

    ColumnDrift wide = approximate.column("wide");
    ColumnDrift wideExact = exact.column("wide");
    assertThat(wide.approximate()).isTrue();
    assertThat(wideExact.approximate()).isFalse();
    // each value moves by less than one cell width of its side; the norm (the reference's std)
    // is the sketch's, within a percent of the exact one here
    double bound =
        1.01
            * (width(wideExact.reference()) + width(wideExact.current()))
            / wideExact.reference().std();
    assertThat(wide.statistic()).isCloseTo(wideExact.statistic(), within(bound));
    assertThat(wide.drifted()).isEqualTo(wideExact.drifted());
    ColumnSummary summary = wide.reference();
    ColumnSummary exactSummary = wideExact.reference();
    assertThat(summary.count()).isEqualTo(exactSummary.count());
    assertThat(summary.min()).isEqualTo(exactSummary.min());
    assertThat(summary.max()).isEqualTo(exactSummary.max());
    assertThat(summary.mean()).isCloseTo(exactSummary.mean(), within(1e-9 * exactSummary.mean()));
    assertThat(summary.std()).isCloseTo(exactSummary.std(), within(1e-9 * exactSummary.std()));
    assertThat(summary.quantiles().get("0.5"))
        .isCloseTo(exactSummary.quantiles().get("0.5"), within(width(exactSummary)));
    assertThat((double) summary.distinct())
        .isCloseTo(exactSummary.distinct(), within(0.1 * exactSummary.distinct()));
    assertThat(approximate.column("narrow")).isEqualTo(exact.column("narrow"));
  }

  private static double width(ColumnSummary side) {
    return ((Double) side.max() - (Double) side.min()) / SketchedSide.CELLS;
  }

  @Test
  void theApproximateOptionIsReadFromJsonAndMustBeAPositiveWholeNumber() {
    String body = "{\"reference\":\"ref\",\"current\":\"cur\",\"approximateAbove\":%s}";

    assertThat(DriftRequest.fromJson(Json.readObject(String.format(body, "50000"))))
        .extracting(DriftRequest::approximateAbove)
        .isEqualTo(50_000L);
    assertThat(DriftRequest.between(REFERENCE, CURRENT).build().approximateAbove()).isNull();
    assertThatThrownBy(() -> DriftRequest.fromJson(Json.readObject(String.format(body, "0"))))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("approximateAbove must be at least 1");
    assertThatThrownBy(() -> DriftRequest.fromJson(Json.readObject(String.format(body, "1.5"))))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("approximateAbove must be a whole number");
  }

  @Test
  void dataValuesAreMaskedForCallersWhoMayNotSeePii() {
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE ref AS SELECT 'user' || (i % 3) || '@example.com' AS email FROM range(30) t(i)");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE cur AS SELECT 'user' || (i % 4) || '@example.com' AS email FROM range(30) t(i)");
    DriftRequest request = DriftRequest.between(REFERENCE, CURRENT).build();
    Principal viewer = Principal.of("v", TENANT, Role.VIEWER);
    Principal admin = Principal.of("a", TENANT, Role.ADMIN);

    ColumnDrift masked = service.run(box, TENANT, request, viewer, null).column("email");
    ColumnDrift raw = service.run(box, TENANT, request, admin, null).column("email");

    assertThat(raw.distribution().labels()).contains("user0@example.com");
    assertThat(raw.current().top()).isEqualTo("user0@example.com");
    assertThat(masked.distribution().labels())
        .hasSameSizeAs(raw.distribution().labels())
        .noneMatch(label -> label.startsWith("user"));
    assertThat(masked.current().top()).doesNotStartWith("user");
    assertThat(String.valueOf(masked.reference().min())).doesNotStartWith("user");
    assertThat(masked.statistic()).isEqualTo(raw.statistic());
    assertThat(service.run(box, TENANT, request).column("email").distribution().labels())
        .isEqualTo(raw.distribution().labels());
  }

  private String read(Job job, String name) throws IOException {
    try (InputStream in =
        box.artifacts().open(TENANT, job.id(), ArtifactName.of(name)).orElseThrow()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
