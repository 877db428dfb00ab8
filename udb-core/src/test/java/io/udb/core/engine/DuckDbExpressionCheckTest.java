package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import io.udb.core.observe.UdbMetrics;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** DuckDB's check that user SQL is one scalar expression, by the shape of its parse tree. */
class DuckDbExpressionCheckTest {
  private static final TenantId TENANT = TenantId.of("acme");
  private static final TableRef WEATHER = TableRef.of("weather");

  private DuckDbEngine engine;

  @BeforeEach
  void createTable() {
    engine = DuckDbEngine.inMemory(EngineSettings.defaults(), UdbMetrics.noop());
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      session.execute(
          "CREATE TABLE weather AS SELECT DATE '2012-01-01' + CAST(i AS INTEGER) AS date,"
              + " CAST(i AS DOUBLE) AS temp_max FROM range(3) t(i)",
          List.of());
    }
  }

  @AfterEach
  void close() {
    engine.close();
  }

  private Optional<String> problem(String expression) {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      return engine.dialect().expressionProblem(session, WEATHER, expression);
    }
  }

  @Test
  void acceptsScalarExpressions() {
    assertThat(problem("temp_max - 1")).isEmpty();
    assertThat(problem("temp_max > 2 AND date >= DATE '2012-01-02'")).isEmpty();
    assertThat(problem("CASE WHEN temp_max IS NULL THEN 0 ELSE round(temp_max, 1) END")).isEmpty();
  }

  @Test
  void refusesWhatDoesNotParse() {
    assertThat(problem("temp_max +"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("is not valid SQL: "));
  }

  @Test
  void refusesExpressionsThatReshapeTheProbe() {
    assertThat(problem("temp_max), max((temp_max)"))
        .contains(
            "must be a single SQL expression; it changes the shape of the statement it is placed"
                + " in");
    assertThat(problem("temp_max)) AS x FROM weather WHERE ((true")).isPresent();
  }

  @Test
  void probeShapeAcceptsOnlyTheExactProbe() {
    assertThat(DuckDbExpressionCheck.hasProbeShape(tree(probe("temp_max - 1", "")), "weather"))
        .isTrue();
    assertThat(DuckDbExpressionCheck.hasProbeShape(tree(probe("temp_max", "")), "other")).isFalse();
    assertThat(
            DuckDbExpressionCheck.hasProbeShape(tree(probe("temp_max", " WHERE true")), "weather"))
        .isFalse();
    assertThat(
            DuckDbExpressionCheck.hasProbeShape(
                tree(
                    "SELECT any_value((temp_max)) AS \"__udb_probe\" FROM \"weather\" LIMIT 0"
                        + " UNION ALL SELECT 1"),
                "weather"))
        .isFalse();
    assertThat(
            DuckDbExpressionCheck.hasProbeShape(
                tree(
                    "SELECT any_value((temp_max)) AS \"__udb_probe\" FROM \"weather\" LIMIT 0"
                        + " OFFSET 3"),
                "weather"))
        .isFalse();
    assertThat(
            DuckDbExpressionCheck.hasProbeShape(
                tree(
                    "WITH x AS (SELECT 1) SELECT any_value((temp_max)) AS \"__udb_probe\" FROM"
                        + " \"weather\" LIMIT 0"),
                "weather"))
        .isFalse();
  }

  @Test
  void probeIsTheStatementWhoseShapeIsChecked() {
    assertThat(DuckDbExpressionCheck.probe(engine.dialect(), WEATHER, "temp_max"))
        .isEqualTo(probe("temp_max", ""));
  }

  private static String probe(String fragment, String clause) {
    return "SELECT any_value(("
        + fragment
        + ")) AS \"__udb_probe\" FROM \"weather\""
        + clause
        + " LIMIT 0";
  }

  private JsonNode tree(String sql) {
    try (DuckDbSqlSession session = engine.openSession(TENANT)) {
      String json =
          session
              .query("SELECT json_serialize_sql(CAST(? AS VARCHAR))", List.of(sql))
              .rows()
              .get(0)
              .get(0)
              .toString();
      return Json.mapper().readTree(json);
    }
  }
}
