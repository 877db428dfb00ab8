package io.udb.core.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.udb.api.ErrorCode;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import io.udb.security.authz.AccessDeniedException;
import io.udb.security.sql.GuardedStatement;
import io.udb.security.sql.SqlGuard;
import io.udb.security.sql.SqlParser;
import io.udb.security.sql.TableCatalog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded DuckDB engine: one database per tenant, each locked down (no external access beyond
 * the tenant's spool folder, no extensions, configuration locked). User SQL passes the {@link
 * SqlGuard} and then runs as a prepared statement with a row cap and a timeout that cancels it
 * inside DuckDB.
 *
 * <p>Guard decisions are cached per tenant, catalog version and statement text, so a repeated query
 * costs one hash lookup on top of DuckDB's own work.
 */
public final class DuckDbEngine implements AnalyticsEngine {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbEngine.class);

  private final EngineSettings settings;
  private final UdbMetrics metrics;
  private final SqlGuard guard = new SqlGuard();
  private final SqlDialect dialect = new DuckDbDialect();
  private final ScheduledExecutorService scheduler;
  private final TenantDatabases databases;
  private final Path ownedTempRoot;
  private final Cache<GuardKey, GuardedStatement> guardCache =
      Caffeine.newBuilder().maximumSize(10_000).build();

  private DuckDbEngine(
      Path root,
      boolean persistent,
      Path ownedTempRoot,
      EngineSettings settings,
      UdbMetrics metrics) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.metrics = Objects.requireNonNull(metrics, "metrics");
    this.ownedTempRoot = ownedTempRoot;
    ScheduledThreadPoolExecutor timer =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread thread = new Thread(r, "udb-engine-timer");
              thread.setDaemon(true);
              return thread;
            });
    // Every query schedules its timeout and cancels it on completion; without this a cancelled
    // task would stay queued (holding its statement) until its delay passed.
    timer.setRemoveOnCancelPolicy(true);
    this.scheduler = timer;
    this.databases = new TenantDatabases(root, persistent, settings, scheduler, this.metrics);
  }

  /**
   * An engine keeping each tenant's database as a file below {@code root}.
   *
   * @param root the storage root
   * @param settings limits and resources
   * @param metrics where to record measurements
   * @return the engine
   */
  public static DuckDbEngine onDisk(Path root, EngineSettings settings, UdbMetrics metrics) {
    return new DuckDbEngine(root.toAbsolutePath().normalize(), true, null, settings, metrics);
  }

  /**
   * An engine keeping every tenant database in memory (tests, ephemeral use). Files being loaded
   * are spooled to a private temporary folder removed on {@link #close()}.
   *
   * @param settings limits and resources
   * @param metrics where to record measurements
   * @return the engine
   */
  public static DuckDbEngine inMemory(EngineSettings settings, UdbMetrics metrics) {
    try {
      Path temp = Files.createTempDirectory("udb-memory-").toAbsolutePath();
      return new DuckDbEngine(temp, false, temp, settings, metrics);
    } catch (IOException e) {
      throw new UdbException(ErrorCode.STORAGE_ERROR, "Cannot create a temporary folder", e);
    }
  }

  /**
   * The embedded DuckDB engine serving a tenant, for work only it can do (uploads, connectors,
   * loads into the tenant database).
   *
   * @param engine the box's engine
   * @param tenant the tenant
   * @return the tenant's DuckDB engine
   * @throws UdbException with {@link ErrorCode#ENGINE_OPERATION_UNSUPPORTED} when another engine
   *     (e.g. Spark) serves the tenant
   */
  public static DuckDbEngine serving(AnalyticsEngine engine, TenantId tenant) {
    AnalyticsEngine serving = engine.engineFor(tenant);
    if (serving instanceof DuckDbEngine duckDb) {
      return duckDb;
    }
    throw new UdbException(
        ErrorCode.ENGINE_OPERATION_UNSUPPORTED,
        "Tenant "
            + tenant
            + " is served by the "
            + serving.name()
            + " engine, whose data stays where it is: uploads, connectors and loads go only into"
            + " the embedded DuckDB engine; register datasets on the "
            + serving.name()
            + " engine instead");
  }

  /**
   * The embedded DuckDB engine serving a tenant, for a load into one of its tables: as {@link
   * #serving(AnalyticsEngine, TenantId)}, and the table must not be a dataset routed to another
   * engine (a load would create a table that the route hides).
   *
   * @param engine the box's engine
   * @param tenant the tenant
   * @param table the table the load writes
   * @return the tenant's DuckDB engine
   * @throws UdbException with {@link ErrorCode#ENGINE_OPERATION_UNSUPPORTED} when another engine
   *     serves the tenant or the table
   */
  public static DuckDbEngine serving(AnalyticsEngine engine, TenantId tenant, TableRef table) {
    DuckDbEngine own = serving(engine, tenant);
    AnalyticsEngine serving = engine.engineFor(tenant, table);
    if (serving == own) {
      return own;
    }
    throw new UdbException(
        ErrorCode.ENGINE_OPERATION_UNSUPPORTED,
        "Table '"
            + table.name()
            + "' of tenant "
            + tenant
            + " is a dataset served by the "
            + serving.name()
            + " engine: loads go only into tables of the tenant's embedded DuckDB database;"
            + " load into another table name, or change the dataset's data on the "
            + serving.name()
            + " engine's side");
  }

  @Override
  public String name() {
    return "duckdb";
  }

  @Override
  public SqlDialect dialect() {
    return dialect;
  }

  /** The engine's limits. */
  public EngineSettings settings() {
    return settings;
  }

  @Override
  public QueryResult query(TenantId tenant, String sql, QueryOptions options) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(options, "options");
    long start = System.nanoTime();
    String outcome = "error";
    try (TenantDatabase.Lease lease = databases.lease(tenant)) {
      Connection connection = lease.connection();
      GuardedStatement statement = checked(tenant, sql, lease);
      checkGrants(statement, options);
      int maxRows = Math.min(options.maxRows(), settings.maxRows());
      Duration timeout =
          options.timeout().compareTo(settings.queryTimeout()) < 0
              ? options.timeout()
              : settings.queryTimeout();
      QueryResult result = run(lease, connection, statement.sql(), maxRows, timeout, start);
      outcome = "ok";
      return result;
    } catch (SqlRejectedException e) {
      outcome = "rejected";
      metrics.count(MetricNames.SQL_REJECTED, 1, "reason", e.reason());
      throw e;
    } finally {
      metrics.time(
          MetricNames.SQL_QUERIES, Duration.ofNanos(System.nanoTime() - start), "outcome", outcome);
    }
  }

  private static void checkGrants(GuardedStatement statement, QueryOptions options) {
    if (options.allowedTables() == null) {
      return;
    }
    statement.tables().stream()
        .sorted()
        .filter(table -> !options.allowedTables().contains(table))
        .findFirst()
        .ifPresent(
            table -> {
              throw new AccessDeniedException(
                  AccessDeniedException.TABLE_NOT_GRANTED,
                  "Table '" + table + "' is not among the tables granted to you");
            });
  }

  private GuardedStatement checked(TenantId tenant, String sql, TenantDatabase.Lease lease) {
    Objects.requireNonNull(sql, "sql");
    GuardKey key = new GuardKey(tenant, lease.database().catalogVersion(), sql);
    GuardedStatement cached = guardCache.getIfPresent(key);
    if (cached != null) {
      return cached;
    }
    Connection connection = lease.connection();
    SqlParser parser = text -> serialize(connection, text);
    TableCatalog catalog;
    try {
      catalog = TableCatalog.of(lease.database().tableNames(connection));
    } catch (SQLException e) {
      throw new UdbException(
          ErrorCode.ENGINE_ERROR, "Cannot list the tables of tenant " + tenant, e);
    }
    GuardedStatement accepted = guard.check(sql, parser, catalog);
    guardCache.put(key, accepted);
    return accepted;
  }

  private static String serialize(Connection connection, String sql) {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT json_serialize_sql(?::VARCHAR)")) {
      statement.setString(1, sql);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getString(1);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("parser failed", e);
    }
  }

  private QueryResult run(
      TenantDatabase.Lease lease,
      Connection connection,
      String sql,
      int maxRows,
      Duration timeout,
      long start) {
    AtomicBoolean timedOut = new AtomicBoolean();
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      ScheduledFuture<?> canceller =
          scheduler.schedule(
              () -> cancel(statement, timedOut), timeout.toMillis(), TimeUnit.MILLISECONDS);
      try (ResultSet rows = statement.executeQuery()) {
        ResultSetMetaData meta = rows.getMetaData();
        int width = meta.getColumnCount();
        List<ColumnInfo> columns = new ArrayList<>(width);
        for (int i = 1; i <= width; i++) {
          columns.add(new ColumnInfo(meta.getColumnLabel(i), meta.getColumnTypeName(i)));
        }
        List<List<Object>> out = new ArrayList<>();
        boolean truncated = false;
        long bytes = 0;
        while (rows.next()) {
          if (out.size() == maxRows) {
            truncated = true;
            break;
          }
          List<Object> row = new ArrayList<>(width);
          for (int i = 1; i <= width; i++) {
            Object value = JdbcValues.read(rows, i);
            bytes += JdbcValues.estimateBytes(value);
            row.add(value);
          }
          // DuckDB's memory limit does not cover results once they are Java objects; a few wide
          // rows (e.g. repeat('x', 1000000)) would otherwise fill the host's heap
          if (bytes > settings.maxResultBytes()) {
            throw new UdbException(
                ErrorCode.SQL_RESOURCE_LIMIT,
                "The query result is larger than "
                    + settings.maxResultBytes() / 1024
                    + " KiB; select fewer or narrower rows (add a LIMIT)");
          }
          out.add(row);
        }
        return new QueryResult(
            columns, out, out.size(), truncated, (System.nanoTime() - start) / 1_000_000);
      } finally {
        canceller.cancel(false);
      }
    } catch (SQLException e) {
      throw translate(lease, e, timedOut.get(), timeout);
    }
  }

  private static void cancel(PreparedStatement statement, AtomicBoolean timedOut) {
    timedOut.set(true);
    try {
      statement.cancel();
    } catch (SQLException e) {
      LOG.warn("Cancelling a timed-out query failed: {}", e.getMessage());
    }
  }

  private static UdbException translate(
      TenantDatabase.Lease lease, SQLException e, boolean timedOut, Duration timeout) {
    String message = DuckDbSqlSession.firstLine(e);
    if (timedOut || message.contains("INTERRUPT")) {
      return new UdbException(
          ErrorCode.SQL_TIMEOUT,
          "The query was stopped after its timeout of " + timeout.toMillis() + " ms",
          e);
    }
    if (message.contains("Out of Memory") || message.contains("could not allocate")) {
      return new UdbException(
          ErrorCode.SQL_RESOURCE_LIMIT,
          "The query needs more memory than the tenant's limit allows",
          e);
    }
    if (message.startsWith("Permission Error")) {
      return new SqlRejectedException(
          ErrorCode.SQL_FORBIDDEN,
          "runtime_permission",
          "The query tried to reach outside the tenant's data");
    }
    if (message.startsWith("FATAL") || message.contains("database has been invalidated")) {
      lease.markBroken();
      return new UdbException(
          ErrorCode.ENGINE_ERROR, "The tenant database failed; retry the query", e);
    }
    return new UdbException(ErrorCode.SQL_EXECUTION_ERROR, "The query failed: " + message, e);
  }

  @Override
  public List<TableInfo> listTables(TenantId tenant) {
    try (DuckDbSqlSession session = openSession(tenant)) {
      QueryResult names =
          session.query(
              "SELECT table_name FROM duckdb_tables() WHERE database_name = current_database()"
                  + " AND schema_name = 'main' ORDER BY table_name",
              List.of());
      List<TableRef> listed = new ArrayList<>();
      for (List<Object> row : names.rows()) {
        listed.add(TableRef.of((String) row.get(0)));
      }
      List<TableInfo> tables = new ArrayList<>();
      // a table dropped since it was listed is left out
      session.describe(listed).forEach(described -> described.ifPresent(tables::add));
      tables.sort(Comparator.comparing(TableInfo::name));
      return tables;
    }
  }

  @Override
  public Optional<TableInfo> describe(TenantId tenant, TableRef table) {
    try (DuckDbSqlSession session = openSession(tenant)) {
      return session.describe(List.of(table)).get(0);
    }
  }

  @Override
  public DuckDbSqlSession openSession(TenantId tenant) {
    return new DuckDbSqlSession(databases.lease(tenant), dialect, scheduler);
  }

  /**
   * A version of a table that changes whenever UDB may have written to it, for result caches keyed
   * by table version. It is the tenant's catalog version: every statement UDB runs through a
   * session of the tenant ({@link DuckDbSqlSession#execute}, and {@link
   * DuckDbSqlSession#schemaChanged} after bulk paths such as the appender) gives it a new value
   * from an engine-wide increasing counter, also when the database is reopened. It is therefore
   * conservative: a write to any table of the tenant changes it for every table, but no write made
   * through UDB leaves it unchanged. Writes made on a raw connection without {@code
   * schemaChanged()} are not seen.
   *
   * @param tenant the tenant
   * @param table the table (reserved for a finer, per-table version; any name gives the same value)
   * @return the version; only equality of two values is meaningful
   */
  public long tableVersion(TenantId tenant, TableRef table) {
    Objects.requireNonNull(table, "table");
    try (TenantDatabase.Lease lease = databases.lease(tenant)) {
      return lease.database().catalogVersion();
    }
  }

  /**
   * The tenant's private spool folder: the only folder its database may read files from.
   *
   * @param tenant the tenant
   * @return the folder (created when the tenant's database is first opened)
   */
  public Path spoolDirectory(TenantId tenant) {
    return databases.paths(tenant).spool();
  }

  /**
   * The bytes a tenant's files take on disk (database, write-ahead log, spill and spool files), for
   * storage quotas; {@code 0} for an in-memory tenant database.
   *
   * @param tenant the tenant
   * @return the size in bytes
   */
  public long storageBytes(TenantId tenant) {
    TenantPaths paths = databases.paths(tenant);
    if (!paths.persistent() || !Files.isDirectory(paths.base())) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(paths.base())) {
      return files.filter(Files::isRegularFile).mapToLong(DuckDbEngine::sizeOf).sum();
    } catch (IOException e) {
      throw new UdbException(
          ErrorCode.STORAGE_ERROR, "Cannot measure the storage of tenant " + tenant, e);
    }
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      // a spill or spool file may vanish while we walk; it no longer counts
      return 0;
    }
  }

  /** How many tenant databases are open now. */
  public int openDatabases() {
    return databases.openCount();
  }

  /**
   * Closes the file-backed databases that have been idle longer than the idle timeout. In-memory
   * databases stay open, since closing them would drop their tables.
   */
  public void closeIdleDatabases() {
    databases.closeIdle();
  }

  @Override
  public void close() {
    databases.close();
    scheduler.shutdownNow();
    guardCache.invalidateAll();
    if (ownedTempRoot != null) {
      deleteRecursively(ownedTempRoot);
    }
  }

  private static void deleteRecursively(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      LOG.warn("Could not remove temporary folder {}: {}", root, e.getMessage());
    }
  }

  private record GuardKey(TenantId tenant, long catalogVersion, String sql) {}
}
