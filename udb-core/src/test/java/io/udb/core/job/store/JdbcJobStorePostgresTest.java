package io.udb.core.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import io.udb.api.job.JobStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the {@link JobStore} contract against {@link JdbcJobStore} on the machine's PostgreSQL, plus
 * what only a shared, persistent store can do. Each test uses a table of its own.
 */
class JdbcJobStorePostgresTest extends JobStoreContractTest {
  private static final AtomicInteger TABLES = new AtomicInteger();
  private static String schema;
  private static DataSource dataSource;

  private String table;

  @BeforeAll
  static void createSchema() throws SQLException {
    schema = TestPostgres.createSchema();
    dataSource = new DriverManagerDataSource(TestPostgres.urlOf(schema), TestPostgres.USER, null);
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    TestPostgres.dropSchema(schema);
  }

  @Override
  protected JobStore newStore() {
    table = "jobs_" + TABLES.incrementAndGet();
    return new JdbcJobStore(dataSource, table);
  }

  @Test
  void jobsSurviveARestart() {
    Job running = running(TENANT_A, "job-1", T0, "node-a");
    Job succeeded =
        running(TENANT_B, "job-2", T0, "node-a").succeeded(T0.plusSeconds(5), Map.of("rows", 7));
    store.save(running);
    store.save(succeeded);
    store.close();

    try (JdbcJobStore restarted = new JdbcJobStore(dataSource, table)) {
      assertThat(restarted.find(TENANT_A, running.id())).contains(running);
      assertThat(restarted.find(TENANT_B, succeeded.id())).contains(succeeded);
    }
  }

  @Test
  void jobsLeftRunningByADeadProcessAreFailedOnStart() {
    Job running = running(TENANT_A, "job-1", T0, "node-a");
    store.save(running);
    store.close();
    Instant now = T0.plusSeconds(600);
    JobError abandoned =
        new JobError(ErrorCode.JOB_ABANDONED, "Node node-a stopped while the job ran", null);

    try (JdbcJobStore restarted = new JdbcJobStore(dataSource, table)) {
      assertThat(restarted.failUnfinished("node-a", abandoned, now)).isEqualTo(1);

      Job found = restarted.find(TENANT_A, running.id()).orElseThrow();
      assertThat(found.state()).isEqualTo(JobState.FAILED);
      assertThat(found.error()).isEqualTo(abandoned);
      assertThat(found.finishedAt()).isEqualTo(now);
      assertThat(found.progress()).isEqualTo(running.progress());
    }
  }

  @Test
  void concurrentFirstSavesOfOneJobLeaveOneRow() throws Exception {
    int rounds = 10;
    int writers = 4;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    try {
      for (int round = 0; round < rounds; round++) {
        Job job = created(TENANT_A, "race-" + round, T0.plusSeconds(round), "node-a");
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> saves = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          saves.add(
              pool.submit(
                  () -> {
                    start.await();
                    store.save(job);
                    return null;
                  }));
        }
        start.countDown();
        for (Future<?> save : saves) {
          save.get(30, TimeUnit.SECONDS);
        }
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(store.list(TENANT_A, 100)).hasSize(rounds);
    assertThat(countRows()).isEqualTo(rounds);
  }

  @Test
  void createsTableWithIndexesInTheConfiguredSchema() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps =
            connection.prepareStatement(
                "SELECT indexname FROM pg_indexes WHERE schemaname = ? AND tablename = ?"
                    + " ORDER BY indexname")) {
      ps.setString(1, schema);
      ps.setString(2, table);
      List<String> indexes = new ArrayList<>();
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          indexes.add(rs.getString(1));
        }
      }
      assertThat(indexes)
          .containsExactly(
              table + "_owner_state_idx", table + "_pkey", table + "_tenant_created_idx");
    }
  }

  @Test
  void acceptsLongestTableName() {
    String longest = "j".repeat(63);

    try (JdbcJobStore longTable = new JdbcJobStore(dataSource, longest)) {
      Job job = created(TENANT_A, "job-1", T0, "node-a");
      longTable.save(job);
      assertThat(longTable.find(TENANT_A, job.id())).contains(job);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "Jobs", "1jobs", "jobs; drop table x", "jobs\"", "a.b"})
  void refusesTableNameThatIsNotAPlainIdentifier(String name) {
    assertThatThrownBy(() -> new JdbcJobStore(dataSource, name))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID));
  }

  @Test
  void refusesTableNameLongerThan63Characters() {
    assertThatThrownBy(() -> new JdbcJobStore(dataSource, "j".repeat(64)))
        .isInstanceOf(ConfigurationException.class);
  }

  @Test
  void reportsUnreachableDatabaseAsStorageErrorWithoutPassword() {
    DataSource unreachable =
        new DriverManagerDataSource(
            "jdbc:postgresql://127.0.0.1:1/test?password=url-secret", "postgres", "arg-secret");

    assertThatThrownBy(() -> new JdbcJobStore(unreachable))
        .isInstanceOfSatisfying(
            UdbException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_ERROR);
              for (Throwable t = e; t != null; t = t.getCause()) {
                assertThat(String.valueOf(t.getMessage()))
                    .doesNotContain("url-secret", "arg-secret");
              }
            })
        .hasMessageContaining("create table " + JdbcJobStore.DEFAULT_TABLE);
  }

  private int countRows() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement ps = connection.prepareStatement("SELECT count(*) FROM " + table);
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getInt(1);
    }
  }
}
