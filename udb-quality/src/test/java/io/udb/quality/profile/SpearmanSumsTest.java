package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.udb.api.engine.SqlSession;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Spearman's rho from exact integer sums of doubled average ranks ({@link DistributionPass}):
 * against the textbook formula in the engine (DuckDB's {@code corr} of average ranks from window
 * functions), against constants computed exactly from that definition, with missing values in some
 * ranked columns and not in others, ties, negative values, NaN and infinities.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpearmanSumsTest {
  private static final List<String> NUMERIC = List.of("id", "a", "b", "c");

  private TestBoxes boxes;

  @BeforeAll
  void createTables() {
    boxes = new TestBoxes();
    // id: consecutive integers (no join); a: no missing values, ties, negatives; b: missing, NaN
    // and +-infinity; c: missing in other rows than b, a decimal
    boxes.sql(
        "CREATE TABLE ranked AS SELECT i AS id,"
            + " CAST(i // 300 - 20 + (i * 37) % 11 AS INTEGER) AS a,"
            + " CASE WHEN i % 13 = 0 THEN NULL WHEN i % 97 = 1 THEN 'nan'::DOUBLE"
            + " WHEN i = 5 THEN 'inf'::DOUBLE WHEN i = 8 THEN '-inf'::DOUBLE"
            + " ELSE ((i * 53) % 211) / 8.0 - 30 + (i // 300) * 1.5 - (i * 37) % 11 END AS b,"
            + " CASE WHEN i % 7 = 3 THEN NULL"
            + " ELSE CAST(((i * 29) % 61 - 30) / 8.0 + i / 1000.0 AS DECIMAL(10, 3)) END AS c,"
            + " ['x', 'y'][i % 2 + 1] AS label"
            + " FROM range(12000) t(i)");
  }

  @AfterAll
  void close() {
    boxes.close();
  }

  @Test
  void exactProfileMatchesCorrOfAverageRanksPairByPair() {
    Profile profile = boxes.profile("ranked");
    CorrelationMatrix spearman = profile.correlations().spearman();
    assertThat(spearman.columns()).containsExactlyElementsOf(NUMERIC);
    double[][] expected = referenceMatrix();
    for (int i = 0; i < NUMERIC.size(); i++) {
      for (int j = 0; j < NUMERIC.size(); j++) {
        double want = expected[i][j];
        // corr's own rounding is far below 1e-12 relative for correlations of this size
        assertThat(Math.abs(want))
            .as("pair %d %d of %s", i, j, java.util.Arrays.deepToString(expected))
            .isGreaterThan(0.01);
        assertThat(spearman.values().get(i).get(j))
            .as("pair %s %s", NUMERIC.get(i), NUMERIC.get(j))
            .isCloseTo(want, within(1e-12 * Math.abs(want)));
      }
    }
  }

  @Test
  void approximateProfileOfASmallTableRanksAllRowsAndAgreesExactly() {
    // the reservoir sample of 100,000 rows holds every row of this table: the same integer sums
    Profile exact = boxes.profile("ranked");
    Profile approximate =
        boxes.profile("ranked", ProfileOptions.builder().approximate(true).build());
    assertThat(approximate.correlations().spearman().values())
        .isEqualTo(exact.correlations().spearman().values());
  }

  @Test
  void decimalProductsGiveTheSameMatrixAsLongProducts() {
    try (SqlSession session = boxes.box.openSession(TestBoxes.TENANT)) {
      long rows = ((Number) boxes.rows("SELECT count(*) FROM ranked").get(0).get(0)).longValue();
      Double[][] longs = spearmanByPass(session, rows, Long.MAX_VALUE);
      Double[][] decimals = spearmanByPass(session, rows, 0);
      assertThat(decimals).isDeepEqualTo(longs);
      assertThat(longs[1][2]).isNotNull();
    }
  }

  @Test
  void productsFitALongUpToTheLargestSafeRowCount() {
    long limit = DistributionPass.LONG_PRODUCT_MAX_ROWS;
    BigInteger largestProduct = BigInteger.valueOf(2 * limit).pow(2);
    assertThat(largestProduct).isLessThanOrEqualTo(BigInteger.valueOf(Long.MAX_VALUE));
    assertThat(BigInteger.valueOf(2 * (limit + 1)).pow(2))
        .isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
  }

  @Test
  void pearsonOfSumsMatchesTheDefinitionWithTies() {
    // x = 3, -1, 4, 1, -5, 9, 2, 6, 5, 3, 5 and y = 2, 7, 1, 8, 2, 8, 1, 8, 2, 8, 4: sums of their
    // doubled average ranks; rho = 0.24361389286817962862... (exact, from the same definition as
    // scipy.stats.spearmanr: Pearson's r of rankdata(method="average"))
    Double rho =
        DistributionPass.pearsonOfSums(
            big(11), big(132), big(132), big(2020), big(1994), big(1687));
    assertThat(rho).isEqualTo(0.24361389286817962862);
  }

  @Test
  void pearsonOfSumsIsNullForConstantOrTooFewPairsAndExactForPerfectOnes() {
    // y constant: n Σy² = (Σy)²
    assertThat(DistributionPass.pearsonOfSums(big(3), big(6), big(12), big(14), big(48), big(24)))
        .isNull();
    assertThat(DistributionPass.pearsonOfSums(big(1), big(4), big(6), big(16), big(36), big(24)))
        .isNull();
    assertThat(DistributionPass.pearsonOfSums(big(0), big(0), big(0), big(0), big(0), big(0)))
        .isNull();
    // x = 2, 4, 6 against y = 2, 4, 6 and against y = 6, 4, 2
    assertThat(DistributionPass.pearsonOfSums(big(3), big(12), big(12), big(56), big(56), big(56)))
        .isEqualTo(1.0);
    assertThat(DistributionPass.pearsonOfSums(big(3), big(12), big(12), big(56), big(56), big(40)))
        .isEqualTo(-1.0);
  }

  private static BigInteger big(long value) {
    return BigInteger.valueOf(value);
  }

  /** DuckDB's corr of the average ranks, each column ranked over its non-missing values. */
  private double[][] referenceMatrix() {
    List<String> ranks = new ArrayList<>();
    for (String column : NUMERIC) {
      String v = "CASE WHEN NOT isnan(CAST(" + column + " AS DOUBLE)) THEN " + column + " END";
      ranks.add(
          "CASE WHEN "
              + v
              + " IS NOT NULL THEN rank() OVER (PARTITION BY "
              + v
              + " IS NULL ORDER BY "
              + v
              + ") + (count(*) OVER (PARTITION BY "
              + v
              + ") - 1) / 2.0 END AS r_"
              + column);
    }
    List<String> pairs = new ArrayList<>();
    for (String x : NUMERIC) {
      for (String y : NUMERIC) {
        pairs.add("corr(r_" + x + ", r_" + y + ")");
      }
    }
    List<Object> row =
        boxes
            .rows(
                "SELECT "
                    + String.join(", ", pairs)
                    + " FROM (SELECT "
                    + String.join(", ", ranks)
                    + " FROM ranked) AS r")
            .get(0);
    int size = NUMERIC.size();
    double[][] matrix = new double[size][size];
    for (int k = 0; k < row.size(); k++) {
      matrix[k / size][k % size] = ((Number) row.get(k)).doubleValue();
    }
    return matrix;
  }

  /**
   * The pass's Spearman matrix of the four numeric columns, run directly with no grouped columns
   * (every ranking computed inside the Spearman subquery), with the given largest row count for
   * 64-bit products: 0 makes every rank a 38-digit decimal, as for tables over 1.5e9 rows.
   */
  private static Double[][] spearmanByPass(SqlSession session, long rows, long longProductMaxRows) {
    List<ColumnState> columns = new ArrayList<>();
    List<String> types = List.of("BIGINT", "INTEGER", "DOUBLE", "DECIMAL(10,3)", "VARCHAR");
    List<String> names = List.of("id", "a", "b", "c", "label");
    for (int i = 0; i < names.size(); i++) {
      columns.add(new ColumnState(ColumnSpec.of(i, names.get(i), types.get(i))));
    }
    List<ColumnState> numeric = columns.subList(0, 4);
    List<Object> counts =
        session
            .query(
                "SELECT count(id), count(a), count(CASE WHEN NOT isnan(b) THEN b END), count(c)"
                    + " FROM ranked",
                List.of())
            .rows()
            .get(0);
    for (int i = 0; i < numeric.size(); i++) {
      numeric.get(i).count = ((Number) counts.get(i)).longValue();
    }
    StringBuilder source = new StringBuilder("(SELECT ");
    for (int i = 0; i < columns.size(); i++) {
      source.append(i == 0 ? "" : ", ").append(columns.get(i).spec.projection(session.dialect()));
    }
    source.append(" FROM ranked) AS src");
    DistributionPass pass =
        new DistributionPass(
            new ProfileSql(session.dialect()),
            ProfileOptions.defaults(),
            List.of(),
            source.toString(),
            numeric,
            rows,
            longProductMaxRows);
    String statement = pass.statement();
    assertThat(statement.contains("DECIMAL(38, 0)")).isEqualTo(longProductMaxRows < rows);
    pass.read(session.query(statement, pass.parameters()).rows().get(0));
    return pass.spearman();
  }
}
