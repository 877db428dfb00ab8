package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.observe.MetricNames;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Hostile custom predicates are refused with a {@code SQL_*} code before anything of the run
 * executes: no table is dropped, no quarantine written, no history recorded.
 */
class PredicateGuardTest {
  private static final TenantId TENANT = TenantId.of("acme");

  private final RecordingMetrics metrics = new RecordingMetrics();
  private DataBox box;

  @BeforeEach
  void load() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).metrics(metrics).build();
    TestTables.load(box, TENANT, "cars.csv", "cars");
    TestTables.execute(box, TENANT, "CREATE TABLE t AS SELECT 1 AS x");
  }

  @AfterEach
  void close() {
    box.close();
  }

  private QualityReport run(String predicate) {
    CheckSuite suite = Checks.on("cars").isComplete("Name").satisfies("hostile", predicate).build();
    return new QualityService()
        .run(
            box,
            TENANT,
            TableRef.of("cars"),
            suite,
            QualityOptions.defaults().withQuarantine(true));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "1=1; DROP TABLE t|SQL_MULTIPLE_STATEMENTS",
        "1=1) UNION SELECT count(*) FROM read_csv('/etc/passwd') --|SQL_FORBIDDEN",
        "1=1) UNION SELECT count(*) FROM read_csv('/etc/passwd') WHERE (1=1|SQL_FORBIDDEN",
        "1=1) OR (1=1|SQL_FORBIDDEN",
        "Horsepower > 0 -- ignore the rest|SQL_FORBIDDEN",
        "Horsepower > 0 /* comment */|SQL_FORBIDDEN",
        "Name IN (SELECT column0 FROM read_csv('/etc/passwd'))|SQL_FORBIDDEN",
        "Name IN (SELECT Name FROM t)|SQL_FORBIDDEN",
        "EXISTS (SELECT 1)|SQL_FORBIDDEN",
        "length(getenv('HOME')) > 0|SQL_FORBIDDEN",
        "current_setting('threads') IS NOT NULL|SQL_FORBIDDEN",
        "Name = 'unterminated|SQL_PARSE_ERROR",
        "Horsepower >|SQL_PARSE_ERROR",
      })
  void refusesHostilePredicateBeforeAnythingRuns(String predicate, String code) {
    assertThatThrownBy(() -> run(predicate))
        .isInstanceOf(SqlRejectedException.class)
        .extracting(e -> ((SqlRejectedException) e).code())
        .isEqualTo(ErrorCode.valueOf(code));
    assertThat(box.describe(TENANT, TableRef.of("t"))).isPresent();
    assertThat(box.describe(TENANT, TableRef.of("cars__quarantine"))).isEmpty();
    assertThat(MetricHistory.read(box, TENANT, TableRef.of("cars"))).isEmpty();
    assertThat(metrics.total(QualityMetricNames.RUNS, "status", "error", "tenant", "acme"))
        .isEqualTo(1);
  }

  @Test
  void refusalsCountAsRejectedSql() {
    assertThatThrownBy(() -> run("1=1) OR (1=1")).isInstanceOf(SqlRejectedException.class);
    assertThatThrownBy(() -> run("length(getenv('HOME')) > 0"))
        .isInstanceOf(SqlRejectedException.class);
    assertThat(metrics.total(MetricNames.SQL_REJECTED, "reason", "predicate_shape")).isEqualTo(1);
    assertThat(metrics.total(MetricNames.SQL_REJECTED, "reason", "function")).isEqualTo(1);
  }

  @Test
  void refusalMessageNamesTheCheck() {
    assertThatThrownBy(() -> run("1=1) OR (1=1"))
        .hasMessageContaining("The predicate of check 'hostile'");
  }

  @Test
  void ordinaryPredicatesWithQuotesAndParenthesesAreAccepted() {
    QualityReport report = run("(Origin = 'USA' OR Origin = 'Japan') AND \"Name\" <> ')('");
    CheckResult result = report.checks().get(1);
    assertThat(result.status()).isEqualTo(CheckStatus.FAILED);
    assertThat(result.failingRows()).isEqualTo(73);
  }

  @Test
  void statementShapeIsExactlyTheCountOverTheOneTable() {
    assertThat(
            PredicateGuard.countStatement(box.engine().dialect(), TableRef.of("my \"t\""), "x > 1"))
        .isEqualTo("SELECT count(*) FROM \"my \"\"t\"\"\" WHERE NOT (x > 1)");
  }
}
