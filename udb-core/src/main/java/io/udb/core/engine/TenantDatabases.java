package io.udb.core.engine;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The open tenant databases: opened lazily on first use, closed after their idle time (file-backed
 * ones only; an in-memory database would lose its data). Never two instances for one tenant.
 */
final class TenantDatabases implements AutoCloseable {
  private volatile boolean closed;
  private final Path root;
  private final boolean persistent;
  private final EngineSettings settings;
  private final Map<TenantId, TenantDatabase> open = new ConcurrentHashMap<>();
  private final AtomicLong catalogVersions = new AtomicLong();
  private final ScheduledFuture<?> reaper;
  private final UdbMetrics metrics;

  TenantDatabases(
      Path root,
      boolean persistent,
      EngineSettings settings,
      ScheduledExecutorService scheduler,
      UdbMetrics metrics) {
    this.root = root;
    this.persistent = persistent;
    this.settings = settings;
    this.metrics = metrics;
    long period = Math.max(1, settings.idleTimeout().toMillis() / 4);
    this.reaper =
        persistent
            ? scheduler.scheduleWithFixedDelay(
                this::closeIdle, period, period, TimeUnit.MILLISECONDS)
            : null;
  }

  /** Leases a connection of the tenant's database, opening it when needed. */
  TenantDatabase.Lease lease(TenantId tenant) {
    while (true) {
      if (closed) {
        // without this check a closed engine would quietly open a new database for the tenant
        throw new UdbException(ErrorCode.UNAVAILABLE, "The DuckDB engine is closed");
      }
      TenantDatabase database = open.computeIfAbsent(tenant, this::openDatabase);
      TenantDatabase.Lease lease = database.lease(settings.queryTimeout());
      if (lease != null) {
        return lease;
      }
      open.remove(tenant, database);
    }
  }

  private TenantDatabase openDatabase(TenantId tenant) {
    try {
      TenantDatabase database =
          TenantDatabase.open(
              tenant,
              TenantPaths.of(root, tenant, persistent),
              settings,
              catalogVersions::incrementAndGet);
      counted("opened", tenant);
      return database;
    } catch (UdbException e) {
      if (e.code() == ErrorCode.TENANT_LOCKED) {
        // a routing mistake or a shared volume: worth an alert, not only a 409 to one caller
        counted("locked", tenant);
      }
      throw e;
    }
  }

  private void counted(String action, TenantId tenant) {
    metrics.count(MetricNames.TENANT_DATABASES, 1, "action", action, "tenant", tenant.value());
  }

  /** The paths of a tenant, whether or not its database is open. */
  TenantPaths paths(TenantId tenant) {
    return TenantPaths.of(root, tenant, persistent);
  }

  /** How many tenant databases are open now. */
  int openCount() {
    return open.size();
  }

  void closeIdle() {
    if (!persistent) {
      return;
    }
    for (Map.Entry<TenantId, TenantDatabase> entry : open.entrySet()) {
      if (entry.getValue().closeIfIdle(settings.idleTimeout())) {
        open.remove(entry.getKey(), entry.getValue());
        counted("closed", entry.getKey());
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (reaper != null) {
      reaper.cancel(false);
    }
    for (Map.Entry<TenantId, TenantDatabase> entry : open.entrySet()) {
      entry.getValue().close();
      counted("closed", entry.getKey());
    }
    open.clear();
  }
}
