package io.udb.core.engine;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Serves each tenant from the engine configured for it, and every other tenant from the default
 * engine: e.g. most tenants on embedded DuckDB and a few whose datasets outgrew one machine on
 * Spark. Single datasets of a tenant may be routed to another engine too (a DuckDB tenant's one
 * large dataset registered on Spark); the tenant's own state and ad-hoc SQL stay on the tenant's
 * engine. Every method acts on the engines of exactly one tenant, so a tenant never reaches another
 * tenant's data. Dataset names match case-insensitively, as both engines' identifiers do. Immutable
 * and thread-safe when the engines are.
 */
public final class TenantRoutingEngine implements AnalyticsEngine {
  private final AnalyticsEngine defaultEngine;
  private final Map<TenantId, AnalyticsEngine> routes;
  private final Map<TenantId, Map<String, DatasetRoute>> datasetRoutes;

  /** A dataset routed to an engine other than its tenant's, under the name it was routed by. */
  private record DatasetRoute(TableRef table, AnalyticsEngine engine) {}

  /**
   * Creates a router of tenants only.
   *
   * @param defaultEngine the engine of tenants without a route
   * @param routes the engine of each routed tenant
   */
  public TenantRoutingEngine(AnalyticsEngine defaultEngine, Map<TenantId, AnalyticsEngine> routes) {
    this(defaultEngine, routes, Map.of());
  }

  /**
   * Creates a router of tenants and single datasets.
   *
   * @param defaultEngine the engine of tenants without a route
   * @param routes the engine of each routed tenant
   * @param datasetRoutes per tenant, the engine of each routed dataset
   * @throws ConfigurationException with {@link ErrorCode#CONFIG_INVALID} when two routes of one
   *     tenant name the same dataset in different letter case
   */
  public TenantRoutingEngine(
      AnalyticsEngine defaultEngine,
      Map<TenantId, AnalyticsEngine> routes,
      Map<TenantId, Map<TableRef, AnalyticsEngine>> datasetRoutes) {
    this.defaultEngine = Objects.requireNonNull(defaultEngine, "defaultEngine");
    this.routes = Map.copyOf(new LinkedHashMap<>(routes));
    Map<TenantId, Map<String, DatasetRoute>> byTenant = new LinkedHashMap<>();
    datasetRoutes.forEach(
        (tenant, tables) -> {
          Map<String, DatasetRoute> byName = new LinkedHashMap<>();
          tables.forEach(
              (table, engine) -> {
                DatasetRoute route =
                    new DatasetRoute(table, Objects.requireNonNull(engine, "engine"));
                if (byName.putIfAbsent(key(table.name()), route) != null) {
                  throw new ConfigurationException(
                      ErrorCode.CONFIG_INVALID,
                      "Dataset '"
                          + table.name()
                          + "' of tenant "
                          + tenant
                          + " is routed twice (names match regardless of case); keep one route");
                }
              });
          if (!byName.isEmpty()) {
            byTenant.put(tenant, Map.copyOf(byName));
          }
        });
    this.datasetRoutes = Map.copyOf(byTenant);
  }

  private static String key(String tableName) {
    return tableName.toLowerCase(Locale.ROOT);
  }

  /** The engine of tenants without a route. */
  public AnalyticsEngine defaultEngine() {
    return defaultEngine;
  }

  /** The routed tenants. */
  public Set<TenantId> routedTenants() {
    return routes.keySet();
  }

  /**
   * The datasets of a tenant that are routed to an engine of their own.
   *
   * @param tenant the tenant
   * @return the routed datasets, by the names they were routed by
   */
  public Set<TableRef> routedDatasets(TenantId tenant) {
    Set<TableRef> tables = new LinkedHashSet<>();
    datasetRoutes.getOrDefault(tenant, Map.of()).values().forEach(r -> tables.add(r.table()));
    return Collections.unmodifiableSet(tables);
  }

  @Override
  public AnalyticsEngine engineFor(TenantId tenant) {
    return routes.getOrDefault(tenant, defaultEngine).engineFor(tenant);
  }

  @Override
  public AnalyticsEngine engineFor(TenantId tenant, TableRef table) {
    DatasetRoute route = datasetRoutes.getOrDefault(tenant, Map.of()).get(key(table.name()));
    return route == null ? engineFor(tenant) : route.engine().engineFor(tenant, table);
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

  /** Runs on the tenant's engine: routed datasets are not visible to ad-hoc SQL. */
  @Override
  public QueryResult query(TenantId tenant, String sql, QueryOptions options) {
    return engineFor(tenant).query(tenant, sql, options);
  }

  /**
   * The tenant's tables on its engine and its routed datasets on theirs; a table of the tenant's
   * engine named like a dataset routed elsewhere is hidden behind the route.
   */
  @Override
  public List<TableInfo> listTables(TenantId tenant) {
    AnalyticsEngine own = engineFor(tenant);
    Map<String, DatasetRoute> elsewhere = new LinkedHashMap<>();
    datasetRoutes
        .getOrDefault(tenant, Map.of())
        .forEach(
            (name, route) -> {
              if (engineFor(tenant, route.table()) != own) {
                elsewhere.put(name, route);
              }
            });
    List<TableInfo> tables = new ArrayList<>();
    for (TableInfo table : own.listTables(tenant)) {
      if (!elsewhere.containsKey(key(table.name()))) {
        tables.add(table);
      }
    }
    for (DatasetRoute route : elsewhere.values()) {
      engineFor(tenant, route.table()).describe(tenant, route.table()).ifPresent(tables::add);
    }
    tables.sort(Comparator.comparing(TableInfo::name));
    return tables;
  }

  @Override
  public Optional<TableInfo> describe(TenantId tenant, TableRef table) {
    return engineFor(tenant, table).describe(tenant, table);
  }

  @Override
  public SqlSession openSession(TenantId tenant) {
    return engineFor(tenant).openSession(tenant);
  }

  @Override
  public SqlSession openSession(TenantId tenant, TableRef table) {
    return engineFor(tenant, table).openSession(tenant);
  }

  /** Closes every engine once: the datasets' first, then the tenants', the default one last. */
  @Override
  public void close() {
    Map<AnalyticsEngine, Boolean> closed = new IdentityHashMap<>();
    List<AnalyticsEngine> order = new ArrayList<>();
    datasetRoutes.values().forEach(tables -> tables.values().forEach(r -> order.add(r.engine())));
    order.addAll(routes.values());
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
