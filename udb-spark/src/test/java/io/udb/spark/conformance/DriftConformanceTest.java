package io.udb.spark.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.UdbException;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import io.udb.core.DataBox;
import io.udb.quality.drift.BaselineInfo;
import io.udb.quality.drift.BaselineOptions;
import io.udb.quality.drift.BaselineStore;
import io.udb.quality.drift.ColumnDrift;
import io.udb.quality.drift.ColumnKind;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.drift.DriftResult;
import io.udb.quality.drift.DriftService;
import io.udb.quality.drift.RefreshPolicy;
import io.udb.quality.drift.StatTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The same drift runs on DuckDB and on Spark, through the same {@link DriftService} and the
 * engines' dialects: the two reference scenarios of {@code testdata/expected} with every
 * statistical test, against stored baselines (exact and sketched, refreshed and pruned), and
 * generated edge cases (nulls, NaN and infinities, unicode categories, timestamps and booleans as
 * categories, schema changes, a single value, an empty side). The results must be equal, numbers
 * within 1e-9 relative and p-values within 1e-6, and equal the expected files' numbers.
 */
class DriftConformanceTest {
  private static final ConformanceEngines ENGINES = ConformanceEngines.get();
  private static final DriftService DRIFT = new DriftService();

  private static final String EDGE_REFERENCE =
      "SELECT CAST(num AS DOUBLE) AS num, CAST(cnt AS INTEGER) AS cnt, CAST(cat AS VARCHAR) AS"
          + " cat, CAST(flag AS BOOLEAN) AS flag, CAST(ts AS TIMESTAMP) AS ts, CAST(day AS DATE) AS"
          + " day, CAST(gone AS VARCHAR) AS gone, CAST(amount AS DECIMAL(8,2)) AS amount,"
          + " CAST(empty AS DOUBLE) AS empty FROM (VALUES"
          + " ('1.5', '1', 'rot', true, '2024-01-01 10:00:00.5', '2024-01-01', 'a', '1.25', NULL),"
          + " ('2.5', '2', 'grün', false, '2024-01-01 10:00:00.5', '2024-01-02', 'b', '2.50', NULL),"
          + " ('NaN', '2', 'grün', true, '1969-12-31 23:59:59', '1969-12-31', 'c', '-1.00', NULL),"
          + " ('Infinity', '3', '東京', NULL, NULL, NULL, NULL, '0.00', NULL),"
          + " (NULL, NULL, NULL, true, '2024-01-02 00:00:00', '2024-01-02', 'a', NULL, NULL),"
          + " ('-0.5', '5', 'rot', false, '2024-01-03 00:00:00', '2024-01-03', 'b', '9.99', NULL),"
          + " ('1e10', '8', '😀', true, '2024-01-03 00:00:00', '2024-01-03', 'c', '1.25', NULL)"
          + ") AS t(num, cnt, cat, flag, ts, day, gone, amount, empty)";

