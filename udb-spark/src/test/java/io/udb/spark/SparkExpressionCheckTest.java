package io.udb.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.spark.conformance.ConformanceEngines;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.FunctionIdentifier;
import org.apache.spark.sql.catalyst.analysis.FunctionRegistry$;
import org.apache.spark.sql.catalyst.expressions.ExpressionInfo;
import org.apache.spark.sql.catalyst.expressions.Generator;
import org.apache.spark.sql.catalyst.expressions.Nondeterministic;
import org.apache.spark.sql.catalyst.expressions.WindowFunction;
import org.apache.spark.sql.catalyst.expressions.aggregate.AggregateFunction;
import org.junit.jupiter.api.Test;

/** The allow-list check of user expressions on Spark. */
class SparkExpressionCheckTest {
  private final SparkSession spark = ConformanceEngines.get().sparkEngine().spark();

  private Optional<String> problem(String expression) {
    return SparkExpressionCheck.problem(spark, expression);
  }

  @Test
  void acceptsColumnsLiteralsOperatorsAndScalarFunctions() {
    for (String expression :
        List.of(
            "temp_max - temp_min",
            "weather = 'sun' AND NOT (precipitation > 1 OR wind IS NULL)",
            "precipitation BETWEEN 1 AND 20",
            "upper(weather) IN ('RAIN', 'DRIZZLE')",
            "weather LIKE 'r%' OR weather ILIKE 'S%'",
            "CASE WHEN weather = 'sun' THEN 2 WHEN weather IS NULL THEN 0 ELSE 1 END",
            "CAST(temp_max AS INT) % 3 + -wind * 2 / 4",
            "coalesce(x, -1) * n",
            "date_trunc('MONTH', d) >= DATE '2024-01-01'",
            "hour(ts) >= 22 AND ts < TIMESTAMP '2025-01-01 00:00:00'",
            "weather || '!'",
            "substring(weather FROM 1 FOR 2) = 'su'",
            "\"double-quoted string\" = weather",
            "`odd column` > 0",
            "weather.temp_max > 0",
            "d + INTERVAL 1 DAY > d",
            "x <=> y")) {
      assertThat(problem(expression)).as(expression).isEmpty();
    }
  }

  @Test
  void refusesSubqueriesAndTableAccess() {
    assertThat(problem("weather IN (SELECT weather FROM other)")).get().asString().contains("'");
    assertThat(problem("EXISTS (SELECT 1)")).isPresent();
    assertThat(problem("(SELECT max(x) FROM t)")).isPresent();
    assertThat(problem("input_file_name()")).get().asString().contains("input_file_name");
  }

  @Test
  void refusesFunctionsWithEffectsOrOutsideTheList() {
    for (String expression :
        List.of(
            "reflect('java.lang.System', 'exit', 1)",
            "java_method('java.lang.System', 'getenv', 'HOME')",
            "rand() < 0.5",
            "uuid()",
            "current_user()",
            "repeat('x', 1000000000)",
            "weather RLIKE '(a+)+$'",
            "default.my_udf(x)",
            "sum(x)",
            "count(*)",
            "sum(x) OVER ()",
            "upper(DISTINCT weather)",
            "transform(array(1), v -> v + 1)",
            "explode(array(1))",
            "identifier('weather')")) {
      assertThat(problem(expression)).as(expression).isPresent();
    }
  }

  @Test
  void refusesWhatWouldChangeTheStatementAroundIt() {
    assertThat(problem("weather = 'sun' -- the rest"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("contains a comment at position 17"));
    assertThat(problem("weather /* x */ = 'sun'")).get().asString().contains("a comment");
    assertThat(problem("x; DROP TABLE t")).get().asString().contains("';'");
    // Spark's strings take backslash escapes: the comment is outside the string for Spark
    assertThat(problem("'\\'' -- '")).get().asString().contains("a comment");
    assertThat(problem("x AS y")).isPresent();
    assertThat(problem("*")).isPresent();
    assertThat(problem(":name")).isPresent();
    assertThat(problem("a.b.c.d")).get().asString().contains("more than a table and a column");
    assertThat(problem("x +")).get().asString().startsWith("is not valid SQL: ");
  }

  @Test
  void refusesDollarsEvenInsideStringsSinceSparkSubstitutesVariables() {
    assertThat(problem("weather = '${env:HOME}'"))
        .hasValueSatisfying(p -> assertThat(p).startsWith("contains '$' at position 12"));
  }

  @Test
  void everyAllowedFunctionIsABuiltInDeterministicScalarFunction() throws Exception {
    var builtin = FunctionRegistry$.MODULE$.builtin();
    for (String name : SparkExpressionCheck.FUNCTIONS) {
      Optional<ExpressionInfo> info =
          Optional.ofNullable(
              builtin.lookupFunction(FunctionIdentifier.apply(name)).getOrElse(() -> null));
      assertThat(info).as(name).isPresent();
      Class<?> type = Class.forName(info.get().getClassName());
      for (Class<?> refused :
          List.of(
              AggregateFunction.class,
              WindowFunction.class,
              Generator.class,
              Nondeterministic.class)) {
        assertThat(refused.isAssignableFrom(type)).as(name + " is " + refused).isFalse();
      }
    }
  }
}
