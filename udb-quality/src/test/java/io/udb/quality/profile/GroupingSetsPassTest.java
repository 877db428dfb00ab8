package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The profile in the shape of an engine that groups columns together ({@link GroupingSetsPass} with
 * the MAD and the duplicate rows in it, Cramér's V reduced in the JVM), run on DuckDB through its
 * own dialect with only {@link SqlDialect#groupsColumnsTogether()} turned on, against DuckDB's own
 * shape: the profile JSON must be the same, floating point within 1e-9 relative. The Spark
 * conformance suite proves the same shape on Spark against DuckDB.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupingSetsPassTest {
  /** How the distribution statement starts: the grouping of every key. */
  private static final String GROUPED = "WITH g AS (SELECT gid, ";

  private static final Set<String> RUN_FIELDS =
      Set.of("generatedAt", "elapsedMs", "queries", "scans");

  private TestBoxes boxes;

  @BeforeAll
  void createTables() {
    boxes = new TestBoxes();
    boxes.sql(
        "CREATE TABLE edge AS SELECT i,"
            + " CASE WHEN i % 17 = 0 THEN NULL WHEN i = 5 THEN 'nan'::DOUBLE"
            + " WHEN i = 6 THEN 'inf'::DOUBLE WHEN i IN (7, 8) THEN '-inf'::DOUBLE"
            + " ELSE ((i * 37) % 101 - 30) / 4.0 END AS x,"
            + " CAST((i * 53) % 29 AS BIGINT) AS y,"
            + " CAST(((i * 7) % 23) / 8.0 AS DECIMAL(10, 3)) AS amount,"
            + " CASE WHEN i % 4 = 0 THEN NULL ELSE ['a', 'bb', '', 'grüße 東京'][i % 4 + 1] END AS s,"
            + " CAST(NULL AS VARCHAR) AS no_text, CAST(NULL AS DOUBLE) AS no_number,"
            + " CAST(NULL AS DATE) AS no_date, CAST(NULL AS BOOLEAN) AS no_flag,"
            + " 7 AS constant, 'same' AS same_text, i % 3 = 0 AS flag,"
            + " DATE '2024-01-01' + CAST(i * 3 AS INTEGER) AS day,"
            + " TIMESTAMP '2023-12-31 22:00:00' + INTERVAL (i * 7) HOUR AS ts,"
            + " ['red', 'green', 'blue'][i % 3 + 1] AS colour,"
            + " CASE WHEN i % 5 < 2 THEN 'p' ELSE 'q' END AS grade"
            + " FROM range(200) t(i)");
    boxes.sql("CREATE TABLE empty_edge AS SELECT * FROM edge WHERE false");
    boxes.sql("CREATE TABLE single_edge AS SELECT * FROM edge WHERE i = 1");
    // 22 numeric columns (two distribution statements, the 20 ranked for Spearman across both) and
    // 12 categorical ones (66 pairs for Cramér's V)
    StringBuilder columns = new StringBuilder("i");
    for (int c = 1; c <= 21; c++) {
      columns.append(", CAST(hash(i * ").append(c).append(") % ").append(40 * c);
      columns.append(" AS DOUBLE) / 7 AS n").append(c);
    }
    for (int c = 1; c <= 12; c++) {
      columns.append(", chr(65 + CAST(hash(i + ").append(c).append(") % ").append(2 + c);
      columns.append(" AS INTEGER)) AS s").append(c);
    }
    boxes.sql("CREATE TABLE wide AS SELECT " + columns + " FROM range(300) t(i)");
    // rows enough for ConsecutiveIntegers: id and shuffled hold every integer of their range once
    boxes.sql(
        "CREATE TABLE keyed AS SELECT i - 3 AS id,"
            + " CAST((i * 7919) % 12000 AS INTEGER) AS shuffled,"
            + " CAST(hash(i) % 500 AS DOUBLE) / 7 AS x, ['u', 'v'][i % 2 + 1] AS label"
            + " FROM range(12000) t(i)");
    boxes.sql("CREATE TABLE keys_only AS SELECT id, shuffled FROM keyed");
    // duplicate rows and no key: 7 * 3 * 2 combinations (some with a null) over 300 rows
    boxes.sql(
        "CREATE TABLE repeated AS SELECT CASE WHEN i % 7 = 0 THEN NULL ELSE i % 7 END AS a,"
            + " (i % 3) * 1.5 AS b, ['x', 'y'][i % 2 + 1] AS s FROM range(300) t(i)");
    // top values across ties: 4 values of 12-13 rows, then 21 values of 6 rows each, of which the
    // top 10 keep the 6 smallest; text sorts 'v10' before 'v2'; two booleans of 100 rows each
    boxes.sql(
        "CREATE TABLE ties AS SELECT a, a / 4.0 - 3 AS x, 'v' || a AS s,"
            + " DATE '2024-01-01' + CAST(a AS INTEGER) AS day, i % 2 = 0 AS flag"
            + " FROM (SELECT i, CASE WHEN i < 150 THEN (i * 7) % 25 ELSE i % 4 END AS a"
            + " FROM range(200) t(i))");
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @Test
  void edgeCasesAgreeWithDuckDbsShape() {
    Map<String, Object> grouped = assertSameProfile("edge", ProfileOptions.defaults());
    assertThat(grouped.toString()).contains("value=-Infinity").contains("value=grüße 東京");
  }

  @Test
  void emptyAndSingleRowTablesAgree() {
    assertSameProfile("empty_edge", ProfileOptions.defaults());
    assertSameProfile("single_edge", ProfileOptions.defaults());
  }

  @Test
  void wideTablesAgreeAcrossStatementsAndPairs() {
    Map<String, Object> grouped = assertSameProfile("wide", ProfileOptions.defaults());
    Map<?, ?> correlations = (Map<?, ?>) grouped.get("correlations");
    assertThat(correlations.get("spearman").toString()).contains("n19");
    assertThat(correlations.get("cramersV").toString()).contains("s12");
    // 34 columns: the grouping of whole rows is a subquery of the first statement, not a grouping
    // set, so a grouping id's 64 bits do not limit it; no duplicates statement of its own
    List<String> statements = new ArrayList<>();
    profile("wide", ProfileOptions.defaults(), true, statements);
    assertThat(statements).filteredOn(sql -> sql.contains("dup_rows")).hasSize(1);
    assertThat(statements).noneMatch(sql -> sql.startsWith("SELECT sum(n - 1)"));
  }

  @Test
  void duplicateRowsComeFromAGroupingOfWholeRowsInTheDistributionStatement() {
    Map<String, Object> grouped = assertSameProfile("repeated", ProfileOptions.defaults());
    assertThat(grouped).containsEntry("duplicateRows", 300L - 42L);
    List<String> statements = new ArrayList<>();
    profile("repeated", ProfileOptions.defaults(), true, statements);
    assertThat(statements)
        .filteredOn(sql -> sql.contains("sum(n - 1) FILTER (WHERE n > 1)"))
        .singleElement()
        .satisfies(sql -> assertThat(sql).startsWith("WITH g AS").contains("dup_rows"));
  }

  @Test
  void topValuesBreakTiesByAscendingValue() {
    Map<String, Object> grouped = assertSameProfile("ties", ProfileOptions.defaults());
    // 2 and 3 have 19 rows, 0 and 1 have 18
    assertThat(topValues(grouped, "a"))
        .as("the four frequent values, then the tied ones by ascending value")
        .containsExactly(2L, 3L, 0L, 1L, 4L, 5L, 6L, 7L, 8L, 9L);
    assertThat(topValues(grouped, "s"))
        .containsExactly("v2", "v3", "v0", "v1", "v10", "v11", "v12", "v13", "v14", "v15");
    assertThat(topValues(grouped, "flag")).containsExactly(false, true);
    assertSameProfile("ties", ProfileOptions.builder().topValues(3).build());
  }

  private static List<Object> topValues(Map<String, Object> profile, String column) {
    for (Object c : (List<?>) profile.get("columns")) {
      Map<?, ?> m = (Map<?, ?>) c;
      if (m.get("name").equals(column)) {
        return ((List<?>) m.get("topValues"))
            .stream().<Object>map(v -> ((Map<?, ?>) v).get("value")).toList();
      }
    }
    throw new AssertionError("no column " + column);
  }

  @Test
  void otherOptionsAgree() {
    assertSameProfile("edge", ProfileOptions.builder().minimal(true).build());
    assertSameProfile(
        "edge",
        ProfileOptions.builder()
            .topValues(0)
            .extremeValues(0)
            .histogramBins(3)
            .datetimePeriod("month")
            .build());
  }

  @Test
  void consecutiveIntegerColumnsAreLeftOutOfTheGroupingAndRankedByValue() {
    List<String> statements = new ArrayList<>();
    profile("keyed", ProfileOptions.defaults(), true, statements);
    assertSameProfile("keyed", ProfileOptions.defaults());
    String distribution =
        statements.stream().filter(sql -> sql.startsWith(GROUPED)).findFirst().get();
    // no key of their values among the expanded rows
    assertThat(distribution).doesNotContainPattern(":= v[01][,)]");
    // a statement of Spearman's rho alone when every column of it is consecutive
    Map<String, Object> keysOnly = assertSameProfile("keys_only", ProfileOptions.defaults());
    assertThat(((Map<?, ?>) keysOnly.get("correlations")).get("spearman")).isNotNull();
  }

  @Test
  void groupsEachStatementsColumnsOnceWithoutScalarSubqueries() {
    List<String> statements = new ArrayList<>();
    profile("edge", ProfileOptions.defaults(), true, statements);
    List<String> distribution = statements.stream().filter(sql -> sql.startsWith(GROUPED)).toList();
    assertThat(distribution).hasSize(1);
    // one row per key for each row of the table, keys of one type sharing a column
    int keys = distribution.get(0).split("gid := ", -1).length - 1;
    Matcher grouping = Pattern.compile("GROUP BY gid((, s\\d+)+)\\)").matcher(distribution.get(0));
    assertThat(grouping.find()).isTrue();
    int slots = grouping.group(1).split(", s", -1).length - 1;
    assertThat(keys).isGreaterThan(10);
    assertThat(slots).isBetween(2, keys / 2);
    // the keys are the columns' values: bins, lengths and periods are counted on their groups
    String expansion =
        distribution
            .get(0)
            .substring(GROUPED.length(), distribution.get(0).indexOf(") AS k WHERE"));
    assertThat(expansion)
        .contains("gid := ")
        .doesNotContain("least(")
        .doesNotContain("length(")
        .doesNotContain("date_trunc(");
    assertThat(distribution.get(0)).doesNotContain("(SELECT list(").doesNotContain("LIMIT");
    // the MAD from the groups' deviations and the duplicate rows from a grouping of whole rows,
    // both in the distribution statement; Cramér's V from one grouping
    assertThat(distribution.get(0)).contains("cum2").contains("dup_rows");
    assertThat(statements).noneMatch(sql -> sql.contains("quantile_disc"));
    assertThat(statements)
        .filteredOn(sql -> sql.contains("sum(n - 1) FILTER (WHERE n > 1)"))
        .containsExactlyElementsOf(distribution);
    assertThat(statements).noneMatch(sql -> sql.contains("UNION ALL"));
  }

  private Map<String, Object> assertSameProfile(String table, ProfileOptions options) {
    Map<String, Object> own = profile(table, options, false, new ArrayList<>());
    Map<String, Object> grouped = profile(table, options, true, new ArrayList<>());
    List<String> differences = new ArrayList<>();
    compare("profile", own, grouped, differences);
    assertThat(differences).as(table).isEmpty();
    return grouped;
  }

  private Map<String, Object> profile(
      String table, ProfileOptions options, boolean together, List<String> statements) {
    try (SqlSession session = boxes.box.openSession(TestBoxes.TENANT)) {
      SqlDialect base = session.dialect();
      SqlDialect dialect =
          (SqlDialect)
              Proxy.newProxyInstance(
                  SqlDialect.class.getClassLoader(),
                  new Class<?>[] {SqlDialect.class},
                  (proxy, method, args) -> {
                    if (method.getName().equals("groupsColumnsTogether")) {
                      return together;
                    }
                    try {
                      return method.invoke(base, args);
                    } catch (InvocationTargetException e) {
                      throw e.getCause();
                    }
                  });
      SqlSession recording = new RecordingSession(session, dialect, statements);
      Profile profile = boxes.profiler.profile(recording, TableRef.of(table), options);
      ProfileSchemaAssertions.assertValid(profile);
      return ProfileJson.toMap(profile);
    }
  }

  private static void compare(String path, Object a, Object b, List<String> differences) {
    if (a instanceof Map<?, ?> ma && b instanceof Map<?, ?> mb) {
      if (!ma.keySet().equals(mb.keySet())) {
        differences.add(path + ": keys " + ma.keySet() + " vs " + mb.keySet());
        return;
      }
      for (Object key : ma.keySet()) {
        if (!RUN_FIELDS.contains(String.valueOf(key))) {
          compare(path + "/" + key, ma.get(key), mb.get(key), differences);
        }
      }
    } else if (a instanceof List<?> la && b instanceof List<?> lb) {
      if (la.size() != lb.size()) {
        differences.add(path + ": " + la.size() + " vs " + lb.size() + " items");
        return;
      }
      for (int i = 0; i < la.size(); i++) {
        compare(path + "[" + i + "]", la.get(i), lb.get(i), differences);
      }
    } else if (a != null && b != null && (a instanceof Double || b instanceof Double)) {
      double x = ((Number) a).doubleValue();
      double y = ((Number) b).doubleValue();
      boolean same =
          Double.compare(x, y) == 0
              || Math.abs(x - y) <= 1e-9 * Math.max(Math.abs(x), Math.abs(y))
              || Math.abs(x - y) <= 1e-12;
      if (!same) {
        differences.add(path + ": " + a + " vs " + b);
      }
    } else if (a == null ? b != null : !a.equals(b)) {
      differences.add(path + ": " + a + " vs " + b);
    }
  }
}
