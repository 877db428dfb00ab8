package io.udb.core.engine;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One tenant's DuckDB instance and its small pool of connections. The instance is opened with
 * external access disabled (except the tenant's private spool folder), no extension loading or
 * installing, and its configuration locked, so no statement on any of its connections can widen its
 * reach.
 *
 * <p>Thread-safe. Connections are leased for one operation and returned.
 */
final class TenantDatabase implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TenantDatabase.class);

  private static final String TABLES_SQL =
      "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
          + " AND schema_name = 'main'"
          + " UNION ALL SELECT view_name FROM duckdb_views()"
          + " WHERE database_name = current_database() AND schema_name = 'main' AND NOT internal";

  private final TenantId tenant;
  private final TenantPaths paths;
  private final DuckDBConnection root;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private final LongSupplier versions;
  private final AtomicLong catalogVersion;
  private int leased;
  private boolean closed;
  private long lastUsedNanos = System.nanoTime();
  private volatile TableSnapshot tables = new TableSnapshot(-1, Set.of());

  private TenantDatabase(
      TenantId tenant,
      TenantPaths paths,
      DuckDBConnection root,
      int maxConnections,
      LongSupplier versions) {
    this.tenant = tenant;
    this.paths = paths;
    this.root = root;
    this.permits = new Semaphore(maxConnections, true);
    this.versions = versions;
    this.catalogVersion = new AtomicLong(versions.getAsLong());
  }

  /**
   * Opens (creating if needed) the tenant's database with the locked-down configuration.
   *
   * @param versions the engine-wide source of catalog versions: strictly increasing, so that a
   *     database reopened after an idle close never repeats a version that cached decisions of its
   *     previous instance were keyed by
   */
  private static final java.util.regex.Pattern LOCK_HOLDER =
      java.util.regex.Pattern.compile("PID \\d+");

  static TenantDatabase open(
      TenantId tenant, TenantPaths paths, EngineSettings settings, LongSupplier versions) {
    try {
      Files.createDirectories(paths.spool());
      Files.createDirectories(paths.temp());
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot create the folders of tenant " + tenant, e);
    }
    Properties config = new Properties();
    config.setProperty("threads", Integer.toString(settings.threadsPerTenant()));
    config.setProperty("memory_limit", settings.memoryLimit());
    config.setProperty("max_temp_directory_size", settings.maxTempDirectorySize());
    config.setProperty("temp_directory", paths.temp().toString());
    config.setProperty("enable_external_access", "false");
    config.setProperty("allowed_directories", "['" + sqlString(paths.spool() + "/") + "']");
    config.setProperty("autoload_known_extensions", "false");
    config.setProperty("autoinstall_known_extensions", "false");
    config.setProperty("allow_community_extensions", "false");
    config.setProperty("lock_configuration", "true");
    String url = paths.persistent() ? "jdbc:duckdb:" + paths.databaseFile() : "jdbc:duckdb:";
    try {
      Connection connection = DriverManager.getConnection(url, config);
      LOG.debug("Opened database of tenant {}", tenant);
      return new TenantDatabase(
          tenant,
          paths,
          connection.unwrap(DuckDBConnection.class),
          settings.maxConnectionsPerTenant(),
          versions);
    } catch (SQLException e) {
      String message = e.getMessage() == null ? "" : e.getMessage();
      if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
        // DuckDB holds an exclusive file lock on a file-backed database for as long as one
        // process has it open: another node (or process) serves this tenant now.
        java.util.regex.Matcher pid = LOCK_HOLDER.matcher(message);
        throw new UdbException(
            ErrorCode.TENANT_LOCKED,
            "Tenant "
                + tenant.value()
                + " is served by another process"
                + (pid.find() ? " (" + pid.group() + ")" : "")
                + " that holds its database; a tenant is served by one node at a time. Send"
                + " the request to the node that owns the tenant, or stop serving it there"
                + " first to move it",
            e);
      }
      throw new UdbException(
          ErrorCode.ENGINE_ERROR, "Cannot open the database of tenant " + tenant, e);
    }
  }

  TenantId tenant() {
    return tenant;
  }

  TenantPaths paths() {
    return paths;
  }

  /**
   * Changes on every change UDB makes to the tenant's schema, invalidating cached guard decisions;
   * unique across reopenings of the tenant's database.
   */
  long catalogVersion() {
    return catalogVersion.get();
  }

  void catalogChanged() {
    catalogVersion.set(versions.getAsLong());
  }

  /**
   * Leases a connection, waiting up to {@code wait} for one to be free.
   *
   * @return the lease, or {@code null} when this database was closed meanwhile
   */
  Lease lease(Duration wait) {
    try {
      if (!permits.tryAcquire(wait.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new UdbException(
            ErrorCode.SQL_RESOURCE_LIMIT,
            "Tenant " + tenant + " has too many concurrent queries; retry shortly");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UdbException(
          ErrorCode.UNAVAILABLE, "Interrupted while waiting for a connection", e);
    }
    Connection connection;
    synchronized (this) {
      if (closed) {
        permits.release();
        return null;
      }
      connection = idle.pollFirst();
      leased++;
      lastUsedNanos = System.nanoTime();
    }
    try {
      if (connection == null) {
        connection = root.duplicate();
      }
      return new Lease(this, connection);
    } catch (SQLException e) {
      release(null, true);
      throw new UdbException(
          ErrorCode.ENGINE_ERROR, "Cannot open a connection for tenant " + tenant, e);
    }
  }

  void release(Connection connection, boolean broken) {
    Connection toClose = null;
    synchronized (this) {
      leased--;
      lastUsedNanos = System.nanoTime();
      if (connection != null) {
        if (broken || closed) {
          toClose = connection;
        } else {
          idle.addFirst(connection);
        }
      }
    }
    permits.release();
    closeQuietly(toClose);
  }

  /** The tenant's table and view names, cached per catalog version. */
  Set<String> tableNames(Connection connection) throws SQLException {
    long version = catalogVersion.get();
    TableSnapshot snapshot = tables;
    if (snapshot.version() == version) {
      return snapshot.names();
    }
    Set<String> names = new HashSet<>();
    try (PreparedStatement statement = connection.prepareStatement(TABLES_SQL);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    Set<String> frozen = Set.copyOf(names);
    tables = new TableSnapshot(version, frozen);
    return frozen;
  }

  /**
   * Closes the database when no connection is leased and it was unused for {@code idle}.
   *
   * @return whether the database is closed now (also when another thread closed it before), so that
   *     every caller racing to reap it removes it from the open set
   */
  synchronized boolean closeIfIdle(Duration idleTime) {
    if (closed) {
      return true;
    }
    if (leased > 0 || System.nanoTime() - lastUsedNanos < idleTime.toNanos()) {
      return false;
    }
    closeNow();
    return true;
  }

  @Override
  public synchronized void close() {
    if (!closed) {
      closeNow();
    }
  }

  private void closeNow() {
    closed = true;
    while (!idle.isEmpty()) {
      closeQuietly(idle.pollFirst());
    }
    closeQuietly(root);
    LOG.debug("Closed database of tenant {}", tenant);
  }

  private static void closeQuietly(Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("Closing a DuckDB connection failed: {}", e.getMessage());
    }
  }

  private static String sqlString(String raw) {
    return raw.replace("'", "''");
  }

  private record TableSnapshot(long version, Set<String> names) {}

  /** A leased connection; closing it returns the connection to the pool. */
  static final class Lease implements AutoCloseable {
    private final TenantDatabase owner;
    private final Connection connection;
    private boolean broken;
    private boolean released;

    private Lease(TenantDatabase owner, Connection connection) {
      this.owner = owner;
      this.connection = connection;
    }

    Connection connection() {
      return connection;
    }

    TenantDatabase database() {
      return owner;
    }

    /** Marks the connection as not reusable (e.g. after a fatal error). */
    void markBroken() {
      broken = true;
    }

    @Override
    public void close() {
      if (!released) {
        released = true;
        owner.release(connection, broken);
      }
    }
  }
}
