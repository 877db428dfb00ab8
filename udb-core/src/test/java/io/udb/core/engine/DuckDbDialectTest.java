package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableRef;
import io.udb.api.engine.TypeFamily;
import io.udb.core.observe.UdbMetrics;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The check and drift primitives of {@link SqlDialect} as DuckDB spells them, run on a real
 * in-memory DuckDB.
 */
class DuckDbDialectTest {
  private static final TenantId TENANT = TenantId.of("acme");

  private DuckDbEngine engine;
  private final SqlDialect dialect = new DuckDbDialect();

  @BeforeEach
  void open() {
    engine = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private void execute(String sql) {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      session.execute(sql, List.of());
    }
  }

  private List<List<Object>> query(String sql, List<?> parameters) {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      return session.query(sql, parameters).rows();
    }
  }

  @Test
  void everyTypeDuckDbReportsHasItsFamily() {
    execute(
        "CREATE TABLE t (a TINYINT, b UBIGINT, c HUGEINT, d REAL, e DOUBLE, f DECIMAL(10,2),"
            + " g VARCHAR, h BOOLEAN, i DATE, j TIMESTAMP, k TIMESTAMPTZ, l TIMESTAMP_NS, m TIME,"
            + " n INTERVAL, o UUID, p JSON, q ENUM('x', 'y'), r INTEGER[], s STRUCT(x INT),"
            + " u MAP(VARCHAR, INT), v BLOB, w BIT)");
    Map<String, TypeFamily> families = new LinkedHashMap<>();
    for (ColumnInfo column : engine.describe(TENANT, TableRef.of("t")).orElseThrow().columns()) {
      families.put(column.name(), dialect.typeFamily(column.type()));
    }
    assertThat(families)
        .containsExactly(
            Map.entry("a", TypeFamily.INTEGER),
            Map.entry("b", TypeFamily.INTEGER),
            Map.entry("c", TypeFamily.INTEGER),
            Map.entry("d", TypeFamily.FLOATING),
            Map.entry("e", TypeFamily.FLOATING),
            Map.entry("f", TypeFamily.DECIMAL),
            Map.entry("g", TypeFamily.STRING),
            Map.entry("h", TypeFamily.BOOLEAN),
            Map.entry("i", TypeFamily.DATE),
            Map.entry("j", TypeFamily.TIMESTAMP),
            Map.entry("k", TypeFamily.TIMESTAMP),
            Map.entry("l", TypeFamily.TIMESTAMP),
            Map.entry("m", TypeFamily.TIME),
            Map.entry("n", TypeFamily.INTERVAL),
            Map.entry("o", TypeFamily.OTHER_SCALAR),
            Map.entry("p", TypeFamily.OTHER_SCALAR),
            Map.entry("q", TypeFamily.OTHER_SCALAR),
            Map.entry("r", TypeFamily.NESTED),
            Map.entry("s", TypeFamily.NESTED),
            Map.entry("u", TypeFamily.NESTED),
            Map.entry("v", TypeFamily.OTHER),
            Map.entry("w", TypeFamily.OTHER));
  }

  @Test
  void aliasesOfOneTypeHaveOneCanonicalForm() {
    assertThat(dialect.canonicalType("int8")).isEqualTo(dialect.canonicalType("BIGINT"));
    assertThat(dialect.canonicalType("text")).isEqualTo("VARCHAR");
    assertThat(dialect.canonicalType("STRING")).isEqualTo("VARCHAR");
    assertThat(dialect.canonicalType("numeric( 10, 2 )")).isEqualTo("DECIMAL(10,2)");
    assertThat(dialect.canonicalType("timestamptz")).isEqualTo("TIMESTAMP WITH TIME ZONE");
    assertThat(dialect.canonicalType("DOUBLE")).isNotEqualTo(dialect.canonicalType("FLOAT"));
  }

  @Test
  void fullMatchNeedsTheWholeTextAndFailsOnABadPattern() {
    List<List<Object>> rows =
        query(
            "SELECT "
                + dialect.regexFullMatch("'abc'", "?")
                + ", "
                + dialect.regexFullMatch("'abc'", "?")
                + ", "
                + dialect.regexFullMatch("'ab\nc'", "?"),
            List.of("a.c", "b", "ab.c"));
    assertThat(rows).containsExactly(List.of(true, false, false));
    assertThatThrownBy(() -> query("SELECT " + dialect.regexFullMatch("'a'", "?"), List.of("(")))
        .hasMessageContaining("Internal query failed");
  }

  @Test
  void textReadsAsFollowsDuckDbsCasts() {
    String[] texts = {" 12 ", "1e5", "abc", "yes", "2020-02-29", "2020-02-30", "2020-01-01 10:00"};
    TypeFamily[] families = {
      TypeFamily.INTEGER,
      TypeFamily.FLOATING,
      TypeFamily.BOOLEAN,
      TypeFamily.DATE,
      TypeFamily.TIMESTAMP
    };
    StringBuilder sql = new StringBuilder("SELECT ");
    for (int f = 0; f < families.length; f++) {
      sql.append(f == 0 ? "" : ", ").append(dialect.textReadsAs("x", families[f]));
    }
    sql.append(" FROM (VALUES ");
    for (int t = 0; t < texts.length; t++) {
      sql.append(t == 0 ? "(" : ", (").append(t).append(", ?)");
    }
    sql.append(") AS t(i, x) ORDER BY i");
    assertThat(query(sql.toString(), List.of((Object[]) texts)))
        .containsExactly(
            List.of(true, true, false, false, false),
            List.of(false, true, false, false, false),
            List.of(false, false, false, false, false),
            List.of(false, false, true, false, false),
            List.of(false, false, false, true, true),
            List.of(false, false, false, false, false),
            List.of(false, false, false, true, true));
    assertThatThrownBy(() -> dialect.textReadsAs("x", TypeFamily.INTERVAL))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void valueCountsQueryGivesKeyValueStructsPerColumn() {
    execute("CREATE TABLE v AS SELECT * FROM (VALUES ('a', 1), ('b', 1), ('a', 2)) AS t(s, n)");
    List<List<Object>> rows =
        query(
            dialect.valueCountsQuery(dialect.table(TableRef.of("v")), List.of("s", "n")),
            List.of());
    assertThat(rows).hasSize(1);
    assertThat(rows.get(0).get(0))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrder(
            Map.of("key", "a", "value", 2L), Map.of("key", "b", "value", 1L));
    assertThat(rows.get(0).get(1))
        .asInstanceOf(InstanceOfAssertFactories.LIST)
        .containsExactlyInAnyOrder(Map.of("key", 1L, "value", 2L), Map.of("key", 2L, "value", 1L));
  }

  @Test
  void internalTablesAreCreatedOnceAndListedByName() {
    String query = dialect.internalTablesQuery(List.of("one", "two"));
    assertThat(query(query, List.of())).isEmpty();
    for (String statement :
        dialect.createInternalTable(
            "one", "k " + dialect.textType() + " NOT NULL, v INTEGER", List.of("k"))) {
      execute(statement);
    }
    assertThat(query(query, List.of())).containsExactly(List.of("one"));
    execute("INSERT INTO " + dialect.internalTable("one") + " VALUES ('x', 1)");
    assertThatThrownBy(
            () -> execute("INSERT INTO " + dialect.internalTable("one") + " VALUES ('x', 2)"))
        .hasMessageContaining("Internal statement failed");
  }

  @Test
  void predicatesOfTheCountShapeAreAdmittedAndOthersRefused() {
    execute("CREATE TABLE t AS SELECT 1 AS x");
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      dialect.checkPredicate(session, TableRef.of("t"), "x > 0 AND (x < 5 OR x IS NULL)");
      assertThatThrownBy(() -> dialect.checkPredicate(session, TableRef.of("t"), "x IN (SELECT 1)"))
          .isInstanceOf(SqlRejectedException.class)
          .hasMessageStartingWith("must be a boolean expression over the columns of table 't'");
      assertThatThrownBy(() -> dialect.checkPredicate(session, TableRef.of("t"), "x >"))
          .isInstanceOf(SqlRejectedException.class)
          .extracting(e -> ((SqlRejectedException) e).code())
          .isEqualTo(ErrorCode.SQL_PARSE_ERROR);
    }
  }

  @Test
  void aDialectWithoutItsOwnCheckRefusesEveryPredicate() {
    SqlDialect bare =
        new SqlDialect() {
          @Override
          public String name() {
            return "bare";
          }

          @Override
          public String quantileContinuous(String expression, double fraction) {
            return dialect.quantileContinuous(expression, fraction);
          }

          @Override
          public String dateTrunc(String grain, String expression) {
            return dialect.dateTrunc(grain, expression);
          }
        };
    execute("CREATE TABLE t AS SELECT 1 AS x");
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      assertThatThrownBy(() -> bare.checkPredicate(session, TableRef.of("t"), "x > 0"))
          .isInstanceOf(SqlRejectedException.class)
          .extracting(e -> ((SqlRejectedException) e).code())
          .isEqualTo(ErrorCode.SQL_FORBIDDEN);
    }
  }
}
