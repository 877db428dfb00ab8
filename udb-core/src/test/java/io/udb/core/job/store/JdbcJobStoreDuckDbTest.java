package io.udb.core.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.job.Job;
import io.udb.api.job.JobStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the {@link JobStore} contract against {@link JdbcJobStore} on DuckDB, to keep its SQL
 * portable. Each test uses a database file of its own: connections to one file share one database
 * within the process, whereas every connection to {@code jdbc:duckdb:} would open a new, empty one.
 */
class JdbcJobStoreDuckDbTest extends JobStoreContractTest {
  @TempDir Path dir;

  private DataSource dataSource;

  @Override
  protected JobStore newStore() {
    dataSource =
        new DriverManagerDataSource("jdbc:duckdb:" + dir.resolve("jobs.duckdb"), null, null);
    return new JdbcJobStore(dataSource);
  }

  @Test
  void jobsSurviveARestart() {
    Job job = running(TENANT_A, "job-1", T0, "node-a");
    store.save(job);
    store.close();

    try (JdbcJobStore restarted = new JdbcJobStore(dataSource)) {
      assertThat(restarted.find(TENANT_A, job.id())).contains(job);
    }
  }
}
