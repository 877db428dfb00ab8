package io.udb.core.engine;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
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

  TenantDatabases(
      Path root, boolean persistent, EngineSettings settings, ScheduledExecutorService scheduler) {
    this.root = root;
    this.persistent = persistent;
    this.settings = settings;
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
      TenantDatabase database =
          open.computeIfAbsent(
              tenant,
              t ->
                  TenantDatabase.open(
                      t,
                      TenantPaths.of(root, t, persistent),
                      settings,
                      catalogVersions::incrementAndGet));
      TenantDatabase.Lease lease = database.lease(settings.queryTimeout());
      if (lease != null) {
        return lease;
      }
      open.remove(tenant, database);
    }
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
      }
    }
  }

  @Override
  public void close() {
    closed = true;
    if (reaper != null) {
      reaper.cancel(false);
    }
    for (TenantDatabase database : open.values()) {
      database.close();
    }
    open.clear();
  }
}
