package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every selectable test on real columns of the Seattle weather data, and its numbers against
 * scipy's (values computed with scipy.stats; the formulas of these tests are the same in scipy
 * 1.10, which Evidently uses).
 */
class StatTestRunnerTest {
  private static final TenantId TENANT = TenantId.of("stattests");
  private static final TableRef REFERENCE = TableRef.of("reference");
  private static final TableRef CURRENT = TableRef.of("current");
  private static final double RELATIVE = 1e-9;

  private static DataBox box;
  private static final DriftService SERVICE = new DriftService();

  @BeforeAll
  static void load() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
    TestTables.loadCsv(box, TENANT, "seattle-weather.csv", "weather");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE reference AS SELECT *, weather = 'rain' AS rainy FROM weather"
            + " WHERE date < DATE '2014-01-01'");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE current AS SELECT *, weather = 'rain' AS rainy FROM weather"
            + " WHERE date >= DATE '2014-01-01'");
    TestTables.execute(
        box, TENANT, "CREATE TABLE y2013 AS SELECT * FROM weather WHERE year(date) = 2013");
    TestTables.execute(
        box, TENANT, "CREATE TABLE y2014 AS SELECT * FROM weather WHERE year(date) = 2014");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE small_x AS SELECT unnest([1.5, 2.25, 3.0, 4.75, 5.5, 7.0, 8.125]) AS v");
    TestTables.execute(
        box,
        TENANT,
        "CREATE TABLE small_y AS SELECT unnest([2.0, 3.5, 4.0, 6.25, 6.5, 9.0, 9.5, 10.0, 11.0])"
            + " AS v");
  }

  @AfterAll
  static void close() {
    box.close();
  }

  private static ColumnDrift run(TableRef ref, TableRef cur, String column, StatTest test) {
    return SERVICE
        .run(
            box,
            TENANT,
            DriftRequest.between(ref, cur)
                .columns(List.of(column))
                .columnStattest(column, test)
                .build())
        .column(column);
  }

  @ParameterizedTest
  @EnumSource(StatTest.class)
  void everyTestGivesFiniteNumbersOrRefusesClearlyOnANumericColumn(StatTest test) {
    if (test == StatTest.FISHER_EXACT) {
      assertThatThrownBy(() -> run(REFERENCE, CURRENT, "temp_max", test))
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("needs a binary column and the column has 67 categories");
      assertThat(run(REFERENCE, CURRENT, "rainy", test).statistic()).isFinite();
      return;
    }
    ColumnDrift drift = run(REFERENCE, CURRENT, "temp_max", test);

    assertThat(drift.stattest()).isEqualTo(test);
    if (test == StatTest.CHISQUARE || test == StatTest.G_TEST) {
      // values seen only in the current sample: scipy's answer is an infinite statistic, p = 0
      assertThat(drift.statistic()).isInfinite();
      assertThat(drift.pValue()).isZero();
      assertThat(run(REFERENCE, CURRENT, "wind", test).statistic()).isInfinite();
      assertThat(run(TableRef.of("y2013"), TableRef.of("y2013"), "temp_max", test).statistic())
          .isZero();
      return;
    }
    assertThat(drift.statistic()).isFinite();
    assertThat(drift.threshold()).isEqualTo(test.defaultThreshold());
    if (test.pValueTest()) {
      assertThat(drift.pValue()).isBetween(0.0, 1.0);
      assertThat(drift.drifted()).isEqualTo(test.drifted(drift.pValue(), drift.threshold()));
    } else {
      assertThat(drift.pValue()).isNull();
      assertThat(drift.drifted()).isEqualTo(test.drifted(drift.statistic(), drift.threshold()));
    }
  }

  @ParameterizedTest
  @EnumSource(StatTest.class)
  void everyTestGivesFiniteNumbersOrRefusesClearlyOnACategoricalColumn(StatTest test) {
    if (test.numericOnly() || test == StatTest.FISHER_EXACT) {
      assertThatThrownBy(() -> run(REFERENCE, CURRENT, "weather", test))
          .isInstanceOf(UdbException.class)
          .hasMessageContaining("Column 'weather'")
          .hasMessageContaining("'" + test.evidentlyName() + "' does not apply")
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.INVALID_ARGUMENT);
      return;
    }
    ColumnDrift drift = run(REFERENCE, CURRENT, "weather", test);

    assertThat(drift.kind()).isEqualTo(ColumnKind.CATEGORICAL);
    assertThat(drift.statistic()).isFinite();
    if (test.pValueTest()) {
      assertThat(drift.pValue()).isBetween(0.0, 1.0);
    }
  }

  @Test
  void continuousTestsAgreeWithScipy() {
    assertClose(
        run(REFERENCE, CURRENT, "temp_max", StatTest.MANN_WHITNEY),
        234775.5,
        7.049737410984671e-05);
    assertClose(
        run(REFERENCE, CURRENT, "temp_max", StatTest.T_TEST),
        -4.037434145958275,
        5.684580483501991e-05);
    assertClose(
        run(REFERENCE, CURRENT, "temp_max", StatTest.CRAMER_VON_MISES),
        1.5800259250256659,
        0.00011331754263477212);
    assertClose(
        run(REFERENCE, CURRENT, "temp_max", StatTest.ENERGY_DISTANCE), 0.4432767840900483, null);
    assertClose(run(REFERENCE, CURRENT, "temp_max", StatTest.HELLINGER), 0.09054719039771755, null);
    assertClose(run(REFERENCE, CURRENT, "temp_max", StatTest.KL_DIV), 0.04989186775041497, null);
    // Anderson-Darling: within the interpolated range, and floored at 0.001 beyond it
    assertClose(
        run(TableRef.of("y2013"), TableRef.of("y2014"), "precipitation", StatTest.ANDERSON),
        1.021212873523685,
        0.12388446573339895);
    assertClose(
        run(TableRef.of("y2013"), TableRef.of("y2014"), "temp_min", StatTest.ANDERSON),
        1.7211709876698107,
        0.06334305431308879);
    assertClose(run(REFERENCE, CURRENT, "temp_max", StatTest.ANDERSON), 11.31367461140842, 0.001);
    assertClose(
        run(TableRef.of("y2013"), TableRef.of("y2014"), "temp_min", StatTest.CRAMER_VON_MISES),
        0.38150309626571755,
        0.08093230000270624);
  }

  @Test
  void categoryTestsAgreeWithScipy() {
    assertClose(
        run(REFERENCE, CURRENT, "weather", StatTest.G_TEST),
        202.4242180056188,
        1.1314670410091775e-42);
    assertClose(
        run(REFERENCE, CURRENT, "weather", StatTest.Z), -5.451881404760898, 4.983969126293175e-08);
    assertClose(run(REFERENCE, CURRENT, "weather", StatTest.HELLINGER), 0.19127411599184727, null);
    assertClose(run(REFERENCE, CURRENT, "weather", StatTest.KL_DIV), 0.17304964359090877, null);
    assertClose(
        run(REFERENCE, CURRENT, "rainy", StatTest.FISHER_EXACT),
        0.7297039159503342,
        0.0031469735885403943);
  }

  @Test
  void smallSamplesUseTheExactDistributions() {
    TableRef x = TableRef.of("small_x");
    TableRef y = TableRef.of("small_y");
    assertClose(run(x, y, "v", StatTest.MANN_WHITNEY), 18.0, 0.1737762237762238);
    assertClose(
        run(x, y, "v", StatTest.CRAMER_VON_MISES), 0.23759920634920606, 0.22797202797202798);
    assertClose(run(x, y, "v", StatTest.KS), 0.4444444444444444, 0.32377622377622384);
    assertClose(run(x, y, "v", StatTest.ANDERSON), 0.51467167771933, 0.20354757863817735);
    assertClose(run(x, y, "v", StatTest.T_TEST), -1.5472198010115992, 0.14411279791770665);
    assertClose(run(x, y, "v", StatTest.ENERGY_DISTANCE), 1.1504104452289243, null);
    assertClose(run(x, y, "v", StatTest.WASSERSTEIN), 0.9920483389410031, null);
  }

  @Test
  void ksFollowsScipyForEqualSizesAndBeyondTheExactLimit() {
    TestTables.execute(
        box,
        TENANT,
        "CREATE OR REPLACE TABLE ks_x AS SELECT i, CAST((i * 7919) % 10007 AS DOUBLE) / 100 AS v"
            + " FROM range(12000) t(i)");
    TestTables.execute(
        box,
        TENANT,
        "CREATE OR REPLACE TABLE ks_y AS SELECT i,"
            + " CAST((i * 104729) % 10009 AS DOUBLE) / 100 + 2.0 AS v,"
            + " CAST((i * 104729) % 10009 AS DOUBLE) / 100 + 9.0 AS w FROM range(11000) t(i)");
    TestTables.execute(
        box, TENANT, "CREATE OR REPLACE TABLE ks_x500 AS SELECT v AS w FROM ks_x WHERE i < 500");
    TestTables.execute(
        box, TENANT, "CREATE OR REPLACE TABLE ks_y500 AS SELECT w FROM ks_y WHERE i < 500");

    // 12000 and 11000 values: scipy's asymptotic kstwo.sf(d, round(n m / (n + m)))
    assertClose(
        run(TableRef.of("ks_x"), TableRef.of("ks_y"), "v", StatTest.KS),
        0.020545454545454533,
        0.015516329144596476);
    // 500 and 500 values: the exact p-value of equal sample sizes
    assertClose(
        run(TableRef.of("ks_x500"), TableRef.of("ks_y500"), "w", StatTest.KS),
        0.094,
        0.02406614705241275);
  }

  @Test
  void totalVariationDistanceHasAReproduciblePermutationPValue() {
    ColumnDrift first = run(REFERENCE, CURRENT, "weather", StatTest.TVD);
    ColumnDrift second = run(REFERENCE, CURRENT, "weather", StatTest.TVD);

    // half the L1 distance of the proportions of drizzle, fog, rain, snow, sun
    double expected =
        0.5
            * (Math.abs(46 / 731.0 - 7 / 730.0)
                + Math.abs(21 / 731.0 - 80 / 730.0)
                + Math.abs(349 / 731.0 - 292 / 730.0)
                + Math.abs(24 / 731.0 - 2 / 730.0)
                + Math.abs(291 / 731.0 - 349 / 730.0));
    assertThat(first.statistic()).isCloseTo(expected, within(1e-12));
    assertThat(first.pValue()).isEqualTo(second.pValue()).isEqualTo(0.0);
    assertThat(first.drifted()).isTrue();
    ColumnDrift same = run(REFERENCE, REFERENCE, "weather", StatTest.TVD);
    assertThat(same.statistic()).isZero();
    assertThat(same.pValue()).isEqualTo(1.0);
    assertThat(same.drifted()).isFalse();
  }

  @Test
  void aCategoryOnlyInTheCurrentSideMakesChiSquareInfinite() {
    DriftResult result =
        SERVICE.run(
            box,
            TENANT,
            DriftRequest.between(REFERENCE, CURRENT)
                .columns(List.of("date"))
                .columnKind("date", ColumnKind.CATEGORICAL)
                .build());

    ColumnDrift date = result.column("date");
    assertThat(date.stattest()).isEqualTo(StatTest.CHISQUARE);
    assertThat(date.statistic()).isInfinite();
    assertThat(date.pValue()).isZero();
    Map<String, Object> json = date.toJson();
    assertThat(json).containsEntry("statistic", "Infinity").containsEntry("pValue", 0.0);
  }

  @Test
  void zTestOfIdenticalSingleValuedSidesIsOne() {
    TestTables.execute(
        box, TENANT, "CREATE OR REPLACE TABLE ones AS SELECT 'a' AS c FROM range(5)");
    ColumnDrift drift = run(TableRef.of("ones"), TableRef.of("ones"), "c", StatTest.Z);

    assertThat(drift.pValue()).isEqualTo(1.0);
    assertThat(drift.drifted()).isFalse();
  }

  @Test
  void unknownTestNamesAreRefusedWithTheKnownOnes() {
    assertThatThrownBy(() -> StatTest.byName("kolmogorov"))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("Unknown stattest 'kolmogorov'")
        .hasMessageContaining("ks, chisquare, z, wasserstein");
    assertThat(StatTest.byName("ed")).isEqualTo(StatTest.ENERGY_DISTANCE);
    assertThat(StatTest.byName("tvd")).isEqualTo(StatTest.TVD);
  }

  private static void assertClose(ColumnDrift drift, double statistic, Double pValue) {
    assertThat(drift.statistic())
        .as(drift.stattest() + " statistic")
        .isCloseTo(statistic, within(Math.abs(statistic) * RELATIVE + 1e-12));
    if (pValue == null) {
      assertThat(drift.pValue()).isNull();
    } else {
      assertThat(drift.pValue())
          .as(drift.stattest() + " p-value")
          .isCloseTo(pValue, within(pValue * 1e-6));
    }
  }
}
