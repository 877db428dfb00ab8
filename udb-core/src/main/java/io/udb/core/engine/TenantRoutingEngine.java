package io.udb.core.engine;

import io.udb.api.TenantId;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Serves each tenant from the engine configured for it, and every other tenant from the default
 * engine: e.g. most tenants on embedded DuckDB and a few whose datasets outgrew one machine on
 * Spark. Every method acts on exactly one tenant's engine, so a tenant never reaches another
 * engine's data. Immutable and thread-safe when the engines are.
 */
public final class TenantRoutingEngine implements AnalyticsEngine {
  private final AnalyticsEngine defaultEngine;
  private final Map<TenantId, AnalyticsEngine> routes;

  /**
   * Creates the router.
   *
   * @param defaultEngine the engine of tenants without a route
   * @param routes the engine of each routed tenant
   */
  public TenantRoutingEngine(AnalyticsEngine defaultEngine, Map<TenantId, AnalyticsEngine> routes) {
    this.defaultEngine = Objects.requireNonNull(defaultEngine, "defaultEngine");
    this.routes = Map.copyOf(new LinkedHashMap<>(routes));
  }

  /** The engine of tenants without a route. */
  public AnalyticsEngine defaultEngine() {
    return defaultEngine;
  }

  /** The routed tenants. */
  public Set<TenantId> routedTenants() {
    return routes.keySet();
  }

  @Override
  public AnalyticsEngine engineFor(TenantId tenant) {
    return routes.getOrDefault(tenant, defaultEngine).engineFor(tenant);
  }

  /** The default engine's name. */
  @Override
  public String name() {
    return defaultEngine.name();
  }

  /**
   * The default engine's dialect. Code building SQL for one tenant uses the dialect of that
   * tenant's session ({@link SqlSession#dialect()}) instead.
   */
  @Override
  public SqlDialect dialect() {
    return defaultEngine.dialect();
  }

  @Override
  public QueryResult query(TenantId tenant, String sql, QueryOptions options) {
    return engineFor(tenant).query(tenant, sql, options);
  }

  @Override
  public List<TableInfo> listTables(TenantId tenant) {
    return engineFor(tenant).listTables(tenant);
  }

  @Override
  public Optional<TableInfo> describe(TenantId tenant, TableRef table) {
    return engineFor(tenant).describe(tenant, table);
  }

  @Override
  public SqlSession openSession(TenantId tenant) {
    return engineFor(tenant).openSession(tenant);
  }

  /** Closes every engine once, the routed ones first. */
  @Override
  public void close() {
    Map<AnalyticsEngine, Boolean> closed = new IdentityHashMap<>();
    List<AnalyticsEngine> order = new ArrayList<>(routes.values());
    order.add(defaultEngine);
    RuntimeException failure = null;
    for (AnalyticsEngine engine : order) {
      if (closed.put(engine, Boolean.TRUE) != null) {
        continue;
      }
      try {
        engine.close();
      } catch (RuntimeException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
