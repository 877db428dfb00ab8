package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.security.pii.ColumnClassifier;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Integer columns holding exactly min..max are profiled without grouping them, and the profile is
 * the one the grouped path gives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsecutiveIntegersTest {
  private static final int ROWS = 20_000;

  private final Profiler grouping =
      new Profiler(ColumnClassifier.defaults(), Clock.systemUTC(), Long.MAX_VALUE);
  private final Profiler shortcut = new Profiler(ColumnClassifier.defaults(), Clock.systemUTC(), 1);
  private TestBoxes boxes;

  @BeforeAll
  void createTables() {
    boxes = new TestBoxes();
    // id: -7..ROWS-8 in order; shuffled: 1000.. in a scrambled order (7919 is prime to ROWS);
    // small: a SMALLINT permutation; gaps: consecutive among its non-NULL values; twice: the
    // range is as wide as the count but one value repeats, so it is not consecutive; x and
    // label: other columns to correlate with
    boxes.sql(
        "CREATE TABLE keyed AS SELECT i - 7 AS id,"
            + " CAST((i * 7919) % "
            + ROWS
            + " + 1000 AS INTEGER) AS shuffled,"
            + " CAST((i * 3) % "
            + ROWS
            + " - 300 AS SMALLINT) AS small,"
            + " CASE WHEN i % 10 = 0 THEN NULL ELSE i - i // 10 END AS gaps,"
            + " CASE WHEN i = 5 THEN 6 ELSE i END AS twice,"
            + " sin(i / 50.0) * 100 + i / 1000.0 AS x,"
            + " ['a', 'b', 'c', 'd'][i % 4 + 1] AS label"
            + " FROM range("
            + ROWS
            + ") t(i)");
    boxes.sql("CREATE TABLE tiny AS SELECT i AS id, i % 7 AS x FROM range(50) t(i)");
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @Test
  void consecutiveColumnsSkipTheGroupingAndGiveTheGroupedProfile() {
    List<String> statements = new ArrayList<>();
    Profile fast = profile(shortcut, "keyed", ProfileOptions.defaults(), statements);
    Profile grouped = profile(grouping, "keyed", ProfileOptions.defaults(), new ArrayList<>());

    assertSameProfile(ProfileJson.toMap(fast), ProfileJson.toMap(grouped));
    // one confirming scan, and no grouping of the four consecutive columns (0, 1, 2, 3)
    assertThat(statements).filteredOn(s -> s.contains("bitstring_agg")).hasSize(1);
    String distribution =
        statements.stream().filter(s -> s.startsWith("WITH g")).findFirst().orElseThrow();
    for (String column : List.of("v0", "v1", "v2", "v3")) {
      assertThat(distribution).doesNotContain("GROUP BY " + column + ")");
      assertThat(distribution).doesNotContain("GROUP BY " + column + " ");
    }
    assertThat(distribution).contains("GROUP BY v4");
    // nor a selection of their deviations from the median for the MAD
    for (String column : List.of("f0", "f1", "f2", "f3")) {
      assertThat(statements).noneMatch(s -> s.contains("abs(" + column + " - "));
    }
    assertThat(distribution).contains("AS c4_mad");

    ColumnProfile id = fast.column("id").orElseThrow();
    assertThat(id.distinct()).isEqualTo(ROWS);
    assertThat(id.min()).isEqualTo(-7L);
    assertThat(id.numeric().mad()).isEqualTo(ROWS / 4.0);
    assertThat(fast.duplicateRows()).isZero();
    assertThat(fast.column("twice").orElseThrow().distinct()).isEqualTo(ROWS - 1);
    assertThat(fast.column("gaps").orElseThrow().distinct()).isEqualTo(ROWS - ROWS / 10);
  }

  @Test
  void histogramBinsAndMinimalModeAgreeToo() {
    ProfileOptions options = ProfileOptions.builder().histogramBins(7).minimal(true).build();
    assertSameProfile(
        ProfileJson.toMap(profile(shortcut, "keyed", options, new ArrayList<>())),
        ProfileJson.toMap(profile(grouping, "keyed", options, new ArrayList<>())));
  }

  @Test
  void smallTablesDoNotPayForTheConfirmingScan() {
    List<String> statements = new ArrayList<>();
    profile(boxes.profiler, "tiny", ProfileOptions.defaults(), statements);
    assertThat(statements).isNotEmpty().noneMatch(s -> s.contains("bitstring_agg"));
  }

  @Test
  void approximateModeKnowsAConsecutiveColumnExactlyAndSoSkipsTheDuplicateGrouping() {
    List<String> statements = new ArrayList<>();
    Profile p =
        profile(shortcut, "keyed", ProfileOptions.builder().approximate(true).build(), statements);
    ColumnProfile id = p.column("id").orElseThrow();
    assertThat(id.distinctApproximate()).isFalse();
    assertThat(id.distinct()).isEqualTo(ROWS);
    assertThat(id.quantiles()).containsEntry("0.5", (ROWS - 1) / 2.0 - 7);
    assertThat(p.column("x").orElseThrow().distinctApproximate()).isTrue();
    assertThat(p.duplicateRows()).isZero();
    assertThat(statements).noneMatch(s -> s.contains("sum(n - 1)"));
    assertThat(p.alerts()).anyMatch(a -> a.type() == AlertType.UNIQUE && "id".equals(a.column()));
  }

  @Test
  void theKthDeviationFromTheMedianOfConsecutiveIntegers() {
    for (long n : new long[] {1, 2, 3, 4, 5, 10, 11}) {
      double median = (n - 1) / 2.0;
      List<Double> deviations = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        deviations.add(Math.abs(i - median));
      }
      deviations.sort(null);
      for (int k = 0; k < n; k++) {
        assertThat(ConsecutiveIntegers.deviation(n, k))
            .as("n=%d k=%d", n, k)
            .isEqualTo(deviations.get(k));
      }
    }
  }

  private Profile profile(
      Profiler profiler, String table, ProfileOptions options, List<String> statements) {
    try (SqlSession session = boxes.box.openSession(TestBoxes.TENANT)) {
      SqlSession recording = new RecordingSession(session, statements);
      Profile profile = profiler.profile(recording, TableRef.of(table), options);
      ProfileSchemaAssertions.assertValid(profile);
      return profile;
    }
  }

  private static final Set<String> RUN_DEPENDENT =
      Set.of("generatedAt", "elapsedMs", "queries", "scans");

  /**
   * Equal documents, floating point within 1e-9 relative; skewness and kurtosis of a symmetric
   * column sum to almost nothing, so within 1e-9 absolute as well.
   */
  private static void assertSameProfile(Object actual, Object expected) {
    assertSame("$", actual, expected);
  }

  private static void assertSame(String path, Object actual, Object expected) {
    if (expected instanceof Map<?, ?> e) {
      assertThat(actual).as(path).isInstanceOf(Map.class);
      Map<?, ?> a = (Map<?, ?>) actual;
      assertThat(a.keySet()).as(path).isEqualTo(e.keySet());
      for (Object key : e.keySet()) {
        if (!RUN_DEPENDENT.contains(String.valueOf(key))) {
          assertSame(path + "." + key, a.get(key), e.get(key));
        }
      }
    } else if (expected instanceof List<?> e) {
      assertThat(actual).as(path).isInstanceOf(List.class);
      List<?> a = (List<?>) actual;
      assertThat(a).as(path).hasSameSizeAs(e);
      for (int i = 0; i < e.size(); i++) {
        assertSame(path + "[" + i + "]", a.get(i), e.get(i));
      }
    } else if (expected instanceof Double e && actual instanceof Double a) {
      double tolerance =
          Math.max(1e-9 * Math.abs(e), path.matches(".*(skewness|kurtosis)") ? 1e-9 : 0);
      assertThat(a).as(path).isCloseTo(e, org.assertj.core.data.Offset.offset(tolerance));
    } else {
      assertThat(actual).as(path).isEqualTo(expected);
    }
  }
}
