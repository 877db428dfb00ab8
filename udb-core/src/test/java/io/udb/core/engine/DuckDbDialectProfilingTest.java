package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.TenantId;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import io.udb.core.observe.UdbMetrics;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The profiling primitives of {@link SqlDialect} as DuckDB spells them (the defaults), run on real
 * DuckDB: each gives the result shape its contract promises, which a second engine must give too.
 */
class DuckDbDialectProfilingTest {
  private static final TenantId TENANT = TenantId.of("acme");

  private static DuckDbEngine engine;
  private static DuckDbSqlSession session;
  private static SqlDialect dialect;

  @BeforeAll
  static void open() {
    engine = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    session = engine.openSession(TENANT);
    dialect = session.dialect();
    session.execute(
        "CREATE TABLE t AS SELECT * FROM (VALUES (1, 'a'), (2, 'b'), (2, 'b'), (3, NULL), (NULL,"
            + " 'c')) AS v(x, s)",
        List.of());
  }

  @AfterAll
  static void close() {
    session.close();
    engine.close();
  }

  private static Object one(String sql, Object... parameters) {
    return session.query(sql, List.of(parameters)).rows().get(0).get(0);
  }

  @Test
  void tableColumnsQueryListsColumnsInOrderIgnoringCaseAndNothingForAMissingTable() {
    session.execute("CREATE TABLE \"Mixed\" (b VARCHAR, a DECIMAL(10, 2))", List.of());

    assertThat(session.query(dialect.tableColumnsQuery(), List.of("mixed", "mixed")).rows())
        .containsExactly(List.of("b", "VARCHAR", "Mixed"), List.of("a", "DECIMAL(10,2)", "Mixed"));
    assertThat(session.query(dialect.tableColumnsQuery(), List.of("none", "none")).rows())
        .isEmpty();
  }

  @Test
  void sessionColumnsListATablesColumnsIgnoringCaseAndNoneForAMissingTable() {
    session.execute("CREATE TABLE \"Pair\" (first_one INTEGER, second DOUBLE)", List.of());

    assertThat(session.columns(TableRef.of("pair")))
        .containsExactly(
            new ColumnInfo("first_one", "INTEGER"), new ColumnInfo("second", "DOUBLE"));
    assertThat(session.columns(TableRef.of("absent"))).isEmpty();
  }

  @Test
  void correlationIsPearsonsROverPairwiseCompleteRows() {
    Object r =
        one(
            "SELECT "
                + dialect.correlation("x", "y")
                + " FROM (VALUES (1, 2), (2, 4), (3, 7), (NULL, 1), (4, NULL)) AS v(x, y)");
    // x = 1, 2, 3 against y = 2, 4, 7: r = 5 / sqrt(2 * 12.6667)
    assertThat((Double) r).isCloseTo(0.9933992677987828, within(1e-12));
  }

  @Test
  void structListGivesMapsKeyedByFieldName() {
    Object list =
        one(
            "SELECT "
                + dialect.structList(List.of("v", "n"), List.of("x", "x * 10"))
                + " FROM t WHERE x = 1");

    assertThat(list).isEqualTo(List.of(Map.of("v", 1L, "n", 10L)));
  }

  @Test
  void firstRowsAsListKeepsTheOrderAndTheLimit() {
    String counts = "(SELECT s AS v, count(*) AS n FROM t WHERE s IS NOT NULL GROUP BY s) AS g";

    Object top =
        one("SELECT " + dialect.firstRowsAsList(counts, List.of("v", "n"), "n DESC, v", 2));

    assertThat(top).isEqualTo(List.of(Map.of("v", "b", "n", 2L), Map.of("v", "a", "n", 1L)));
  }

  @Test
  void extremeRowsAsListTakesTheSmallestAscendingAndTheLargestDescending() {
    String counts = "g";
    String statement =
        "WITH g AS (SELECT s AS v, count(*) AS n FROM t WHERE s IS NOT NULL GROUP BY s) SELECT "
            + dialect.extremeRowsAsList(counts, List.of("v", "n"), "v", false, 2)
            + ", "
            + dialect.extremeRowsAsList(counts, List.of("v", "n"), "v", true, 2)
            + " FROM g";

    List<Object> row = session.query(statement, List.of()).rows().get(0);

    assertThat(row.get(0)).isEqualTo(List.of(Map.of("v", "a", "n", 1L), Map.of("v", "b", "n", 2L)));
    assertThat(row.get(1)).isEqualTo(List.of(Map.of("v", "c", "n", 1L), Map.of("v", "b", "n", 2L)));
  }

