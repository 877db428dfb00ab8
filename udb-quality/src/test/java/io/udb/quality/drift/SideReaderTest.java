package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading sides together in one statement, and numeric sides as raw values sorted in the JVM, must
 * give exactly the result of reading every side alone by its own {@code GROUP BY}.
 */
class SideReaderTest {
  private static final TenantId TENANT = TenantId.of("sides");

  @TempDir Path storage;

  private DataBox box;

  @BeforeEach
  void open() {
    box = DataBox.builder().storageRoot(storage).eventSinks(List.of()).build();
  }

  @AfterEach
  void close() {
    box.close();
  }

  @Test
  void birdStrikesReadTogetherAndAsRawValuesMatchReadingOneSideAtATime() {
    TestTables.loadCsv(box, TENANT, "birdstrikes.csv", "strikes");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE early AS SELECT * FROM strikes WHERE \"Flight Date\" < DATE '1995-01-01'");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE late AS SELECT * FROM strikes WHERE \"Flight Date\" >= DATE '1995-01-01'");
    DriftRequest request = DriftRequest.between(TableRef.of("early"), TableRef.of("late")).build();
    // every numeric side raw, whatever its size and share of distinct values
    SideReader.Limits eager = new SideReader.Limits(1_000_000, 64, 0, 4_000_000, 0.0);

    Reading fast = compare("early", "late", request, eager);
    Reading alone = compare("early", "late", request, SideReader.Limits.ONE_AT_A_TIME);

    assertThat(Json.write(fast.result().toJson())).isEqualTo(Json.write(alone.result().toJson()));
    // four numeric columns (costs and speed) raw on both sides, the ten others together
    assertThat(fast.rawSides()).isEqualTo(8);
    assertThat(fast.batchedSides()).isEqualTo(20);
    assertThat(alone.rawSides()).isZero();
    assertThat(alone.batchedSides()).isZero();
    assertThat(fast.result().columns()).hasSize(14);
  }

  @Test
  void edgeCasesReadWithTheDefaultLimitsMatchReadingOneSideAtATime() {
    generateEdgeCases();
    DriftRequest request =
        DriftRequest.between(TableRef.of("edge_ref"), TableRef.of("edge_cur")).build();

    Reading fast = compare("edge_ref", "edge_cur", request, SideReader.Limits.DEFAULT);
    Reading alone = compare("edge_ref", "edge_cur", request, SideReader.Limits.ONE_AT_A_TIME);

    assertThat(Json.write(fast.result().toJson())).isEqualTo(Json.write(alone.result().toJson()));
    // the three nearly unique numeric columns raw, the five others together
    assertThat(fast.rawSides()).isEqualTo(6);
    assertThat(fast.batchedSides()).isEqualTo(10);
    ColumnDrift weird = column(fast.result(), "we\"ird");
    // NULL, NaN and both infinities are missing, the non-finite ones also counted as invalid
    assertThat(weird.reference().missing()).isEqualTo(missingOfWeird());
    assertThat(weird.reference().invalid()).isEqualTo(invalidOfWeird());
    assertThat(weird.current().missing()).isEqualTo(missingOfWeird());
    assertThat(fast.result().skippedColumns())
        .singleElement()
        .satisfies(s -> assertThat(s.column()).isEqualTo("empty"));
  }

  @Test
  void sketchedSidesUseTheEstimatesReadAheadAndMatchReadingOneSideAtATime() {
    generateEdgeCases();
    DriftRequest request =
        DriftRequest.between(TableRef.of("edge_ref"), TableRef.of("edge_cur"))
            .approximateAbove(1_000)
            .build();

    Reading fast = compare("edge_ref", "edge_cur", request, SideReader.Limits.DEFAULT);
    Reading alone = compare("edge_ref", "edge_cur", request, SideReader.Limits.ONE_AT_A_TIME);

    assertThat(fast.result().columns()).hasSameSizeAs(alone.result().columns());
    for (int i = 0; i < alone.result().columns().size(); i++) {
      assertSameSketch(fast.result().columns().get(i), alone.result().columns().get(i));
    }
    assertThat(fast.rawSides()).isZero();
    // amount and big sketched in cells between DuckDB's stored bounds, with the five small columns;
    // we"ird's stored maximum is infinite and the all-NULL column has no estimate, so both are
    // sketched on their own
    assertThat(fast.batchedSides()).isEqualTo(12);
    assertThat(column(fast.result(), "amount").approximate()).isTrue();
    assertThat(column(fast.result(), "lev\"el").approximate()).isFalse();
  }

  @Test
  void aBaselineSavedThroughTheReaderGivesTheDriftOfItsTable() {
    generateEdgeCases();
    // every column has fewer than 50,000 distinct values, so the baseline keeps them exactly
    new BaselineStore(box).save(TENANT, "edge", TableRef.of("edge_ref"));

    DriftResult againstTable =
        new DriftService()
            .run(
                box,
                TENANT,
                DriftRequest.between(TableRef.of("edge_ref"), TableRef.of("edge_cur")).build());
    DriftResult againstBaseline =
        new DriftService()
            .run(
                box, TENANT, DriftRequest.againstBaseline("edge", TableRef.of("edge_cur")).build());

    assertThat(Json.write(againstBaseline.toJson().get("columns")))
        .isEqualTo(Json.write(againstTable.toJson().get("columns")));
    assertThat(againstBaseline.columns()).hasSize(7);
  }

  /**
   * Two tables of 30,000 rows: nearly unique DOUBLE (with NULL, NaN, both infinities and both
   * zeros), DECIMAL and BIGINT columns; a small integer column and text, boolean, date and all-NULL
   * columns; quoted names.
   */
  private void generateEdgeCases() {
    for (int side = 0; side < 2; side++) {
      TestTables.execute(
          box,
          TENANT,
          "CREATE OR REPLACE TABLE "
              + (side == 0 ? "edge_ref" : "edge_cur")
              + " AS SELECT "
              + "CASE WHEN i % 101 = 0 THEN NULL WHEN i % 103 = 0 THEN 'NaN'::DOUBLE"
              + " WHEN i % 107 = 0 THEN 'inf'::DOUBLE WHEN i % 109 = 0 THEN '-inf'::DOUBLE"
              + " WHEN i % 113 = 0 THEN -0.0::DOUBLE WHEN i % 127 = 0 THEN 0.0::DOUBLE"
              + " ELSE (hash(i) % 1000000) / 7.0 - 50000 + "
              + (side * 900)
              + " END AS \"we\"\"ird\", "
              + "CAST((hash(i * 3) % 100000000) / 1000.0 AS DECIMAL(18, 3)) AS amount, "
              + "CAST(hash(i * 5) % 9000000000000000000 AS BIGINT) - 4500000000000000000 AS big, "
              + "(i + "
              + side
              + ") % 7 AS \"lev\"\"el\", "
              + "CASE WHEN i % 11 = 0 THEN NULL ELSE ['x', 'y', 'z'][(i + "
              + side
              + ") % 3 + 1] END AS cat, "
              + "i % 2 = 0 AS flag, "
              + "DATE '2020-01-01' + CAST(i % 400 AS INTEGER) AS day, "
              + "CAST(NULL AS DOUBLE) AS empty "
              + "FROM range(30000) t(i)");
    }
  }

  /** Rows of the generated tables whose {@code we"ird} value is NULL, NaN or infinite. */
  private static long missingOfWeird() {
    long missing = 0;
    for (int i = 0; i < 30_000; i++) {
      if (i % 101 == 0 || i % 103 == 0 || i % 107 == 0 || i % 109 == 0) {
        missing++;
      }
    }
    return missing;
  }

  /** Rows of the generated tables whose {@code we"ird} value is NaN or infinite. */
  private static long invalidOfWeird() {
    long invalid = 0;
    for (int i = 0; i < 30_000; i++) {
      if (i % 101 != 0 && (i % 103 == 0 || i % 107 == 0 || i % 109 == 0)) {
        invalid++;
      }
    }
    return invalid;
  }

  /**
   * The same column drift, read in cells between stored bounds or sketched on its own: the same
   * cells, so the same distribution, quantiles, extremes and counts; the mean and standard
   * deviation combined from the cells instead of aggregated over the values (equal to rounding);
   * the distinct count the engine's stored estimate instead of a HyperLogLog count.
   */
  private static void assertSameSketch(ColumnDrift fast, ColumnDrift alone) {
    if (!alone.approximate()) {
      assertThat(Json.write(fast.toJson())).isEqualTo(Json.write(alone.toJson()));
      return;
    }
    assertThat(fast.approximate()).isTrue();
    assertThat(fast.drifted()).isEqualTo(alone.drifted());
    assertThat(fast.statistic()).isCloseTo(alone.statistic(), within(1e-12));
    assertThat(Json.write(fast.distribution().toJson()))
        .isEqualTo(Json.write(alone.distribution().toJson()));
    for (ColumnSummary[] sides :
        List.of(
            new ColumnSummary[] {fast.reference(), alone.reference()},
            new ColumnSummary[] {fast.current(), alone.current()})) {
      ColumnSummary cells = sides[0];
      ColumnSummary own = sides[1];
      assertThat(cells)
          .usingRecursiveComparison()
          .comparingOnlyFields("rows", "count", "missing", "invalid", "min", "max", "quantiles")
          .isEqualTo(own);
      assertThat(cells.mean()).isCloseTo(own.mean(), within(1e-12 * Math.abs(own.mean())));
      assertThat(cells.std()).isCloseTo(own.std(), within(1e-12 * own.std()));
      assertThat((double) cells.distinct())
          .isCloseTo(own.distinct(), within(0.05 * own.distinct()));
    }
  }

  private static ColumnDrift column(DriftResult result, String name) {
    return result.columns().stream().filter(c -> c.column().equals(name)).findFirst().orElseThrow();
  }

  private record Reading(DriftResult result, int batchedSides, int rawSides) {}

  private Reading compare(
      String reference, String current, DriftRequest request, SideReader.Limits limits) {
    TableInfo ref = box.describe(TENANT, TableRef.of(reference)).orElseThrow();
    TableInfo cur = box.describe(TENANT, TableRef.of(current)).orElseThrow();
    try (SqlSession session = box.openSession(TENANT)) {
      SideReader reader =
          new SideReader(session, request.approximateAbove(), ForkJoinPool.commonPool(), limits);
      DriftResult result =
          new DriftCalculator(fraction -> {}, () -> {})
              .compare(
                  session,
                  ReferenceSource.table(ref, session.dialect()),
                  cur,
                  request,
                  null,
                  reader);
      return new Reading(result, reader.batchedSides(), reader.rawSides());
    }
  }
}
