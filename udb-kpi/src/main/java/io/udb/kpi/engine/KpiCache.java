package io.udb.kpi.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The KPI result cache (Caffeine): unmasked computations keyed by tenant, definition hash and the
 * version tokens of the tables the KPI reads ({@link TableVersions}). A changed table changes the
 * token, so stale entries are never found; {@link #invalidate} also drops them at once to free
 * memory. Bounded by the number of cells held and by age. Thread-safe.
 */
public final class KpiCache {
  private final Cache<CacheKey, KpiComputation> cache;

  /**
   * Creates a cache.
   *
   * @param maxCells the most numbers (periods and dimension values) held over all entries
   * @param expireAfterWrite how long an entry lives at most
   */
  public KpiCache(long maxCells, Duration expireAfterWrite) {
    this.cache =
        Caffeine.newBuilder()
            .maximumWeight(maxCells)
            .weigher((CacheKey key, KpiComputation value) -> value.weight())
            .expireAfterWrite(expireAfterWrite)
            .build();
  }

  /** A cache of one million cells whose entries live an hour. */
  public static KpiCache defaults() {
    return new KpiCache(1_000_000, Duration.ofHours(1));
  }

  Optional<KpiComputation> get(CacheKey key) {
    return Optional.ofNullable(cache.getIfPresent(key));
  }

  void put(CacheKey key, KpiComputation computation) {
    cache.put(key, computation);
  }

  /**
   * Drops the entries of KPIs that read a table (raw-SQL KPIs count as reading every table).
   *
   * @param tenant the tenant
   * @param table the table
   */
  public void invalidate(TenantId tenant, TableRef table) {
    String name = TableVersions.normalize(table);
    cache
        .asMap()
        .keySet()
        .removeIf(
            key ->
                key.tenant().equals(tenant)
                    && (key.tables().isEmpty() || key.tables().contains(name)));
  }

  /**
   * Drops every entry of a tenant.
   *
   * @param tenant the tenant
   */
  public void invalidateTenant(TenantId tenant) {
    cache.asMap().keySet().removeIf(key -> key.tenant().equals(tenant));
  }

  /** The approximate number of entries. */
  public long size() {
    cache.cleanUp();
    return cache.estimatedSize();
  }

  /**
   * What a cached computation depends on.
   *
   * @param tenant the tenant
   * @param definitionHash {@link io.udb.kpi.KpiDefinition#computationHash()}
   * @param version the version token of the tables read
   * @param dimensionSeries whether per-value series were computed
   * @param tables the lower-cased tables read; empty for raw SQL, which may read any
   */
  record CacheKey(
      TenantId tenant,
      String definitionHash,
      String version,
      boolean dimensionSeries,
      Set<String> tables) {
    CacheKey {
      Objects.requireNonNull(tenant, "tenant");
      Objects.requireNonNull(definitionHash, "definitionHash");
      Objects.requireNonNull(version, "version");
      tables = Set.copyOf(tables);
    }
  }
}