  @Test
  void valueCountsMapsEachValuesTextToItsCountSkippingNulls() {
    Object all = one("SELECT " + dialect.valueCounts("t", "x", null) + " FROM t");
    Object some = one("SELECT " + dialect.valueCounts("t", "x + ?", "x > 1") + " FROM t", 10);

    assertThat(all).isEqualTo(Map.of("1", 1L, "2", 2L, "3", 1L));
    assertThat(some).isEqualTo(Map.of("12", 2L, "13", 1L));
  }

  @Test
  void valuesAtRanksPicksTheExactValueAtEachRank() {
    for (long n : List.of(1L, 2L, 7L, 10L, 1001L)) {
      List<Long> ranks = new ArrayList<>();
      for (long k = 0; k < n; k += Math.max(1, n / 50)) {
        ranks.add(k);
      }
      ranks.add(n - 1);

      // values 0, 10, 20, ...: the value at rank k is 10 k
      Object values =
          one(
              "SELECT "
                  + dialect.valuesAtRanks("v", n, ranks)
                  + " FROM (SELECT CAST(range AS DOUBLE) * 10 AS v FROM range(?))",
              n);

      assertThat(values)
          .as("n = %d", n)
          .isEqualTo(ranks.stream().map(k -> (Object) (k * 10.0)).toList());
    }
  }

  @Test
  void approximateQuantilesGiveOneNumberPerFractionInOrder() {
    List<Object> row =
        session
            .query(
                "SELECT "
                    + dialect.approximateQuantiles("x", List.of(0.0, 0.5, 1.0))
                    + ", "
                    + dialect.approximateQuantile("x", 0.5)
                    + " FROM t",
                List.of())
            .rows()
            .get(0);

    // four values fit any sample whole
    assertThat(row).containsExactly(List.of(1L, 2L, 3L), 2L);
  }

  @Test
  void extremeValuesKeepRepeatsInOrder() {
    List<Object> row =
        session
            .query(
                "SELECT "
                    + dialect.smallestValues("x", 3)
                    + ", "
                    + dialect.largestValues("x", 3)
                    + ", "
                    + dialect.approximateDistinct("x")
                    + " FROM t",
                List.of())
            .rows()
            .get(0);

    assertThat(row).containsExactly(List.of(1L, 2L, 2L), List.of(3L, 2L, 2L), 3L);
  }

  @Test
  void sampleKeepsAFixedNumberOfRowsTheSameEachTime() {
    String sample = dialect.sample("SELECT range AS r FROM range(1000) AS src", 10);
    String sql = "SELECT count(*), sum(r) FROM (" + sample + ") AS s";

    List<Object> first = session.query(sql, List.of()).rows().get(0);

    assertThat(first.get(0)).isEqualTo(10L);
    assertThat(session.query(sql, List.of()).rows().get(0)).isEqualTo(first);
  }

  @Test
  void groupingIdSetsTheBitOfEachExpressionAggregatedAway() {
    String sql =
        "WITH "
            + dialect.materialized("m", "SELECT x, s FROM t WHERE x IS NOT NULL AND s IS NOT NULL")
            + " SELECT "
            + dialect.groupingId(List.of("x", "s"))
            + " AS gid, count(*) FROM m GROUP BY GROUPING SETS ((x), (s), ()) ORDER BY gid";

    List<List<Object>> rows = session.query(sql, List.of()).rows();

    assertThat(rows.stream().map(r -> r.get(0)).distinct().toList()).containsExactly(1L, 2L, 3L);
  }

  @Test
  void lengthsAndCharacterClassesCountCodePoints() {
    String text = "'Ab 1\t2\u000b,é👍'";
    List<Object> row =
        session
            .query(
                "SELECT "
                    + dialect.byteLength(text)
                    + ", "
                    + dialect.characterCount(text, "\\pL")
                    + ", "
                    + dialect.characterCount(text, "\\p{Nd}")
                    + ", "
                    + dialect.characterCount(text, "\\t\\n\\f\\r ")
                    + ", "
                    + dialect.characterCount(text, "\\p{P}")
                    + ", "
                    + dialect.characterCount(text, "\\x{80}-\\x{10FFFF}"),
                List.of())
            .rows()
            .get(0);

    // 8 ASCII bytes, é 2, the emoji 4; the vertical tab is no space in RE2 nor in this class
    assertThat(row).containsExactly(14L, 3L, 2L, 2L, 1L, 2L);
  }

  @Test
  void periodStartIsTheFirstDayAsIsoText() {
    String ts = "TIMESTAMP '2024-05-16 13:45:00'";

    List<Object> row =
        session
            .query(
                "SELECT "
                    + String.join(
                        ", ",
                        List.of("day", "week", "month", "quarter", "year").stream()
                            .map(grain -> dialect.periodStart(ts, grain))
                            .toList()),
                List.of())
            .rows()
            .get(0);

    assertThat(row)
        .containsExactly("2024-05-16", "2024-05-13", "2024-05-01", "2024-04-01", "2024-01-01");
  }
}
