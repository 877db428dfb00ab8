package io.udb.kpi.engine;

import io.udb.api.TenantId;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.core.engine.DuckDbEngine;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;

/**
 * Versions of tenant tables, the part of a KPI cache key that makes a cached result unreachable as
 * soon as its table may have changed. A table's version token combines three signals, so that a
 * change caught by any of them changes the token:
 *
 * <ul>
 *   <li>an explicit counter per tenant and table, bumped by {@link #invalidate} (loads call it; it
 *       also tells listeners, e.g. the cache, to drop entries at once);
 *   <li>the engine's table version ({@link DuckDbEngine#tableVersion}): it changes whenever any
 *       statement UDB runs through a session of the tenant may have written, so it catches loads
 *       and updates made through UDB even when nobody calls {@link #invalidate};
 *   <li>a fingerprint read from the database itself ({@link SqlDialect#tableFactsQuery}): the
 *       table's catalog oid (new when the table is dropped and created again or replaced), its
 *       estimated size and column count, and its exact row count ({@code count(*)}, answered by
 *       DuckDB from its metadata in well under a millisecond even at 10M rows), which catch
 *       appends, deletes and replacements made past UDB.
 * </ul>
 *
 * <p>An {@code UPDATE} that keeps the row count, made directly on the connection without telling
 * UDB, is the one change none of them sees; callers doing that must call {@link #invalidate}. An
 * engine without a catalog to read facts from gets tokens that never repeat, so its results are
 * never served from a cache ({@link #canVersion}). Thread-safe.
 */
public final class TableVersions {
  /** Source of the never-repeating tokens of engines without catalog facts. */
  private static final AtomicLong UNVERSIONED = new AtomicLong();

  private final Map<Key, AtomicLong> counters = new ConcurrentHashMap<>();
  private final List<BiConsumer<TenantId, TableRef>> listeners = new CopyOnWriteArrayList<>();

  /**
   * Records that a table changed (e.g. after a load into it).
   *
   * @param tenant the tenant
   * @param table the table
   * @return the table's new counter
   */
  public long invalidate(TenantId tenant, TableRef table) {
    long version = counter(new Key(tenant, normalize(table))).incrementAndGet();
    for (BiConsumer<TenantId, TableRef> listener : listeners) {
      listener.accept(tenant, table);
    }
    return version;
  }

  /**
   * The explicit counter of a table: how often {@link #invalidate} was called for it.
   *
   * @param tenant the tenant
   * @param table the table
   * @return the counter, 0 before the first invalidation
   */
  public long counter(TenantId tenant, TableRef table) {
    AtomicLong counter = counters.get(new Key(tenant, normalize(table)));
    return counter == null ? 0 : counter.get();
  }

