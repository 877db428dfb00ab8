package io.udb.spark.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.quality.profile.Profile;
import io.udb.quality.profile.ProfileComparison;
import io.udb.quality.profile.ProfileJson;
import io.udb.quality.profile.ProfileOptions;
import io.udb.quality.profile.Profiler;
import io.udb.security.pii.ColumnClassifier;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same profiles on DuckDB and on Spark, through the same {@link Profiler} and the engines'
 * dialects: the real weather and cars data and generated edge cases (nulls, NaN and infinities,
 * huge and tiny magnitudes, unicode, dates and timestamps before and after 1970, a constant column,
 * an empty table compared with a single row, more columns than one distribution statement groups),
 * in the default, minimal and approximate modes. The profile JSON must be the same: counts,
 * distinct counts, top values, extremes, histograms, periods, alerts and the sample exactly;
 * moments, quantiles, the MAD and correlations within 1e-9 relative. Only the run's timing, how
 * many statements and scans it took (Spark groups all columns together, {@link
 * SqlDialect#groupsColumnsTogether()}) and the engines' spelling of type names differ.
 */
class ProfileConformanceTest {
  private static final ConformanceEngines ENGINES = ConformanceEngines.get();

  /** Central moments of nearly symmetric data cancel; compare them on the scale of the spread. */
  private static final double SHAPE_ABSOLUTE = 1e-9;

  private static final String EDGE =
      "SELECT CAST(id AS BIGINT) AS id, CAST(txt AS VARCHAR) AS txt, CAST(num AS DOUBLE) AS num,"
          + " CAST(cnt AS INTEGER) AS cnt, CAST(amount AS DECIMAL(12,4)) AS amount,"
          + " CAST(flag AS BOOLEAN) AS flag, CAST(day AS DATE) AS day, CAST(ts AS TIMESTAMP) AS ts,"
          + " CAST(cat AS VARCHAR) AS cat, CAST(tiny AS DOUBLE) AS tiny, 7 AS constant"
          + " FROM (VALUES"
          + " (1, 'alice@example.com', 1.5, 3, '1.5', true, '2024-02-29', '2024-02-29 10:15:30.5',"
          + " 'red', 1e-300),"
          + " (2, 'https://example.com/a?b=1#c', -2.0, -1, '-3.25', false, '1969-12-31',"
          + " '1969-12-31 23:59:59.25', 'green', -2e-300),"
          + " (3, '4111 1111 1111 1111', 0.0, 0, '2.0001', NULL, '2000-01-01',"
          + " '2000-01-01 00:00:00', 'red', 0.0),"
          + " (4, 'grüße, 東京 😀', 'NaN', NULL, NULL, true, NULL, NULL, 'blue', 3e-300),"
          + " (5, NULL, 'Infinity', 7, '0.01', false, '2024-03-01', '2024-03-01 00:00:00.000001',"
          + " 'red', 1e-310),"
          + " (6, '', '-Infinity', 7, '100', true, '2024-03-01', '2024-03-01 12:00:00', NULL,"
          + " NULL),"
          + " (7, 'tab\tand\nnewline', 1e300, 2, '-0.5', true, '1970-01-01',"
          + " '1970-01-01 00:00:00', 'green', 5e-324),"
          + " (8, 'x@y', 2.0, 2, '3', false, '2024-02-29', '2024-02-29 10:15:30.5', 'red', 1e-300),"
          + " (9, 'x@y', 2.0, 2, '3', false, '2024-02-29', '2024-02-29 10:15:30.5', 'red', 1e-300)"
          + ") AS t(id, txt, num, cnt, amount, flag, day, ts, cat, tiny)";

  private static TableRef weather;
  private static TableRef cars;
  private static TableRef edge;
  private static TableRef empty;
  private static TableRef single;
  private static TableRef wide;
  private static TableRef keyed;
  private static TableRef wider;

  @BeforeAll
  static void tables() {
    weather = ENGINES.csv("prof_weather", Agreement.testdata().resolve("seattle-weather.csv"));
    cars = ENGINES.csv("prof_cars", Agreement.testdata().resolve("cars.csv"));
    edge = ENGINES.table("prof_edge", EDGE);
    empty = ENGINES.table("prof_empty", "SELECT * FROM (" + EDGE + ") AS e WHERE false");
    single = ENGINES.table("prof_single", "SELECT * FROM (" + EDGE + ") AS e WHERE id = 1");
    // 17 columns, one more than a distribution statement groups, half of them ranked for Spearman
    StringBuilder columns = new StringBuilder("CAST(i AS BIGINT) AS i");
    for (int c = 1; c < 9; c++) {
      columns.append(", CAST(hash(i * ").append(c).append(") % ").append(50 * c);
      columns.append(" AS DOUBLE) / 7 AS n").append(c);
      columns.append(", chr(65 + CAST(hash(i + ").append(c).append(") % ").append(3 + c);
      columns.append(" AS INTEGER)) AS s").append(c);
    }
    wide = ENGINES.table("prof_wide", "SELECT " + columns + " FROM range(400) AS r(i)");
    // enough rows for the consecutive-integer shortcut: id and shuffled hold every integer of
    // their range once, twice repeats one value and so is grouped
    keyed =
        ENGINES.table(
            "prof_keyed",
            "SELECT CAST(i - 5 AS BIGINT) AS id,"
                + " CAST((i * 7919) % 12000 + 100 AS INTEGER) AS shuffled,"
                + " CAST(CASE WHEN i = 3 THEN 4 ELSE i END AS BIGINT) AS twice,"
                + " CAST(hash(i) % 1000 AS DOUBLE) / 7 AS x"
                + " FROM range(12000) AS r(i)");
    // 22 numeric columns: two distribution statements, and the 20 ranked for Spearman span both;
    // 12 categorical ones (66 pairs for Cramér's V); a column of only NULLs of each kind
    StringBuilder more = new StringBuilder("CAST(i AS BIGINT) AS i");
    for (int c = 1; c <= 21; c++) {
      more.append(", CAST(hash(i * ").append(c).append(") % ").append(40 * c);
      more.append(" AS DOUBLE) / 7 AS n").append(c);
    }
    for (int c = 1; c <= 12; c++) {
      more.append(", chr(65 + CAST(hash(i + ").append(c).append(") % ").append(2 + c);
      more.append(" AS INTEGER)) AS s").append(c);
    }
    more.append(", CAST(NULL AS VARCHAR) AS no_text, CAST(NULL AS DOUBLE) AS no_number")
        .append(", CAST(NULL AS DATE) AS no_date, CAST(NULL AS BOOLEAN) AS no_flag")
        .append(", CAST(NULL AS DECIMAL(10, 2)) AS no_amount, '' AS blank");
    wider = ENGINES.table("prof_wider", "SELECT " + more + " FROM range(300) AS r(i)");
  }

  @Test
  void weatherProfilesAgree() {
    Map<String, Object> duck = profile(ENGINES.duck(), weather, ProfileOptions.defaults());
    assertAgree(duck, profile(ENGINES.spark(), weather, ProfileOptions.defaults()));
    // the real data is profiled, not an empty shell: spot-check what pandas says of it
    assertThat(duck).containsEntry("rowCount", 1461L).containsEntry("duplicateRows", 0L);
    Map<String, Object> precipitation = column(duck, "precipitation");
    assertThat((List<?>) ((Map<?, ?>) precipitation.get("numeric")).get("histogram")).isNotEmpty();
    assertThat(((Number) precipitation.get("mean")).doubleValue())
        .isCloseTo(3.0294318959616712, within(1e-12));
  }

  @Test
  void carsProfilesAgreeIncludingRankCorrelationsAndAlerts() {
    Map<String, Object> duck = profile(ENGINES.duck(), cars, ProfileOptions.defaults());
    assertAgree(duck, profile(ENGINES.spark(), cars, ProfileOptions.defaults()));
    Map<?, ?> correlations = (Map<?, ?>) duck.get("correlations");
    assertThat(correlations.get("pearson")).isNotNull();
    assertThat(correlations.get("spearman")).isNotNull();
    assertThat((List<?>) duck.get("alerts")).isNotEmpty();
  }

  @Test
  void edgeCasesAgree() {
    Map<String, Object> duck = profile(ENGINES.duck(), edge, ProfileOptions.defaults());
    assertAgree(duck, profile(ENGINES.spark(), edge, ProfileOptions.defaults()));
    Map<String, Object> num = column(duck, "num");
    assertThat(num).containsEntry("missing", 1L);
    assertThat(((Map<?, ?>) num.get("numeric")).get("infinite")).isEqualTo(2L);
    assertThat(column(duck, "txt").get("strings")).isNotNull();
    assertThat(((Map<?, ?>) duck.get("correlations")).get("cramersV")).isNotNull();
  }

  @Test
  void moreColumnsThanOneStatementGroupsAgree() {
    Map<String, Object> duck = profile(ENGINES.duck(), wide, ProfileOptions.defaults());
    assertAgree(duck, profile(ENGINES.spark(), wide, ProfileOptions.defaults()));
    assertThat((List<?>) duck.get("columns")).hasSize(17);
  }

  @Test
  void consecutiveIntegerColumnsAgreeWithoutBeingGrouped() {
    Map<String, Object> duck = profile(ENGINES.duck(), keyed, ProfileOptions.defaults());
    assertAgree(duck, profile(ENGINES.spark(), keyed, ProfileOptions.defaults()));
    assertThat(column(duck, "id")).containsEntry("distinct", 12_000L);
    assertThat(column(duck, "twice")).containsEntry("distinct", 11_999L);
    ProfileOptions approximate = ProfileOptions.builder().approximate(true).build();
    Map<String, Object> sketched = profile(ENGINES.duck(), keyed, approximate);
    assertThat(column(sketched, "shuffled")).containsEntry("distinctApproximate", false);
    assertThat(column(profile(ENGINES.spark(), keyed, approximate), "shuffled"))
        .containsEntry("distinct", 12_000L)
        .containsEntry("distinctApproximate", false);
  }

  @Test
  void manyRankedAndCategoricalColumnsAndNullOnlyColumnsAgree() {
    Map<String, Object> duck = profile(ENGINES.duck(), wider, ProfileOptions.defaults());
    assertAgree(duck, profile(ENGINES.spark(), wider, ProfileOptions.defaults()));
    Map<?, ?> correlations = (Map<?, ?>) duck.get("correlations");
    assertThat(correlations.get("spearman").toString()).contains("n19");
    assertThat(correlations.get("cramersV").toString()).contains("s12");
    assertThat(column(duck, "no_number")).containsEntry("missing", 300L);
  }

  @Test
  void minimalProfilesAgree() {
    ProfileOptions minimal = ProfileOptions.builder().minimal(true).build();
    assertAgree(profile(ENGINES.duck(), cars, minimal), profile(ENGINES.spark(), cars, minimal));
  }

  @Test
  void approximateProfilesAgreeOnEverythingExact() {
    ProfileOptions approximate = ProfileOptions.builder().approximate(true).build();
    Map<String, Object> duck = profile(ENGINES.duck(), weather, approximate);
    Map<String, Object> spark = profile(ENGINES.spark(), weather, approximate);
    // sketches differ between engines by design; counts, moments and exact string statistics do not
    Agreement agreement =
        agreement()
            .ignore("quantiles")
            .ignore("iqr")
            .ignore("mad")
            .ignore("distinct")
            .ignore("distinctShare")
            .ignore("kind")
            .ignore("kinds")
            .ignore("alerts")
            .ignore("spearman")
            .ignore("histogram")
            .ignore("periods")
            .compare("profile", duck, spark);
    assertThat(agreement.differences()).isEmpty();
    Map<String, Object> temperature = column(spark, "temp_max");
    assertThat(temperature.get("distinctApproximate")).isEqualTo(true);
    double median = ((Number) ((Map<?, ?>) temperature.get("quantiles")).get("0.5")).doubleValue();
    double exact =
        ((Number) ((Map<?, ?>) column(duck(weather), "temp_max").get("quantiles")).get("0.5"))
            .doubleValue();
    assertThat(Math.abs(median - exact)).isLessThan(1.0);
  }

  @Test
  void anEmptyTableComparedWithASingleRowAgrees() {
    Function<DataBox, Map<String, Object>> compare =
        box -> {
          try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
            ProfileComparison comparison =
                profiler().compare(session, empty, single, ProfileOptions.defaults());
            return ProfileJson.toMap(comparison);
          }
        };
    Map<String, Object> duck = compare.apply(ENGINES.duck());
    assertAgree(duck, compare.apply(ENGINES.spark()));
    assertThat(((Map<?, ?>) duck.get("left")).get("rowCount")).isEqualTo(0L);
    assertThat(((Map<?, ?>) duck.get("right")).get("rowCount")).isEqualTo(1L);
  }

  @Test
  void aMissingTableIsTableNotFoundOnBoth() {
    for (DataBox box : List.of(ENGINES.duck(), ENGINES.spark())) {
      try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
        assertThatThrownBy(
                () ->
                    profiler()
                        .profile(session, TableRef.of("prof_absent"), ProfileOptions.defaults()))
            .isInstanceOf(NotFoundException.class)
            .extracting("code")
            .isEqualTo(ErrorCode.TABLE_NOT_FOUND);
      }
    }
  }

  private static Map<String, Object> duck(TableRef table) {
    return profile(ENGINES.duck(), table, ProfileOptions.defaults());
  }

  private static Profiler profiler() {
    return new Profiler(ColumnClassifier.defaults(), Clock.systemUTC());
  }

  private static Map<String, Object> profile(DataBox box, TableRef table, ProfileOptions options) {
    try (SqlSession session = box.openSession(ConformanceEngines.TENANT)) {
      Profile profile = profiler().profile(session, table, options);
      return ProfileJson.toMap(profile);
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> column(Map<String, Object> profile, String name) {
    return ((List<Map<String, Object>>) profile.get("columns"))
        .stream().filter(c -> name.equals(c.get("name"))).findFirst().orElseThrow();
  }

  private static Agreement agreement() {
    SqlDialect duckDialect = ENGINES.duck().engine().dialect();
    SqlDialect sparkDialect = ENGINES.sparkEngine().dialect();
    BiPredicate<Object, Object> sameType =
        (d, s) ->
            d instanceof String a
                && s instanceof String b
                && duckDialect.typeFamily(a) == sparkDialect.typeFamily(b);
    BiPredicate<Object, Object> shape =
        (d, s) ->
            d == null && s == null
                || d instanceof Number a
                    && s instanceof Number b
                    && (Agreement.close(a.doubleValue(), b.doubleValue(), Agreement.STATISTIC)
                        || Math.abs(a.doubleValue() - b.doubleValue()) <= SHAPE_ABSOLUTE);
    return new Agreement()
        .ignore("generatedAt")
        .ignore("elapsedMs")
        // each engine takes its own route where its capabilities differ (DuckDB derives the MAD
        // of bounded columns from materialized value counts, Spark selects over the rows), so the
        // numbers of statements and scans are the engines' own and asserted in their own tests
        .ignore("queries")
        .ignore("scans")
        .rule("type", sameType)
        .rule("leftType", sameType)
        .rule("rightType", sameType)
        .rule("skewness", shape)
        .rule("kurtosis", shape);
  }

  private static void assertAgree(Map<String, Object> duck, Map<String, Object> spark) {
    assertThat(agreement().compare("profile", duck, spark).differences()).isEmpty();
  }
}
