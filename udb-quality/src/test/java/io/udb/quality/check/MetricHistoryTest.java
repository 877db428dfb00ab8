package io.udb.quality.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Metric history in the tenant database and anomaly detection on it. */
class MetricHistoryTest {
  private static final TenantId TENANT = TenantId.of("acme");

  private final StepClock clock = new StepClock(Instant.parse("2024-03-01T00:00:00Z"));
  private final QualityService service = new QualityService();
  private DataBox box;

  @BeforeEach
  void load() {
    box = DataBox.builder().inMemory().eventSinks(List.of()).clock(clock).build();
    TestTables.load(box, TENANT, "cars.csv", "cars");
  }

  @AfterEach
  void close() {
    box.close();
  }

  private QualityReport run(CheckSuite suite, QualityOptions options) {
    clock.advance(Duration.ofDays(1));
    return service.run(box, TENANT, TableRef.of("cars"), suite, options);
  }

  private static List<CheckResult> anomalies(QualityReport report) {
    return report.checks().stream().filter(c -> c.check().equals("anomaly")).toList();
  }

  @Test
  void recordsRowCountAndEveryCheckMetricPerRun() {
    CheckSuite suite =
        Checks.on("cars").hasCompleteness("Horsepower", Bound.ge(0.9)).isUnique("Name").build();
    run(suite, QualityOptions.defaults());
    run(suite, QualityOptions.defaults());
    List<MetricHistory.Entry> entries = MetricHistory.read(box, TENANT, TableRef.of("cars"));
    assertThat(entries).hasSize(6);
    MetricHistory.Entry newest = entries.get(0);
    assertThat(newest.recordedAt()).isEqualTo(Instant.parse("2024-03-03T00:00:00Z"));
    assertThat(entries)
        .filteredOn(e -> e.recordedAt().equals(newest.recordedAt()))
        .extracting(
            MetricHistory.Entry::metric, MetricHistory.Entry::column, MetricHistory.Entry::value)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("row_count", null, 406.0),
            org.assertj.core.groups.Tuple.tuple("completeness", "Horsepower", 400.0 / 406),
            org.assertj.core.groups.Tuple.tuple("uniqueness", "Name", 254.0 / 406));
    assertThat(entries).allSatisfy(e -> assertThat(e.table()).isEqualTo("cars"));
    assertThat(entries).allSatisfy(e -> assertThat(e.jobId()).isNull());
  }

  @Test
  void rowCountDropOfFortyPercentIsAWarningAnomaly() {
    CheckSuite suite = Checks.on("cars").isComplete("Name").build();
    for (int i = 0; i < 3; i++) {
      assertThat(anomalies(run(suite, QualityOptions.defaults()))).isEmpty();
    }
    TestTables.execute(box, TENANT, "DELETE FROM cars WHERE rowid % 5 < 2");
    QualityReport report = run(suite, QualityOptions.defaults());
    assertThat(report.rowCount()).isEqualTo(243);
    List<CheckResult> anomalies = anomalies(report);
    assertThat(anomalies).hasSize(1);
    CheckResult anomaly = anomalies.get(0);
    assertThat(anomaly.status()).isEqualTo(CheckStatus.WARNING);
    assertThat(anomaly.name()).isEqualTo("row_count");
    assertThat(anomaly.metric()).isEqualTo(243.0);
    assertThat(anomaly.message())
        .isEqualTo("row count dropped 40.1% vs the last 3 runs (mean 406, now 243)");
    assertThat(report.passed()).isTrue();
  }

  @Test
  void windowLimitsTheHistoryCompared() {
    CheckSuite suite = Checks.on("cars").isComplete("Name").build();
    QualityOptions options =
        QualityOptions.defaults()
            .withAnomalies(
                new AnomalyDetection(
                    2,
                    List.of(AnomalyRule.rowCount(new AnomalyStrategy.AbsoluteChange(10.0, 10.0)))));
    run(suite, options);
    TestTables.execute(box, TENANT, "DELETE FROM cars WHERE rowid < 100");
    assertThat(anomalies(run(suite, options))).hasSize(1);
    run(suite, options);
    QualityReport settled = run(suite, options);
    assertThat(anomalies(settled)).isEmpty();
  }

  @Test
  void standardDeviationRuleFlagsACheckMetricOutsideItsBand() {
    CheckSuite suite = Checks.on("cars").hasCompleteness("Horsepower", Bound.ge(0.5)).build();
    QualityOptions options =
        QualityOptions.defaults()
            .withAnomalies(
                new AnomalyDetection(
                    7,
                    List.of(AnomalyRule.allChecks(new AnomalyStrategy.StandardDeviations(3), 2))));
    run(suite, options);
    TestTables.execute(box, TENANT, "UPDATE cars SET Horsepower = NULL WHERE rowid = 0");
    run(suite, options);
    TestTables.execute(box, TENANT, "UPDATE cars SET Horsepower = NULL WHERE rowid < 200");
    List<CheckResult> anomalies = anomalies(run(suite, options));
    assertThat(anomalies).hasSize(1);
    assertThat(anomalies.get(0).column()).isEqualTo("Horsepower");
    assertThat(anomalies.get(0).name()).isEqualTo("completeness");
    assertThat(anomalies.get(0).message())
        .startsWith("completeness(Horsepower) is ")
        .contains("standard deviations below the mean vs the last 2 runs");
  }

  @Test
  void historyIsStoredInTheInternalSchemaThatUserSqlCannotName() {
    run(Checks.on("cars").isComplete("Name").build(), QualityOptions.defaults());
    assertThatThrownBy(() -> box.query(TENANT, "SELECT * FROM udb_meta.metric_history"))
        .isInstanceOf(SqlRejectedException.class)
        .extracting(e -> ((SqlRejectedException) e).code())
        .isEqualTo(ErrorCode.SQL_FORBIDDEN);
    assertThatThrownBy(() -> box.query(TENANT, "SELECT * FROM metric_history"))
        .isInstanceOf(io.udb.api.UdbException.class)
        .extracting(e -> ((io.udb.api.UdbException) e).code())
        .isIn(ErrorCode.SQL_UNKNOWN_TABLE, ErrorCode.SQL_EXECUTION_ERROR);
    assertThat(box.tables(TENANT)).extracting(TableInfo::name).containsExactly("cars");
    assertThat(
            TestTables.value(
                box,
                TENANT,
                "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'udb_meta'"
                    + " AND table_name = 'metric_history'"))
        .isEqualTo(1L);
  }

  @Test
  void nothingIsRecordedWhenHistoryIsOff() {
    run(Checks.on("cars").isComplete("Name").build(), QualityOptions.defaults().withHistory(false));
    assertThat(MetricHistory.read(box, TENANT, TableRef.of("cars"))).isEmpty();
  }

  /** A clock that moves only when told, so that runs get distinct, known times. */
  private static final class StepClock extends Clock {
    private Instant now;

    StepClock(Instant start) {
      now = start;
    }

    void advance(Duration step) {
      now = now.plus(step);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
