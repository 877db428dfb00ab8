package io.udb.quality.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The reference scenarios of {@code testdata/expected}: every number in the files is recomputed
 * from the SQL sufficient statistics and compared, statistics within 1e-9 relative, p-values within
 * 1e-6 relative. Two files were computed independently (pandas 1.5.3, numpy 1.24.2, scipy 1.10.1);
 * three more on other real data sets by {@code drift_reference.py} (numpy and scipy), which
 * reproduces those two.
 */
class ExpectedDriftScenariosTest {
  private static final TenantId TENANT = TenantId.of("expected");
  private static final double[] DECILES = {0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9};

  private DataBox box;

  /**
   * Every scenario file: the two independent ones, then the three of {@code drift_reference.py}.
   */
  static List<String> scenarios() {
    return List.of(
        "cars_usa_vs_non_usa.json",
        "seattle_2012_2013_vs_2014_2015.json",
        "birdstrikes_before_vs_from_1996.json",
        "zipcodes_ny_vs_rest.json",
        "danish_before_vs_from_1981.json");
  }

  @BeforeEach
  void open() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).build();
  }

  @AfterEach
  void close() {
    box.close();
  }

  /** Loads the scenario's file and creates tables {@code reference} and {@code current}. */
  private ExpectedNumbers scenario(String file) {
    Map<String, Object> json = TestTables.expected(file);
    ExpectedNumbers expected = new ExpectedNumbers(json);
    TestTables.loadCsv(box, TENANT, csvName(expected), "source");
    TestTables.slice(
        box, TENANT, "source", "reference", castList(expected.at("reference/filters")));
    TestTables.slice(box, TENANT, "source", "current", castList(expected.at("current/filters")));
    return expected;
  }

  private static String csvName(ExpectedNumbers expected) {
    return String.valueOf(expected.at("reference/file")).replace("data/", "");
  }

  private static String sha256(Path file) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
  }

  @SuppressWarnings("unchecked") // the expected file's filters are a JSON array
  private static List<Object> castList(Object value) {
    return (List<Object>) value;
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void everyStatisticOfTheExpectedFileIsReproducedFromSql(String file) throws Exception {
    ExpectedNumbers expected = scenario(file);
    TableInfo reference = box.describe(TENANT, TableRef.of("reference")).orElseThrow();
    TableInfo current = box.describe(TENANT, TableRef.of("current")).orElseThrow();
    expected.exact("reference/rows", reference.rowCount());
    expected.exact("current/rows", current.rowCount());
    // the vendored file is byte for byte the one the expected numbers were computed from
    Path csv = TestTables.testdata().resolve(csvName(expected));
    expected.exact("reference/sha256", sha256(csv));
    expected.exact("reference/bytes", Files.size(csv));
    @SuppressWarnings("unchecked") // a JSON object
    Map<String, Object> columns = (Map<String, Object>) expected.at("columns");
    try (SqlSession session = box.openSession(TENANT)) {
      for (String column : columns.keySet()) {
        String type = typeOf(reference, column);
        String path = "columns/" + column;
        expected.skip(path + "/type_source");
        if (ColumnTypes.numeric(session.dialect(), type)) {
          boolean integral = ColumnTypes.integral(session.dialect(), type);
          NumericCounts ref =
              CountsLoader.numeric(session, TableRef.of("reference"), column, integral);
          NumericCounts cur =
              CountsLoader.numeric(session, TableRef.of("current"), column, integral);
          expected.exact(path + "/type", "numeric");
          numericSummary(expected, path + "/reference", ref);
          numericSummary(expected, path + "/current", cur);
          numericDrift(expected, path + "/drift", column, NumericSample.of(ref, cur));
        } else {
          TextCounts ref = CountsLoader.text(session, TableRef.of("reference"), column);
          TextCounts cur = CountsLoader.text(session, TableRef.of("current"), column);
          expected.exact(path + "/type", "categorical");
          textSummary(expected, path + "/reference", ref);
          textSummary(expected, path + "/current", cur);
          categoricalDrift(expected, path + "/drift", column, CategoricalSample.of(ref, cur));
        }
      }
    }
    assertThat(expected.failures()).isEmpty();
    assertThat(expected.uncompared("columns")).isEmpty();
    assertThat(expected.comparedCount()).isGreaterThan(200);
  }

  @ParameterizedTest
  @MethodSource("scenarios")
  void driftServiceResultsCarryTheExpectedNumbersForEveryTest(String file) {
    ExpectedNumbers expected = scenario(file);
    DriftService service = new DriftService();
    TableRef reference = TableRef.of("reference");
    TableRef current = TableRef.of("current");
    DriftResult defaults =
        service.run(box, TENANT, DriftRequest.between(reference, current).build());
    DriftResult wasserstein =
        service.run(
            box,
            TENANT,
            DriftRequest.between(reference, current).numericStattest(StatTest.WASSERSTEIN).build());
    DriftResult jensenShannon =
        service.run(
            box,
            TENANT,
            DriftRequest.between(reference, current).stattest(StatTest.JENSEN_SHANNON).build());
    DriftResult psi =
        service.run(
            box, TENANT, DriftRequest.between(reference, current).stattest(StatTest.PSI).build());
    DriftResult chiSquare =
        service.run(
            box,
            TENANT,
            DriftRequest.between(reference, current)
                .numericStattest(StatTest.KS)
                .categoricalStattest(StatTest.CHISQUARE)
                .build());
    int compared = 0;
    for (ColumnDrift column : chiSquare.columns()) {
      String path = "columns/" + column.column() + "/drift/";
      if (column.kind() == ColumnKind.NUMERIC) {
        expected.statistic(path + "ks_statistic", column.statistic());
        expected.pValue(path + "ks_pvalue", column.pValue());
        expected.statistic(
            path + "wasserstein_normed", wasserstein.column(column.column()).statistic());
      } else {
        expected.statistic(path + "chisquare_statistic", column.statistic());
        expected.pValue(path + "chisquare_pvalue", column.pValue());
      }
      ColumnDrift chosen = defaults.column(column.column());
      if (chosen.stattest() == column.stattest()) {
        assertThat(chosen.statistic()).isEqualTo(column.statistic());
        assertThat(chosen.pValue()).isEqualTo(column.pValue());
      }
      expected.statistic(
          path + "evidently/jensenshannon", jensenShannon.column(column.column()).statistic());
      expected.statistic(path + "evidently/psi", psi.column(column.column()).statistic());
      assertThat(jensenShannon.column(column.column()).pValue()).isNull();
      compared++;
    }
    assertThat(expected.failures()).isEmpty();
    assertThat(compared).isEqualTo(((Map<?, ?>) expected.at("columns")).size());
  }

  @ParameterizedTest
  @ValueSource(strings = {"cars_usa_vs_non_usa.json", "seattle_2012_2013_vs_2014_2015.json"})
  void evidentlyDefaultTestIsChosenPerColumn(String file) {
    scenario(file);
    DriftResult result =
        new DriftService()
            .run(
                box,
                TENANT,
                DriftRequest.between(TableRef.of("reference"), TableRef.of("current")).build());
    Map<String, String> chosen = new LinkedHashMap<>();
    result.columns().forEach(c -> chosen.put(c.column(), c.stattest().evidentlyName()));
    if (file.startsWith("cars")) {
      // every reference column has at most 1000 values: KS for numbers with more than 5 distinct
      // values, chi-square for categories and for Cylinders (5 distinct values over both sides)
      assertThat(chosen)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "Name", "chisquare",
                  "Miles_per_Gallon", "ks",
                  "Cylinders", "chisquare",
                  "Displacement", "ks",
                  "Horsepower", "ks",
                  "Weight_in_lbs", "ks",
                  "Acceleration", "ks",
                  "Year", "chisquare",
                  "Origin", "chisquare"));
      assertThat(result.column("Cylinders").kind()).isEqualTo(ColumnKind.NUMERIC);
    } else {
      assertThat(chosen)
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "date", "chisquare",
                  "precipitation", "ks",
                  "temp_max", "ks",
                  "temp_min", "ks",
                  "wind", "ks",
                  "weather", "chisquare"));
    }
    assertThat(result.numberOfColumns()).isEqualTo(chosen.size());
    assertThat(result.driftShare())
        .isEqualTo((double) result.numberOfDriftedColumns() / result.numberOfColumns());
    assertThat(result.datasetDrift()).isEqualTo(result.driftShare() >= 0.5);
  }

  private static String typeOf(TableInfo table, String column) {
    return table.columns().stream()
        .filter(c -> c.name().equals(column))
        .map(ColumnInfo::type)
        .findFirst()
        .orElseThrow();
  }

  private static void numericSummary(ExpectedNumbers expected, String path, NumericCounts side) {
    ColumnSummary summary = side.summary();
    expected.exact(path + "/rows", summary.rows());
    expected.exact(path + "/count", summary.count());
    expected.exact(path + "/missing", summary.missing());
    expected.exact(path + "/invalid", summary.invalid());
    expected.exact(path + "/distinct", summary.distinct());
    expected.statistic(path + "/min", (Double) summary.min());
    expected.statistic(path + "/max", (Double) summary.max());
    expected.statistic(path + "/mean", summary.mean());
    expected.statistic(path + "/std", summary.std());
    for (String q : List.of("0.25", "0.5", "0.75")) {
      expected.statistic(path + "/quantiles/" + q, summary.quantiles().get(q));
    }
  }

  private static void textSummary(ExpectedNumbers expected, String path, TextCounts side) {
    ColumnSummary summary = side.summary();
    expected.exact(path + "/rows", summary.rows());
    expected.exact(path + "/count", summary.count());
    expected.exact(path + "/missing", summary.missing());
    expected.exact(path + "/distinct", summary.distinct());
    expected.exact(path + "/min", summary.min());
    expected.exact(path + "/max", summary.max());
    expected.exact(path + "/top", summary.top());
    expected.exact(path + "/top_count", summary.topCount());
    expected.exact(path + "/len_min", summary.lengthMin());
    expected.exact(path + "/len_max", summary.lengthMax());
    expected.statistic(path + "/len_mean", summary.lengthMean());
  }

  private static void numericDrift(
      ExpectedNumbers expected, String path, String column, NumericSample sample) {
    expected.exact(path + "/n_reference", sample.n());
    expected.exact(path + "/n_current", sample.m());

    TestOutcome ks = KolmogorovSmirnov.test(sample);
    boolean exact = KolmogorovSmirnov.exact(sample.n(), sample.m());
    expected.exact(path + "/ks_method", exact ? "exact" : "asymp");
    expected.statistic(path + "/ks_statistic", ks.statistic());
    expected.pValue(path + "/ks_pvalue", ks.pValue());
    expected.pValue(
        path + "/ks_pvalue_asymp",
        KolmogorovSmirnov.asymptoticPValue(sample.ksStatisticFloating(), sample.n(), sample.m()));

    double wasserstein = sample.wasserstein();
    expected.statistic(path + "/wasserstein", wasserstein);
    expected.statistic(
        path + "/wasserstein_normed", StatTestRunner.wasserstein(sample).statistic());
    expected.statistic(
        path + "/wasserstein_normed_sample_std",
        wasserstein / Math.max(Math.sqrt(sample.referenceSide().variance(1)), 0.001));

    // the generator's own Jensen-Shannon: 10 equal-width bins over both samples
    double[] edges = Histograms.equalWidthEdges(sample.min(), sample.max(), 10);
    long[][] js = sample.histogram(edges);
    expected.statistics(path + "/details/js_edges", edges);
    expected.counts(path + "/details/js_ref_counts", js[0]);
    expected.counts(path + "/details/js_cur_counts", js[1]);
    expected.statistic(path + "/js_distance", jensenShannon(js, Math.E));
    expected.statistic(path + "/js_distance_base2", jensenShannon(js, 2));

    // the generator's own PSI: right-closed bins on the distinct reference deciles
    double[] interior = referenceDeciles(sample.referenceSide());
    long[][] psi = rightClosedHistogram(sample, interior);
    expected.statistics(path + "/details/psi_interior_edges", interior);
    expected.counts(path + "/details/psi_ref_counts", psi[0]);
    expected.counts(path + "/details/psi_cur_counts", psi[1]);
    expected.exact(path + "/psi_bins", psi[0].length);
    expected.statistic(path + "/psi", classicPsi(psi[0], sample.n(), psi[1], sample.m()));

    ColumnSample column0 = ColumnSample.numeric(column, ColumnKind.NUMERIC, sample);
    evidently(expected, path, column0);
  }

  private static void categoricalDrift(
      ExpectedNumbers expected, String path, String column, CategoricalSample sample) {
    expected.exact(path + "/n_reference", sample.n());
    expected.exact(path + "/n_current", sample.m());
    expected.exact(path + "/categories", sample.size());
    int[] exclusive = sample.exclusiveCategories();
    expected.exact(path + "/categories_only_in_reference", exclusive[0]);
    expected.exact(path + "/categories_only_in_current", exclusive[1]);
    TestOutcome chi = StatTestRunner.chiSquare(sample);
    expected.statistic(path + "/chisquare_statistic", chi.statistic());
    expected.pValue(path + "/chisquare_pvalue", chi.pValue());
    long[][] counts = {sample.referenceCounts(), sample.currentCounts()};
    expected.statistic(path + "/js_distance", jensenShannon(counts, Math.E));
    expected.statistic(path + "/js_distance_base2", jensenShannon(counts, 2));
    expected.statistic(path + "/psi", classicPsi(counts[0], sample.n(), counts[1], sample.m()));
    if (expected.has(path + "/details/categories")) {
      List<String> labels = new ArrayList<>();
      for (int i = 0; i < sample.size(); i++) {
        labels.add(sample.label(i));
      }
      expected.strings(path + "/details/categories", labels);
      expected.counts(path + "/details/ref_counts", counts[0]);
      expected.counts(path + "/details/cur_counts", counts[1]);
    } else {
      expected.skip(path + "/details/note");
    }
    evidently(expected, path, ColumnSample.categorical(column, sample));
  }

  private static void evidently(ExpectedNumbers expected, String path, ColumnSample sample) {
    expected.exact(path + "/evidently/binning", Binning.evidently(sample).label());
    expected.statistic(path + "/evidently/psi", StatTestRunner.psi(sample).statistic());
    expected.statistic(
        path + "/evidently/jensenshannon", StatTestRunner.jensenShannon(sample).statistic());
  }

  private static double jensenShannon(long[][] counts, double base) {
    double[] p = new double[counts[0].length];
    double[] q = new double[counts[1].length];
    for (int i = 0; i < p.length; i++) {
      p[i] = counts[0][i];
      q[i] = counts[1][i];
    }
    return Divergences.jensenShannon(p, q, base);
  }

  /** The distinct deciles 0.1 ... 0.9 of the reference (numpy's linear quantiles). */
  private static double[] referenceDeciles(NumericCounts reference) {
    return Arrays.stream(DECILES).map(reference::quantile).distinct().sorted().toArray();
  }

  /** Bins {@code v <= e1}, {@code e1 < v <= e2}, ..., {@code v > e_last}. */
  private static long[][] rightClosedHistogram(NumericSample sample, double[] interior) {
    long[][] out = new long[2][interior.length + 1];
    for (int k = 0; k < sample.size(); k++) {
      int bin = Histograms.lowerBound(interior, sample.value(k));
      out[0][bin] += sample.referenceCount(k);
      out[1][bin] += sample.currentCount(k);
    }
    return out;
  }

  /** The generator's PSI: empty bins as 1e-4, {@code sum((c - r) ln(c / r))}. */
  private static double classicPsi(long[] reference, long n, long[] current, long m) {
    double psi = 0;
    for (int i = 0; i < reference.length; i++) {
      double r = reference[i] == 0 ? 1e-4 : (double) reference[i] / n;
      double c = current[i] == 0 ? 1e-4 : (double) current[i] / m;
      psi += (c - r) * Math.log(c / r);
    }
    return psi;
  }
}
