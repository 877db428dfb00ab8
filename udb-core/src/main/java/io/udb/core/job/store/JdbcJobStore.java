package io.udb.core.job.store;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobType;
import io.udb.core.json.Json;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link JobStore} in one table of a SQL database reached through a {@link DataSource}, so that
 * several nodes can share their jobs and a restarted node finds the jobs it left behind. PostgreSQL
 * is the primary target; the SQL is standard enough to run on DuckDB as well.
 *
 * <p>The table (default {@value #DEFAULT_TABLE}) and its indexes on {@code (tenant, created_at)}
 * and {@code (owner, state)} are created when absent. Times are stored as BIGINT nanoseconds since
 * the epoch (exact for 1677-2262; e.g. {@code to_timestamp(created_at / 1e9)} in PostgreSQL), so
 * that snapshots round-trip unchanged. A job's result is stored as JSON text and comes back as a
 * JSON tree: maps and lists keep their shape, but numbers come back as {@link Integer}, {@link
 * Long}, {@link java.math.BigInteger} or {@link java.math.BigDecimal}, whatever type they were
 * saved as.
 *
 * <p>Thread-safe; each call borrows a connection from the data source and returns it, so a pooling
 * data source is recommended. Job ids are unique across tenants: saving a job under an id that
 * belongs to another tenant's job is refused rather than overwriting it.
 */
public final class JdbcJobStore implements JobStore {
  /** The table name used when none is given. */
  public static final String DEFAULT_TABLE = "udb_jobs";

  private static final Logger LOG = LoggerFactory.getLogger(JdbcJobStore.class);

  private final DataSource dataSource;
  private final JobTable table;
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A store in table {@value #DEFAULT_TABLE}, created when absent.
   *
   * @param dataSource where the table lives; the caller keeps ownership and closes it
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when the table cannot be created
   */
  public JdbcJobStore(DataSource dataSource) {
    this(dataSource, DEFAULT_TABLE);
  }

  /**
   * A store in the given table, created when absent.
   *
   * @param dataSource where the table lives; the caller keeps ownership and closes it
   * @param tableName a plain SQL identifier: 1-63 characters of {@code a-z}, {@code 0-9} and {@code
   *     _}, not starting with a digit
   * @throws io.udb.api.ConfigurationException with {@link ErrorCode#CONFIG_INVALID} when the table
   *     name is not a plain identifier
   * @throws UdbException with {@link ErrorCode#STORAGE_ERROR} when the table cannot be created
   */
  public JdbcJobStore(DataSource dataSource, String tableName) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.table = new JobTable(tableName);
    createTable();
  }

  @Override
  public void save(Job job) {
    Objects.requireNonNull(job, "job");
    ensureOpen();
    run(
        "save job " + job.id(),
        connection -> {
          // Two nodes may insert the same new job at once; the loser's insert fails, and on the
          // second attempt its update finds the winner's row.
          for (int attempt = 1; ; attempt++) {
            try {
              inTransaction(connection, () -> upsert(connection, job));
              return null;
            } catch (SQLException e) {
              Optional<String> owner;
              try {
                owner = tenantOfId(connection, job.id());
              } catch (SQLException lookupFailure) {
                e.addSuppressed(lookupFailure);
                throw e;
              }
              if (owner.isPresent() && !owner.get().equals(job.tenant().value())) {
                throw new UdbException(
                    ErrorCode.STORAGE_ERROR,
                    "Job id "
                        + job.id()
                        + " is already used by a job of another tenant; job ids must be unique"
                        + " across tenants",
                    e);
              }
              if (attempt > 1 || owner.isEmpty()) {
                throw e;
              }
            }
          }
        });
  }

  @Override
  public Optional<Job> find(TenantId tenant, JobId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    ensureOpen();
    return run(
        "read job " + id,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(table.selectByIdAndTenant())) {
            ps.setString(1, id.value());
            ps.setString(2, tenant.value());
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(readJob(rs)) : Optional.<Job>empty();
            }
          }
        });
  }

  @Override
  public List<Job> list(TenantId tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    if (limit < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Job list limit must not be negative, got " + limit);
    }
    ensureOpen();
    if (limit == 0) {
      return List.of();
    }
    return run(
        "list jobs",
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(table.listNewestFirst())) {
            ps.setString(1, tenant.value());
            ps.setInt(2, limit);
            return readJobs(ps);
          }
        });
  }

  @Override
  public int failUnfinished(String owner, JobError error, Instant at) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
    ensureOpen();
    int failed =
        run(
            "fail the unfinished jobs of node " + owner,
            connection ->
                inTransaction(
                    connection,
                    () -> {
                      List<Job> unfinished;
                      try (PreparedStatement ps =
                          connection.prepareStatement(table.selectOfOwnerInStates())) {
                        ps.setString(1, owner);
                        ps.setString(2, JobState.CREATED.name());
                        ps.setString(3, JobState.RUNNING.name());
                        unfinished = readJobs(ps);
                      }
                      int count = 0;
                      try (PreparedStatement ps =
                          connection.prepareStatement(table.updateInState())) {
                        for (Job job : unfinished) {
                          // The state guard skips a job that moved on since it was read.
                          int next = bindUpdate(ps, job.failed(at, error));
                          ps.setString(next, job.state().name());
                          count += ps.executeUpdate();
                        }
                      }
                      return count;
                    }));
    if (failed > 0) {
      LOG.info(
          "Marked {} unfinished job(s) of node {} as FAILED ({})", failed, owner, error.code());
    }
    return failed;
  }

  @Override
  public int renewLeases(String owner, Instant at) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(at, "at");
    ensureOpen();
    return run(
        "renew the job leases of node " + owner,
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(table.renewLeases())) {
            ps.setLong(1, EpochNanos.saturated(at));
            ps.setString(2, owner);
            ps.setString(3, JobState.CREATED.name());
            ps.setString(4, JobState.RUNNING.name());
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public List<Job> failExpired(Instant cutoff, JobError error, Instant at) {
    Objects.requireNonNull(cutoff, "cutoff");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
    ensureOpen();
    List<Job> settled =
        run(
            "fail the jobs of expired leases",
            connection ->
                inTransaction(
                    connection,
                    () -> {
                      List<Job> expired;
                      try (PreparedStatement ps =
                          connection.prepareStatement(table.selectExpired())) {
                        ps.setString(1, JobState.CREATED.name());
                        ps.setString(2, JobState.RUNNING.name());
                        ps.setLong(3, EpochNanos.saturated(cutoff));
                        expired = readJobs(ps);
                      }
                      List<Job> failed = new ArrayList<>();
                      try (PreparedStatement ps =
                          connection.prepareStatement(table.updateInState())) {
                        for (Job job : expired) {
                          Job next = job.failed(at, error);
                          // The state guard makes a second node settling the same job a no-op.
                          int index = bindUpdate(ps, next);
                          ps.setString(index, job.state().name());
                          if (ps.executeUpdate() > 0) {
                            failed.add(next);
                          }
                        }
                      }
                      return failed;
                    }));
    if (!settled.isEmpty()) {
      LOG.warn(
          "Marked {} job(s) whose node stopped renewing its lease as FAILED ({})",
          settled.size(),
          error.code());
    }
    return settled;
  }

  /**
   * Leader election and once-per-period task claims in companion tables of this store's table
   * ({@code <table>_leases}, {@code <table>_task_runs}), created when absent, for the nodes that
   * share this store.
   *
   * @return the coordination, on this store's data source
   */
  public JdbcCoordination coordination() {
    ensureOpen();
    return new JdbcCoordination(
        dataSource, table.companion("_leases"), table.companion("_task_runs"));
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    ensureOpen();
    return run(
        "delete finished jobs",
        connection -> {
          try (PreparedStatement ps = connection.prepareStatement(table.deleteFinishedBefore())) {
            ps.setString(1, JobState.SUCCEEDED.name());
            ps.setString(2, JobState.FAILED.name());
            ps.setString(3, JobState.CANCELLED.name());
            ps.setLong(4, EpochNanos.saturated(cutoff));
            return ps.executeUpdate();
          }
        });
  }

  /** Marks the store closed; later calls fail. The data source stays open: the caller owns it. */
  @Override
  public void close() {
    closed.set(true);
  }

  @Override
  public String toString() {
    return "JdbcJobStore[table=" + table.name() + "]";
  }

  private void createTable() {
    run(
        "create table " + table.name(),
        connection -> {
          try {
            executeDdl(connection);
          } catch (SQLException e) {
            // Two nodes creating the table at once can collide inside PostgreSQL's catalog even
            // with IF NOT EXISTS; the second attempt sees the winner's table.
            LOG.debug("Creating job table {} failed once, retrying", table.name(), e);
            executeDdl(connection);
          }
          return null;
        });
  }

  private void executeDdl(Connection connection) throws SQLException {
    for (String sql : table.ddl()) {
      try (PreparedStatement ps = connection.prepareStatement(sql)) {
        ps.execute();
      }
    }
  }

  private Void upsert(Connection connection, Job job) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement(table.update())) {
      bindUpdate(update, job);
      if (update.executeUpdate() > 0) {
        return null;
      }
    }
    try (PreparedStatement insert = connection.prepareStatement(table.insert())) {
      insert.setString(1, job.id().value());
      insert.setString(2, job.tenant().value());
      insert.setString(3, job.type().name());
      insert.setString(4, job.state().name());
      insert.setDouble(5, job.progress());
      setText(insert, 6, job.stage());
      insert.setLong(7, EpochNanos.of(job.createdAt()));
      setInstant(insert, 8, job.startedAt());
      setInstant(insert, 9, job.finishedAt());
      setText(insert, 10, job.result() == null ? null : Json.write(job.result()));
      JobError error = job.error();
      setText(insert, 11, error == null ? null : error.code().name());
      setText(insert, 12, error == null ? null : error.message());
      setText(insert, 13, error == null ? null : error.stage());
      insert.setString(14, job.correlationId());
      insert.setString(15, job.owner());
      // The lease starts with the job: a node that dies before its first renewal still leaves
      // a job that a survivor settles.
      insert.setLong(16, EpochNanos.of(job.createdAt()));
      insert.executeUpdate();
    }
    return null;
  }

  /** Binds {@link JobTable#update()}; returns the next free parameter index. */
  private static int bindUpdate(PreparedStatement ps, Job job) throws SQLException {
    ps.setString(1, job.type().name());
    ps.setString(2, job.state().name());
    ps.setDouble(3, job.progress());
    setText(ps, 4, job.stage());
    ps.setLong(5, EpochNanos.of(job.createdAt()));
    setInstant(ps, 6, job.startedAt());
    setInstant(ps, 7, job.finishedAt());
    setText(ps, 8, job.result() == null ? null : Json.write(job.result()));
    JobError error = job.error();
    setText(ps, 9, error == null ? null : error.code().name());
    setText(ps, 10, error == null ? null : error.message());
    setText(ps, 11, error == null ? null : error.stage());
    ps.setString(12, job.correlationId());
    ps.setString(13, job.owner());
    ps.setString(14, job.id().value());
    ps.setString(15, job.tenant().value());
    return 16;
  }

  private Optional<String> tenantOfId(Connection connection, JobId id) throws SQLException {
    try (PreparedStatement ps = connection.prepareStatement(table.selectTenantOfId())) {
      ps.setString(1, id.value());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
      }
    }
  }

  private List<Job> readJobs(PreparedStatement ps) throws SQLException {
    List<Job> jobs = new ArrayList<>();
    try (ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        jobs.add(readJob(rs));
      }
    }
    return jobs;
  }

  private Job readJob(ResultSet rs) throws SQLException {
    String id = rs.getString("id");
    try {
      String resultJson = rs.getString("result_json");
      Map<String, Object> result = resultJson == null ? null : Json.readObject(resultJson);
      String errorCode = rs.getString("error_code");
      JobError error =
          errorCode == null
              ? null
              : new JobError(
                  errorCode(errorCode),
                  Objects.requireNonNullElse(rs.getString("error_message"), ""),
                  rs.getString("error_stage"));
      return new Job(
          JobId.of(id),
          TenantId.of(rs.getString("tenant")),
          JobType.of(rs.getString("type")),
          JobState.valueOf(rs.getString("state")),
          rs.getDouble("progress"),
          rs.getString("stage"),
          EpochNanos.toInstant(rs.getLong("created_at")),
          getInstant(rs, "started_at"),
          getInstant(rs, "finished_at"),
          result,
          error,
          rs.getString("correlation_id"),
          rs.getString("owner"));
    } catch (RuntimeException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Stored job " + id + " in table " + table.name() + " is not a valid job snapshot",
          e);
    }
  }

  private static ErrorCode errorCode(String stored) {
    try {
      return ErrorCode.valueOf(stored);
    } catch (IllegalArgumentException e) {
      // A newer node may record a code this version does not know; the job still failed.
      return ErrorCode.JOB_FAILED;
    }
  }

  private static void setText(PreparedStatement ps, int index, String value) throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.VARCHAR);
    } else {
      ps.setString(index, value);
    }
  }

  private static void setInstant(PreparedStatement ps, int index, Instant value)
      throws SQLException {
    if (value == null) {
      ps.setNull(index, Types.BIGINT);
    } else {
      ps.setLong(index, EpochNanos.of(value));
    }
  }

  private static Instant getInstant(ResultSet rs, String column) throws SQLException {
    long nanos = rs.getLong(column);
    return rs.wasNull() ? null : EpochNanos.toInstant(nanos);
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "The job store is closed");
    }
  }

  private <T> T run(String what, SqlWork<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Job store could not "
              + what
              + " in table "
              + table.name()
              + ": "
              + JdbcRedaction.redact(e.getMessage(), null)
              + " (SQLState "
              + e.getSQLState()
              + ")",
          e);
    }
  }

  private static <T> T inTransaction(Connection connection, SqlAction<T> action)
      throws SQLException {
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    T value;
    try {
      value = action.run();
      connection.commit();
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
        connection.setAutoCommit(autoCommit);
      } catch (SQLException cleanupFailure) {
        e.addSuppressed(cleanupFailure);
      }
      throw e;
    }
    connection.setAutoCommit(autoCommit);
    return value;
  }

  /** Work on a borrowed connection. */
  @FunctionalInterface
  private interface SqlWork<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Work inside a transaction. */
  @FunctionalInterface
  private interface SqlAction<T> {
    T run() throws SQLException;
  }
}
