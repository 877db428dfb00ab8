package io.udb.kpi.engine;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.kpi.Grain;
import io.udb.kpi.InvalidKpiException;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiResult;
import io.udb.kpi.engine.KpiCache.CacheKey;
import io.udb.kpi.engine.KpiComputation.Cell;
import io.udb.kpi.engine.KpiComputation.Decomposition;
import io.udb.kpi.engine.KpiComputation.PeriodCell;
import io.udb.security.pii.ColumnClassifier;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Computes KPI batches in three steps, so that a job can run each as a stage:
 *
 * <ol>
 *   <li>{@link #prepare}: reads the version tokens of the tables involved, serves what it can from
 *       the cache, validates the rest against the tenant's tables (nothing is computed if any
 *       definition is invalid) and groups them into shared scans: KPIs over the same table, time
 *       column and grain are computed by one query, whatever their filters (each filter restricts
 *       only its KPI's aggregates);
 *   <li>{@link #compute}: runs one fused query per scan through the guarded user query path, meters
 *       rows and fills the cache;
 *   <li>{@link #results}: builds the results for the caller (comparisons, breakdowns, masking).
 * </ol>
 *
 * <p>Thread-safe; a {@link Batch} belongs to one thread.
 */
public final class KpiEngine {
  private static final Logger LOG = LoggerFactory.getLogger(KpiEngine.class);

  /** The most KPIs one batch may hold. */
  public static final int MAX_BATCH = 500;

  private final KpiCache cache;
  private final TableVersions versions;
  private final ColumnClassifier classifier = ColumnClassifier.defaults();

  /**
   * Creates an engine.
   *
   * @param cache the result cache
   * @param versions the table versions; its invalidations also drop cache entries
   */
  public KpiEngine(KpiCache cache, TableVersions versions) {
    this.cache = Objects.requireNonNull(cache, "cache");
    this.versions = Objects.requireNonNull(versions, "versions");
    versions.onInvalidate(cache::invalidate);
  }

  /** The result cache. */
  public KpiCache cache() {
    return cache;
  }

  /** The table versions. */
  public TableVersions versions() {
    return versions;
  }

  /**
   * Runs all three steps.
   *
   * @param box the box
   * @param tenant the tenant
   * @param definitions the KPIs
   * @param options how to compute and present them
   * @return one result per definition, in order
   */
  public List<KpiResult> run(
      DataBox box, TenantId tenant, List<KpiDefinition> definitions, KpiOptions options) {
    Batch batch = prepare(box, tenant, definitions, options);
    compute(batch, () -> {});
    return results(batch);
  }

  /**
   * Looks up the cache and validates and plans what it does not hold.
   *
   * @param box the box
   * @param tenant the tenant
   * @param definitions the KPIs, with distinct names
   * @param options how to compute and present them
   * @return the prepared batch
   * @throws InvalidKpiException for the first invalid definition
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an empty, oversized or
   *     ambiguous batch
   */
  public Batch prepare(
      DataBox box, TenantId tenant, List<KpiDefinition> definitions, KpiOptions options) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(options, "options");
    requireValidBatch(definitions);
    Batch batch = new Batch(box, tenant, List.copyOf(definitions), options);
    Set<TableRef> tables = new LinkedHashSet<>();
    boolean anyRaw = false;
    for (KpiDefinition definition : definitions) {
      if (definition.isRawSql()) {
        anyRaw = true;
      } else {
        tables.add(TableRef.of(definition.table()));
      }
    }
    // Versions are read before anything is computed: an entry may then hold data newer than its
    // version, never older.
    Map<String, String> tokens = versions.tokens(box, tenant, tables, anyRaw);
    for (int i = 0; i < definitions.size(); i++) {
      KpiDefinition definition = definitions.get(i);
      CacheKey key =
          definition.isRawSql()
              ? new CacheKey(
                  tenant,
                  definition.computationHash(),
                  tokens.get(TableVersions.ALL_TABLES),
                  options.dimensionSeries(),
                  Set.of())
              : new CacheKey(
                  tenant,
                  definition.computationHash(),
                  tokens.get(TableVersions.normalize(TableRef.of(definition.table()))),
                  options.dimensionSeries(),
                  Set.of(TableVersions.normalize(TableRef.of(definition.table()))));
      batch.keys.add(key);
      // Without catalog facts a table's version cannot tell that it changed: compute every time.
      boolean cacheable =
          options.useCache()
              && TableVersions.canVersion(engineOf(box, tenant, definition).dialect());
      if (cacheable) {
        batch.cacheable.add(i);
        long start = System.nanoTime();
        KpiComputation hit = cache.get(key).orElse(null);
        String outcome = hit == null ? "miss" : "hit";
        box.metrics().count(KpiMetricNames.CACHE, 1, "result", outcome, "tenant", tenant.value());
        if (hit != null) {
          batch.computations.put(i, hit);
          batch.cached.add(i);
          batch.elapsed.put(i, (System.nanoTime() - start) / 1_000_000);
        }
      }
    }
    if (batch.computations.size() == definitions.size()) {
      return batch;
    }
    // one set of statements per engine: datasets of a tenant may be served by different engines
    Map<AnalyticsEngine, EngineTools> tools = new IdentityHashMap<>();
    QueryOptions probeLimits = new QueryOptions(1, options.queryTimeout());
    Map<List<Object>, List<PlannedKpi>> groups = new LinkedHashMap<>();
    Map<List<Object>, EngineTools> groupTools = new HashMap<>();
    for (int i = 0; i < definitions.size(); i++) {
      if (batch.computations.containsKey(i)) {
        continue;
      }
      KpiDefinition definition = definitions.get(i);
      EngineTools engineTools =
          tools.computeIfAbsent(
              engineOf(box, tenant, definition),
              engine -> EngineTools.of(box, tenant, definition, probeLimits));
      PlannedKpi kpi = engineTools.validator().plan(i, definition);
      if (kpi.isRaw()) {
        batch.raw.add(kpi);
        continue;
      }
      List<Object> key =
          Arrays.asList(
              kpi.table().toLowerCase(Locale.ROOT),
              kpi.timeColumn() == null ? null : kpi.timeColumn().toLowerCase(Locale.ROOT),
              kpi.definition().grain());
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(kpi);
      groupTools.put(key, engineTools);
    }
    groups.forEach(
        (key, group) -> {
          EngineTools engineTools = groupTools.get(key);
          batch.scans.add(
              new Scan(
                  new ScanQuery(group, engineTools.sql(), options.dimensionSeries()),
                  engineTools.statements()));
        });
    return batch;
  }

  /** The engine a KPI reads: its table's, or the tenant's for a raw query. */
  private static AnalyticsEngine engineOf(DataBox box, TenantId tenant, KpiDefinition definition) {
    return definition.isRawSql()
        ? box.engine().engineFor(tenant)
        : box.engine().engineFor(tenant, TableRef.of(definition.table()));
  }

  /** Where the KPIs of one engine are validated and run. */
  private record EngineTools(KpiStatements statements, KpiSql sql, KpiValidator validator) {
    static EngineTools of(
        DataBox box, TenantId tenant, KpiDefinition first, QueryOptions probeLimits) {
      KpiStatements statements =
          first.isRawSql()
              ? KpiStatements.of(box, tenant)
              : KpiStatements.of(box, tenant, TableRef.of(first.table()));
      KpiSql sql = new KpiSql(statements.dialect());
      FragmentProbe probe = new FragmentProbe(statements, sql, probeLimits);
      return new EngineTools(statements, sql, new KpiValidator(box, tenant, sql, probe));
    }
  }

  /** A shared scan and the statements of the engine it runs on. */
  private record Scan(ScanQuery query, KpiStatements statements) {}

  /**
   * Runs the scans of a prepared batch.
   *
   * @param batch the batch
   * @param checkpoint called before each scan; throws to stop (e.g. on job cancellation)
   */
  public void compute(Batch batch, Runnable checkpoint) {
    QueryOptions limits =
        new QueryOptions(batch.options.maxResultRows(), batch.options.queryTimeout());
    int scan = 0;
    for (Scan planned : batch.scans) {
      ScanQuery query = planned.query();
      checkpoint.run();
      long start = System.nanoTime();
      QueryResult result =
          run(batch, planned.statements(), query.sql(), limits, names(query.kpis()));
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (result.truncated()) {
        PlannedKpi first = query.kpis().get(0);
        throw new InvalidKpiException(
            first.name(),
            query.hasDimensions() ? "dimensions" : "grain",
            "the KPI query returns more than "
                + limits.maxRows()
                + " periods and dimension values; choose a coarser grain, a dimension with fewer"
                + " values, or raise maxResultRows");
      }
      List<KpiComputation> computed = query.parse(result, elapsed, scan);
      for (int k = 0; k < computed.size(); k++) {
        store(batch, query.kpis().get(k).index(), computed.get(k));
      }
      LOG.debug(
          "KPI scan {} of tenant {}: {} KPIs, {} rows, {} ms",
          scan,
          batch.tenant,
          computed.size(),
          computed.get(0).rows(),
          elapsed);
      scan++;
    }
    for (PlannedKpi kpi : batch.raw) {
      checkpoint.run();
      long start = System.nanoTime();
      QueryResult result = run(batch, null, kpi.rawSql(), limits, names(List.of(kpi)));
      long elapsed = (System.nanoTime() - start) / 1_000_000;
      if (result.truncated()) {
        throw new InvalidKpiException(
            kpi.name(), "sql", "returns more than " + limits.maxRows() + " rows");
      }
      store(batch, kpi.index(), raw(kpi, result, elapsed, scan));
      scan++;
    }
  }

  /**
   * Builds the results of a computed batch for its caller.
   *
   * @param batch the computed batch
   * @return one result per definition, in order
   */
  public List<KpiResult> results(Batch batch) {
    KpiAssembler assembler = new KpiAssembler(batch.options, batch.tenant, classifier);
    List<KpiResult> out = new ArrayList<>(batch.definitions.size());
    for (int i = 0; i < batch.definitions.size(); i++) {
      KpiComputation computation = batch.computations.get(i);
      if (computation == null) {
        throw new IllegalStateException("batch not computed: call compute first");
      }
      boolean cached = batch.cached.contains(i);
      long elapsed = cached ? batch.elapsed.getOrDefault(i, 0L) : computation.elapsedMs();
      out.add(assembler.assemble(batch.definitions.get(i), computation, cached, elapsed));
    }
    return out;
  }

  private void store(Batch batch, int index, KpiComputation computation) {
    batch.computations.put(index, computation);
    batch
        .box
        .metrics()
        .record(KpiMetricNames.ROWS, computation.rows(), "tenant", batch.tenant.value());
    if (batch.cacheable.contains(index)) {
      cache.put(batch.keys.get(index), computation);
    }
  }

  /**
   * Runs a statement of the batch: a raw-SQL KPI's own query (no statements) always through the
   * tenant's guarded user path; a scan where its engine's {@link KpiStatements} say.
   */
  private static QueryResult run(
      Batch batch, KpiStatements statements, String sql, QueryOptions limits, String kpis) {
    long start = System.nanoTime();
    String outcome = "error";
    try {
      QueryResult result =
          statements == null
              ? batch.box.query(batch.tenant, sql, limits)
              : statements.run(sql, limits);
      outcome = "ok";
      return result;
    } catch (InvalidKpiException e) {
      throw e;
    } catch (UdbException e) {
      throw new UdbException(e.code(), kpis + ": " + e.getMessage(), e);
    } finally {
      batch
          .box
          .metrics()
          .time(
              KpiMetricNames.SCANS,
              Duration.ofNanos(System.nanoTime() - start),
              "tenant",
              batch.tenant.value(),
              "outcome",
              outcome);
    }
  }

  private static String names(List<PlannedKpi> kpis) {
    return kpis.stream()
        .map(k -> "'" + k.name() + "'")
        .collect(Collectors.joining(", ", kpis.size() == 1 ? "KPI " : "KPIs ", ""));
  }

  /** The computation of a raw-SQL KPI from its rows: {@code value}, and {@code period}. */
  static KpiComputation raw(PlannedKpi kpi, QueryResult result, long elapsed, int scan) {
    int value = column(result, "value");
    List<PeriodCell> totals = new ArrayList<>();
    if (kpi.rawHasPeriod()) {
      int period = column(result, "period");
      Grain grain = kpi.definition().grain();
      TreeMap<LocalDate, Double> byPeriod = new TreeMap<>();
      for (List<Object> row : result.rows()) {
        LocalDate date = ScanQuery.date(row.get(period));
        if (date == null) {
          continue;
        }
        LocalDate start = grain.truncate(date);
        if (byPeriod.containsKey(start)) {
          throw new InvalidKpiException(
              kpi.name(),
              "sql",
              "returns several rows for period " + start + "; return one row per period");
        }
        byPeriod.put(start, number(row.get(value)));
      }
      byPeriod.forEach((start, v) -> totals.add(new PeriodCell(start, new Cell(v, null, null, 1))));
    } else {
      if (result.rowCount() > 1) {
        throw new InvalidKpiException(
            kpi.name(),
            "sql",
            "returns "
                + result.rowCount()
                + " rows; without a 'period' column it must return one row");
      }
      Double v = result.rowCount() == 0 ? null : number(result.rows().get(0).get(value));
      totals.add(new PeriodCell(null, new Cell(v, null, null, result.rowCount())));
    }
    return new KpiComputation(
        totals, List.of(), Decomposition.NONE, result.rowCount(), result.rowCount(), elapsed, scan);
  }

  private static int column(QueryResult result, String name) {
    for (int i = 0; i < result.columns().size(); i++) {
      if (result.columns().get(i).name().equalsIgnoreCase(name)) {
        return i;
      }
    }
    throw new IllegalStateException("validated column " + name + " is missing");
  }

  private static Double number(Object raw) {
    if (raw == null) {
      return null;
    }
    double value = ((Number) raw).doubleValue();
    return Double.isFinite(value) ? value : null;
  }

  /**
   * Checks what can be checked of a batch without the data: not empty, at most {@link #MAX_BATCH}
   * KPIs, distinct names.
   *
   * @param definitions the batch
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} when it is not
   */
  public static void requireValidBatch(List<KpiDefinition> definitions) {
    Objects.requireNonNull(definitions, "definitions");
    if (definitions.isEmpty()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Give at least one KPI");
    }
    if (definitions.size() > MAX_BATCH) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "At most " + MAX_BATCH + " KPIs per request; got " + definitions.size());
    }
    Set<String> names = new HashSet<>();
    for (KpiDefinition definition : definitions) {
      if (!names.add(definition.name())) {
        throw new InvalidKpiException(
            definition.name(), "name", "is used by more than one KPI of the request");
      }
    }
  }

  /** One batch between its steps: its inputs, cache keys, planned scans and computations. */
  public static final class Batch {
    private final DataBox box;
    private final TenantId tenant;
    private final List<KpiDefinition> definitions;
    private final KpiOptions options;
    private final Set<Integer> cacheable = new HashSet<>();
    private final List<CacheKey> keys = new ArrayList<>();
    private final Map<Integer, KpiComputation> computations = new LinkedHashMap<>();
    private final Set<Integer> cached = new HashSet<>();
    private final Map<Integer, Long> elapsed = new LinkedHashMap<>();
    private final List<Scan> scans = new ArrayList<>();
    private final List<PlannedKpi> raw = new ArrayList<>();

    private Batch(
        DataBox box, TenantId tenant, List<KpiDefinition> definitions, KpiOptions options) {
      this.box = box;
      this.tenant = tenant;
      this.definitions = definitions;
      this.options = options;
    }

    /** How many KPIs the batch holds. */
    public int size() {
      return definitions.size();
    }

    /** How many KPIs were served from the cache. */
    public int cacheHits() {
      return cached.size();
    }

    /** How many queries computing the rest will run (one per shared scan and raw-SQL KPI). */
    public int queries() {
      return scans.size() + raw.size();
    }

    /** The options. */
    public KpiOptions options() {
      return options;
    }
  }
}
