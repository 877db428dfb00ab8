package io.udb.core.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Cancelling a job stops the trusted statement it is running on DuckDB's side, instead of leaving
 * it to run to its end in native code (a Java interrupt does not reach it).
 */
class TrustedStatementCancellationTest {
  private static final TenantId TENANT = TenantId.of("acme");

  /** 10^12 rows: hours of work, unless the statement is stopped. */
  private static final String ENDLESS =
      "SELECT sum(a.range + b.range) FROM range(1000000000) a, range(1000) b";

  @Test
  void cancellingAJobStopsItsRunningStatement() throws Exception {
    assertCancelledWhileRunning(session -> session.query(ENDLESS, List.of()).rows().toString());
  }

  @Test
  void cancellingAJobStopsAStatementOfABulkPathOnTheSessionsConnection() throws Exception {
    assertCancelledWhileRunning(
        session -> {
          DuckDbSqlSession duck = (DuckDbSqlSession) session;
          try (PreparedStatement statement = duck.connection().prepareStatement(ENDLESS);
              InterruptWatch watch = duck.watchInterrupts(statement);
              ResultSet rows = statement.executeQuery()) {
            rows.next();
            return rows.getString(1);
          }
        });
  }

  /** What a job runs on a trusted session. */
  private interface SessionWork {
    String run(SqlSession session) throws Exception;
  }

  private static void assertCancelledWhileRunning(SessionWork work) throws Exception {
    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build()) {
      CountDownLatch started = new CountDownLatch(1);
      Job job =
          box.submit(
              TENANT,
              JobType.PROFILE,
              context -> {
                try (SqlSession session = box.openSession(TENANT)) {
                  started.countDown();
                  return Map.of("sum", work.run(session));
                }
              });
      started.await();
      box.cancelJob(TENANT, job.id());

      Job done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(2));

      assertThat(done.state()).isEqualTo(JobState.CANCELLED);
      assertThat(done.error().code()).isEqualTo(ErrorCode.JOB_CANCELLED);
      assertThat(box.query(TENANT, "SELECT 42 AS answer").rows())
          .as("the tenant's database answers again")
          .containsExactly(List.of(42L));
    }
  }
}