  private static final String EDGE_CURRENT =
      "SELECT CAST(num AS DOUBLE) AS num, CAST(cnt AS DOUBLE) AS cnt, CAST(cat AS VARCHAR) AS"
          + " cat, CAST(flag AS BOOLEAN) AS flag, CAST(ts AS TIMESTAMP) AS ts, CAST(day AS DATE) AS"
          + " day, CAST(added AS BIGINT) AS added, CAST(amount AS DECIMAL(8,2)) AS amount,"
          + " CAST(empty AS DOUBLE) AS empty FROM (VALUES"
          + " ('3.5', '1.5', 'rot', true, '2024-02-01 10:00:00.5', '2024-02-01', 1, '1.25', '1'),"
          + " ('4.5', '2', 'blau', true, '2024-02-01 10:00:00.5', '2024-02-02', 2, '3.75', '2'),"
          + " ('-Infinity', '2', 'grün', true, '2024-01-01 10:00:00.5', '2024-01-01', 3, '-1.00',"
          + " NULL),"
          + " ('5.5', '7.25', '東京', false, NULL, NULL, NULL, '0.00', NULL),"
          + " ('1.5', NULL, 'blau', true, '2024-02-02 00:00:00', '2024-02-02', 5, NULL, NULL),"
          + " ('6.5', '9', NULL, NULL, '2024-02-03 00:00:00', '2024-02-03', 6, '7.50', '3')"
          + ") AS t(num, cnt, cat, flag, ts, day, added, amount, empty)";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "cars_usa_vs_non_usa.json",
        "seattle_2012_2013_vs_2014_2015.json",
        // the small-sample scenario only: birdstrikes' numbers are checked on DuckDB
        // (ExpectedDriftScenariosTest), and on both engines it cost 90 s of CI
        "danish_before_vs_from_1981.json"
      })
  void expectedScenariosAgreeOnEveryTestAndWithTheExpectedNumbers(String file) {
    Map<String, Object> expected = Agreement.json("expected/" + file);
    String prefix = "drift_" + file.substring(0, file.indexOf('_'));
    TableRef reference = slice(prefix + "_ref", expected, "reference");
    TableRef current = slice(prefix + "_cur", expected, "current");

    DriftResult defaults = agree(DriftRequest.between(reference, current).build());
    DriftResult chiSquare =
        agree(
            DriftRequest.between(reference, current)
                .numericStattest(StatTest.KS)
                .categoricalStattest(StatTest.CHISQUARE)
                .build());
    DriftResult wasserstein =
        agree(
            DriftRequest.between(reference, current).numericStattest(StatTest.WASSERSTEIN).build());
    DriftResult jensenShannon =
        agree(DriftRequest.between(reference, current).stattest(StatTest.JENSEN_SHANNON).build());
    DriftResult psi =
        agree(DriftRequest.between(reference, current).stattest(StatTest.PSI).build());
    assertThat(defaults.numberOfColumns()).isEqualTo(map(expected.get("columns")).size());

    // Spark's results (equal to DuckDB's above) hold the numbers scipy and Evidently computed
    List<String> misses = new ArrayList<>();
    for (ColumnDrift column : chiSquare.columns()) {
      Map<String, Object> drift =
          map(map(map(expected.get("columns")).get(column.column())).get("drift"));
      Map<String, Object> evidently = map(drift.get("evidently"));
      if (column.kind() == ColumnKind.NUMERIC) {
        expect(
            misses, column.column() + " ks", drift.get("ks_statistic"), column.statistic(), false);
        expect(misses, column.column() + " ks p", drift.get("ks_pvalue"), column.pValue(), true);
        expect(
            misses,
            column.column() + " wasserstein",
            drift.get("wasserstein_normed"),
            wasserstein.column(column.column()).statistic(),
            false);
      } else {
        expect(
            misses,
            column.column() + " chi-square",
            drift.get("chisquare_statistic"),
            column.statistic(),
            false);
        expect(
            misses,
            column.column() + " chi-square p",
            drift.get("chisquare_pvalue"),
            column.pValue(),
            true);
      }
      expect(
          misses,
          column.column() + " jensenshannon",
          evidently.get("jensenshannon"),
          jensenShannon.column(column.column()).statistic(),
          false);
      expect(
          misses,
          column.column() + " psi",
          evidently.get("psi"),
          psi.column(column.column()).statistic(),
          false);
    }
    assertThat(misses).isEmpty();

    everyTestAgrees(reference, current, List.of());
  }

  /**
   * Runs every statistical test on the columns it applies to; a test that refuses a column must
   * refuse it on both engines with the same message.
   */
  private static void everyTestAgrees(TableRef reference, TableRef current, List<String> columns) {
    for (StatTest test : StatTest.values()) {
      DriftRequest.Builder request =
          DriftRequest.between(reference, current).columns(columns).numericStattest(test);
      if (test.appliesTo(ColumnKind.CATEGORICAL)) {
        request.categoricalStattest(test);
      }
      DriftResult result = agree(request.build());
      if (result != null) {
        assertThat(result.columns()).as(test.name()).isNotEmpty();
      }
    }
  }

  @Test
  void baselinesAgreeExactAndSketchedRefreshedAndPruned() {
    Map<String, Object> expected = Agreement.json("expected/cars_usa_vs_non_usa.json");
    TableRef reference = slice("drift_base_ref", expected, "reference");
    TableRef current = slice("drift_base_cur", expected, "current");
    for (BaselineOptions options :
        List.of(BaselineOptions.defaults(), new BaselineOptions(10, 8, 3))) {
      String dataset = "cars " + options.maxExactValues();
      BaselineInfo duck =
          new BaselineStore(ENGINES.duck(), options)
              .save(ConformanceEngines.TENANT, dataset, reference);
      BaselineInfo spark =
          new BaselineStore(ENGINES.spark(), options)
              .save(ConformanceEngines.TENANT, dataset, reference);
      assertSameInfo(duck, spark);

      DriftResult compared =
          agree(DriftRequest.againstBaseline(dataset, current).build(), driftWith(options));
      assertThat(compared.baseline().version()).isEqualTo(1);
      assertThat(compared.columns().stream().anyMatch(ColumnDrift::approximate))
          .isEqualTo(options.maxExactValues() == 10);

      // a refresh every run saves the current table as version 2 and prunes version 1
      DriftResult refreshed =
          agree(
              DriftRequest.againstBaseline(dataset, current)
                  .refresh(RefreshPolicy.everyRuns(1).withKeepVersions(1))
                  .build(),
              driftWith(options));
      assertThat(refreshed.baseline().refreshedVersion()).isEqualTo(2);
      List<BaselineInfo> duckVersions =
          new BaselineStore(ENGINES.duck(), options).list(ConformanceEngines.TENANT, dataset);
      List<BaselineInfo> sparkVersions =
          new BaselineStore(ENGINES.spark(), options).list(ConformanceEngines.TENANT, dataset);
      assertThat(duckVersions).extracting(BaselineInfo::version).containsExactly(2);
      assertThat(sparkVersions).hasSize(1);
      assertSameInfo(duckVersions.get(0), sparkVersions.get(0));

      // the current table against itself through the refreshed baseline: no drift
      DriftResult same =
          agree(DriftRequest.againstBaseline(dataset, current).build(), driftWith(options));
      assertThat(same.numberOfDriftedColumns()).isZero();
    }
  }

  @Test
  void approximateDriftAgreesOnWhichColumnsItSketchesAndTheirNumbers() {
    Map<String, Object> expected = Agreement.json("expected/cars_usa_vs_non_usa.json");
    TableRef reference = slice("drift_approx_ref", expected, "reference");
    TableRef current = slice("drift_approx_cur", expected, "current");
    // Weight_in_lbs has 237 and 131 distinct values, every other numeric column at most 82
    DriftRequest request = DriftRequest.between(reference, current).approximateAbove(100).build();
    DriftResult duck = DRIFT.run(ENGINES.duck(), ConformanceEngines.TENANT, request);
    DriftResult spark = DRIFT.run(ENGINES.spark(), ConformanceEngines.TENANT, request);

    // the engines' distinct estimates differ (both HyperLogLog, different sketches)
    Agreement agreement =
        new Agreement()
            .ignore("distinct")
            .rule("referenceType", DriftConformanceTest::sameTypeName)
            .rule("currentType", DriftConformanceTest::sameTypeName);
    agreement.compare("drift", duck.toJson(), spark.toJson());
    assertThat(agreement.differences()).isEmpty();
    assertThat(spark.columns())
        .filteredOn(ColumnDrift::approximate)
        .extracting(ColumnDrift::column)
        .containsExactly("Weight_in_lbs");
  }

  private static Function<DataBox, DriftService> driftWith(BaselineOptions options) {
    return box -> new DriftService(options);
  }

  @Test
  void edgeCasesAgree() {
    TableRef reference = ENGINES.table("drift_edge_ref", EDGE_REFERENCE);
    TableRef current = ENGINES.table("drift_edge_cur", EDGE_CURRENT);
    DriftResult result = agree(DriftRequest.between(reference, current).build());
    assertThat(result.schemaChanges()).hasSize(3);
    assertThat(result.skippedColumns()).extracting(s -> s.column()).contains("empty");
    assertThat(result.columns()).extracting(ColumnDrift::column).contains("ts", "flag", "cat");
    agree(
        DriftRequest.between(reference, current)
            .columnKind("cnt", ColumnKind.CATEGORICAL)
            .stattest(StatTest.JENSEN_SHANNON)
            .build());
    everyTestAgrees(reference, current, List.of("num", "flag", "amount"));

    // one value: KS refuses the numbers on both engines, chi-square takes the categories
    TableRef single = ENGINES.table("drift_edge_single", EDGE_CURRENT + " LIMIT 1");
    assertThat(agree(DriftRequest.between(reference, single).build())).isNull();
    DriftResult categories =
        agree(
            DriftRequest.between(single, single)
                .columns(List.of("cat", "flag", "ts", "day"))
                .build());
    assertThat(categories.numberOfDriftedColumns()).isZero();
    TableRef empty =
        ENGINES.table("drift_edge_empty", "SELECT * FROM (" + EDGE_CURRENT + ") AS c WHERE false");
    DriftResult none = agree(DriftRequest.between(reference, empty).build());
    assertThat(none.numberOfColumns()).isZero();
    assertThat(none.datasetDrift()).isFalse();

    BaselineInfo duck =
        new BaselineStore(ENGINES.duck()).save(ConformanceEngines.TENANT, "edge", reference);
    BaselineInfo spark =
        new BaselineStore(ENGINES.spark()).save(ConformanceEngines.TENANT, "edge", reference);
    assertSameInfo(duck, spark);
    agree(DriftRequest.againstBaseline("edge", current).build());
  }

  private static TableRef slice(String name, Map<String, Object> expected, String side) {
    Map<String, Object> definition = map(expected.get(side));
    String file = String.valueOf(definition.get("file")).replace("data/", "");
    StringBuilder where = new StringBuilder();
    for (Object item : (List<?>) definition.get("filters")) {
      Map<String, Object> filter = map(item);
      String op = String.valueOf(filter.get("op"));
      assertThat(op).isIn("=", "!=", "<", "<=", ">", ">=");
      where
          .append(where.length() == 0 ? " WHERE " : " AND ")
          .append('"')
          .append(String.valueOf(filter.get("column")).replace("\"", "\"\""))
          .append("\" ")
          .append(op)
          .append(" '")
          .append(String.valueOf(filter.get("value")).replace("'", "''"))
          .append('\'');
    }
    return ENGINES.table(
        name,
        "SELECT * FROM read_csv('"
            + Agreement.testdata().resolve(file).toAbsolutePath().toString().replace("'", "''")
            + "', header = true, auto_detect = true)"
            + where);
  }

  private static DriftResult agree(DriftRequest request) {
    return agree(request, box -> DRIFT);
  }

  /**
   * Runs one request per engine and asserts that the results agree; returns Spark's, or null when
   * DuckDB refused the request, after asserting that Spark refused it with the same message.
   */
  private static DriftResult agree(DriftRequest request, Function<DataBox, DriftService> service) {
    DriftResult duck;
    try {
      duck = service.apply(ENGINES.duck()).run(ENGINES.duck(), ConformanceEngines.TENANT, request);
    } catch (UdbException refused) {
      assertThatThrownBy(
              () ->
                  service
                      .apply(ENGINES.spark())
                      .run(ENGINES.spark(), ConformanceEngines.TENANT, request))
          .as("%s", request)
          .isInstanceOf(UdbException.class)
          .hasMessage(refused.getMessage());
      return null;
    }
    DriftResult spark =
        service.apply(ENGINES.spark()).run(ENGINES.spark(), ConformanceEngines.TENANT, request);
    Agreement agreement =
        new Agreement()
            .ignore("createdAt")
            .rule("referenceType", DriftConformanceTest::sameTypeName)
            .rule("currentType", DriftConformanceTest::sameTypeName);
    agreement.compare("drift", duck.toJson(), spark.toJson());
    assertThat(agreement.differences()).as("%s", request).isEmpty();
    return spark;
  }

  private static void assertSameInfo(BaselineInfo duck, BaselineInfo spark) {
    assertThat(spark.dataset()).isEqualTo(duck.dataset());
    assertThat(spark.version()).isEqualTo(duck.version());
    assertThat(spark.columns()).hasSameSizeAs(duck.columns());
    for (int i = 0; i < duck.columns().size(); i++) {
      BaselineInfo.Column d = duck.columns().get(i);
      BaselineInfo.Column s = spark.columns().get(i);
      assertThat(s.name()).isEqualTo(d.name());
      assertThat(s.kind()).isEqualTo(d.kind());
      assertThat(sameTypeName(d.dataType(), s.dataType()))
          .as("%s: %s and %s", d.name(), d.dataType(), s.dataType())
          .isTrue();
    }
  }

  /** Two engines' names of one column type: the same family on both. */
  private static boolean sameTypeName(Object duck, Object spark) {
    if (!(duck instanceof String d) || !(spark instanceof String s)) {
      return Objects.equals(duck, spark);
    }
    SqlDialect duckDialect = ENGINES.duck().engine().dialect();
    SqlDialect sparkDialect = ENGINES.spark().engine().dialect();
    return d.equals(s)
        || duckDialect.typeFamily(d) == sparkDialect.typeFamily(s)
            && duckDialect.typeFamily(d) != TypeFamily.OTHER;
  }

  /** Compares one of UDB's numbers with the expected file's (a number, or "NaN", "Infinity"). */
  private static void expect(
      List<String> misses, String what, Object expected, Double actual, boolean pValue) {
    double want =
        expected instanceof Number number
            ? number.doubleValue()
            : Double.parseDouble(String.valueOf(expected));
    if (actual == null
        || !Agreement.close(want, actual, pValue ? Agreement.P_VALUE : Agreement.STATISTIC)) {
      misses.add(what + ": expected " + want + ", got " + actual);
    }
  }

  @SuppressWarnings("unchecked") // JSON objects
  private static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }
}