  /**
   * Registers a listener told of every {@link #invalidate}.
   *
   * @param listener receives tenant and table
   */
  public void onInvalidate(BiConsumer<TenantId, TableRef> listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /** The key under which {@link #tokens} returns the token of all the tenant's tables. */
  public static final String ALL_TABLES = "*";

  /**
   * Whether an engine's tables have version tokens that repeat while they are unchanged: it has a
   * catalog to read facts from ({@link SqlDialect#tableFactsQuery}). Without one, every token is
   * new, so results keyed by them are never found again and should not be cached.
   *
   * @param dialect the engine's dialect
   * @return whether results keyed by the tokens can be cached
   */
  public static boolean canVersion(SqlDialect dialect) {
    return dialect.tableFactsQuery().isPresent();
  }

  /**
   * The current version tokens of tables, read with one catalog query (and one row count per
   * table). For an engine without catalog facts ({@link #canVersion}) nothing is read and every
   * token is one never returned before: nothing would tell a table replaced past UDB by one of the
   * same size, so a token that repeated could serve a stale result.
   *
   * @param box the box holding the tenant's database
   * @param tenant the tenant
   * @param tables the tables
   * @param allTables whether to add, under {@link #ALL_TABLES}, one token covering every table of
   *     the tenant (for raw queries, which may read any)
   * @return lower-cased table name to token; a token differs whenever the table may have changed
   */
  public Map<String, String> tokens(
      DataBox box, TenantId tenant, Collection<TableRef> tables, boolean allTables) {
    // a tenant's datasets may be served by several engines: each engine's catalog versions its own
    AnalyticsEngine own = box.engine().engineFor(tenant);
    Map<AnalyticsEngine, List<TableRef>> byEngine = new IdentityHashMap<>();
    Map<AnalyticsEngine, TableRef> anyTable = new IdentityHashMap<>();
    for (TableRef table : tables) {
      AnalyticsEngine engine = box.engine().engineFor(tenant, table);
      byEngine.computeIfAbsent(engine, e -> new ArrayList<>()).add(table);
      anyTable.putIfAbsent(engine, table);
    }
    if (allTables) {
      byEngine.computeIfAbsent(own, e -> new ArrayList<>());
    }
    Map<String, String> out = new TreeMap<>();
    byEngine.forEach(
        (engine, ofEngine) -> {
          boolean all = allTables && engine == own;
          if (!canVersion(engine.dialect())) {
            for (TableRef table : ofEngine) {
              out.put(normalize(table), "u" + UNVERSIONED.incrementAndGet());
            }
            if (all) {
              out.put(ALL_TABLES, "u" + UNVERSIONED.incrementAndGet());
            }
            return;
          }
          TableRef any = anyTable.get(engine);
          try (SqlSession session =
              any == null ? box.openSession(tenant) : box.openSession(tenant, any)) {
            out.putAll(tokens(tenant, engine, session, ofEngine, all));
          }
        });
    return out;
  }

  private Map<String, String> tokens(
      TenantId tenant,
      AnalyticsEngine engine,
      SqlSession session,
      List<TableRef> tables,
      boolean allTables) {
    KpiSql sql = new KpiSql(session.dialect());
    Map<String, String> facts = facts(session, sql);
    Map<String, String> out = new TreeMap<>();
    for (TableRef table : tables) {
      out.put(normalize(table), token(engine, session, sql, tenant, table, facts));
    }
    if (allTables) {
      StringBuilder all = new StringBuilder();
      for (String name : facts.keySet()) {
        String token =
            out.containsKey(name)
                ? out.get(name)
                : token(engine, session, sql, tenant, TableRef.of(name), facts);
        all.append(name).append('=').append(token).append(';');
      }
      out.put(ALL_TABLES, all.toString());
    }
    return out;
  }

  private String token(
      AnalyticsEngine engine,
      SqlSession session,
      KpiSql sql,
      TenantId tenant,
      TableRef table,
      Map<String, String> facts) {
    long engineVersion =
        engine instanceof DuckDbEngine duck ? duck.tableVersion(tenant, table) : 0L;
    String fact = facts.get(normalize(table));
    String rows;
    if (fact == null) {
      fact = "missing";
      rows = "missing";
    } else {
      rows = rowCount(session, sql, table);
    }
    return "c" + counter(tenant, table) + "/e" + engineVersion + "/f" + fact + "/n" + rows;
  }

  /** Catalog facts of every table by lower-cased name. */
  private static Map<String, String> facts(SqlSession session, KpiSql sql) {
    Map<String, String> out = new TreeMap<>();
    QueryResult result = session.query(sql.tableFactsQuery().orElseThrow(), List.of());
    for (List<Object> row : result.rows()) {
      StringBuilder fact = new StringBuilder();
      for (int i = 1; i < row.size(); i++) {
        fact.append(i == 1 ? "" : ":").append(row.get(i));
      }
      out.put(String.valueOf(row.get(0)).toLowerCase(Locale.ROOT), fact.toString());
    }
    return out;
  }

  private static String rowCount(SqlSession session, KpiSql sql, TableRef table) {
    try {
      return String.valueOf(
          session.query(sql.rowCount(table.name()), List.of()).rows().get(0).get(0));
    } catch (RuntimeException e) {
      // the table vanished between the catalog query and the count, or never existed
      return "missing";
    }
  }

  private AtomicLong counter(Key key) {
    return counters.computeIfAbsent(key, k -> new AtomicLong());
  }

  static String normalize(TableRef table) {
    return table.name().toLowerCase(Locale.ROOT);
  }

  private record Key(TenantId tenant, String table) {}
}
