package io.udb.core.job.store;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.cluster.Coordination;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * {@link Coordination} in two tables of the job store's database: a lease row per role ({@code
 * name, holder, expires_at}) taken with {@code INSERT ... ON CONFLICT DO UPDATE ... WHERE} (the
 * holder renews; anyone takes an expired lease), and one row per claimed task period with a primary
 * key on {@code (task, period)} ({@code INSERT ... ON CONFLICT DO NOTHING}), so that exactly one
 * node wins each. Runs on PostgreSQL (and DuckDB, for tests). Lease times come from the nodes'
 * clocks: keep them synchronised (NTP) well within the leader lease.
 */
public final class JdbcCoordination implements Coordination {
  private static final String LEADER = "leader";

  /** How many past periods of each task are kept. */
  private static final long KEPT_PERIODS = 1000;

  private final DataSource dataSource;
  private final String leases;
  private final String runs;

  JdbcCoordination(DataSource dataSource, String leasesTable, String runsTable) {
    this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    this.leases = '"' + leasesTable + '"';
    this.runs = '"' + runsTable + '"';
    execute(
        "create the coordination tables",
        connection -> {
          for (String ddl :
              new String[] {
                "CREATE TABLE IF NOT EXISTS "
                    + leases
                    + " (name VARCHAR(100) NOT NULL PRIMARY KEY, holder TEXT NOT NULL,"
                    + " expires_at BIGINT NOT NULL)",
                "CREATE TABLE IF NOT EXISTS "
                    + runs
                    + " (task VARCHAR(200) NOT NULL, period BIGINT NOT NULL, node TEXT NOT NULL,"
                    + " claimed_at BIGINT NOT NULL, PRIMARY KEY (task, period))"
              }) {
            try (PreparedStatement ps = connection.prepareStatement(ddl)) {
              ps.execute();
            } catch (SQLException e) {
              // Two nodes creating the table at once may collide in PostgreSQL's catalog; the
              // second attempt sees the winner's table.
              try (PreparedStatement again = connection.prepareStatement(ddl)) {
                again.execute();
              }
            }
          }
          return null;
        });
  }

  @Override
  public boolean tryLead(String node, Instant now, Duration lease) {
    return execute(
        "take the leader lease",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO "
                      + leases
                      + " (name, holder, expires_at) VALUES (?, ?, ?) ON CONFLICT (name) DO UPDATE"
                      + " SET holder = excluded.holder, expires_at = excluded.expires_at WHERE "
                      + leases
                      + ".holder = excluded.holder OR "
                      + leases
                      + ".expires_at < ?")) {
            ps.setString(1, LEADER);
            ps.setString(2, node);
            ps.setLong(3, EpochNanos.saturated(now.plus(lease)));
            ps.setLong(4, EpochNanos.saturated(now));
            return ps.executeUpdate() > 0;
          }
        });
  }

  @Override
  public void resign(String node) {
    execute(
        "resign the leader lease",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "DELETE FROM " + leases + " WHERE name = ? AND holder = ?")) {
            ps.setString(1, LEADER);
            ps.setString(2, node);
            return ps.executeUpdate();
          }
        });
  }

  @Override
  public Optional<String> leader(Instant now) {
    return execute(
        "read the leader lease",
        connection -> {
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "SELECT holder FROM " + leases + " WHERE name = ? AND expires_at >= ?")) {
            ps.setString(1, LEADER);
            ps.setLong(2, EpochNanos.saturated(now));
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
          }
        });
  }

  @Override
  public boolean claim(String task, long period, String node, Instant now) {
    return execute(
        "claim a period of task " + task,
        connection -> {
          boolean claimed;
          try (PreparedStatement ps =
              connection.prepareStatement(
                  "INSERT INTO "
                      + runs
                      + " (task, period, node, claimed_at) VALUES (?, ?, ?, ?)"
                      + " ON CONFLICT (task, period) DO NOTHING")) {
            ps.setString(1, task);
            ps.setLong(2, period);
            ps.setString(3, node);
            ps.setLong(4, EpochNanos.saturated(now));
            claimed = ps.executeUpdate() > 0;
          }
          if (claimed) {
            try (PreparedStatement ps =
                connection.prepareStatement(
                    "DELETE FROM " + runs + " WHERE task = ? AND period < ?")) {
              ps.setString(1, task);
              ps.setLong(2, period - KEPT_PERIODS);
              ps.executeUpdate();
            }
          }
          return claimed;
        });
  }

  private <T> T execute(String what, Work<T> work) {
    try (Connection connection = dataSource.getConnection()) {
      return work.run(connection);
    } catch (SQLException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR,
          "Coordination could not "
              + what
              + ": "
              + JdbcRedaction.redact(e.getMessage(), null)
              + " (SQLState "
              + e.getSQLState()
              + ")",
          e);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }
}
