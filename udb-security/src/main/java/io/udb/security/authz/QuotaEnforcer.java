package io.udb.security.authz;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import io.udb.security.ratelimit.InMemoryRateLimiter;
import io.udb.security.ratelimit.RateLimit;
import io.udb.security.ratelimit.RateLimitDecision;
import io.udb.security.ratelimit.RateLimitKey;
import io.udb.security.ratelimit.RateLimitSettings;
import io.udb.security.ratelimit.RateLimiter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * Enforces per-tenant quotas: storage bytes, rows per table, concurrent jobs and queries per
 * minute. Every refusal throws {@link QuotaExceededException}, is reported to the {@link
 * SecurityAudit} as control {@value #CONTROL} with the quota name as reason, and is counted in
 * {@link #rejections()}.
 *
 * <p>Queries per minute use a tenant-wide token bucket of the given {@link RateLimiter}; pass a
 * Redis-backed one to share the budget across processes. Concurrent jobs are counted in this
 * process. Thread-safe.
 */
public final class QuotaEnforcer {

  /** The {@link Denial#control()} of quota refusals. */
  public static final String CONTROL = "quota";

  /** The rate-limit operation class of the tenant-wide query buckets. */
  public static final String QUERY_QUOTA_CLASS = "quota-queries";

  private static final Duration MINUTE = Duration.ofMinutes(1);

  private final QuotaSettings quotas;
  private final RateLimiter queryLimiter;
  private final SecurityAudit audit;
  private final Map<TenantId, Long> runningJobs = new ConcurrentHashMap<>();
  private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

  /**
   * An enforcer counting queries in this process and auditing nothing.
   *
   * @param quotas the quotas
   */
  public QuotaEnforcer(QuotaSettings quotas) {
    this(quotas, new InMemoryRateLimiter(RateLimitSettings.defaults()), SecurityAudit.none());
  }

  /**
   * Creates an enforcer.
   *
   * @param quotas the quotas
   * @param queryLimiter holds the queries-per-minute buckets; stays the caller's to close
   * @param audit receives every refusal
   */
  public QuotaEnforcer(QuotaSettings quotas, RateLimiter queryLimiter, SecurityAudit audit) {
    this.quotas = Objects.requireNonNull(quotas, "quotas");
    this.queryLimiter = Objects.requireNonNull(queryLimiter, "queryLimiter");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * The quotas of a tenant.
   *
   * @param tenant the tenant
   * @return its quotas
   */
  public TenantQuotas quotas(TenantId tenant) {
    return quotas.forTenant(tenant);
  }

  /**
   * Refuses a write that would take the tenant's storage over its quota.
   *
   * @param tenant the tenant
   * @param currentBytes bytes the tenant uses now
   * @param incomingBytes bytes the write adds
   * @throws QuotaExceededException with quota {@link TenantQuotas#STORAGE_BYTES}
   */
  public void checkStorage(TenantId tenant, long currentBytes, long incomingBytes) {
    requireNotNegative("currentBytes", currentBytes);
    requireNotNegative("incomingBytes", incomingBytes);
    var limit = quotas.forTenant(tenant).maxStorageBytes();
    if (limit.isEmpty()) {
      return;
    }
    long max = limit.getAsLong();
    long total = saturatedAdd(currentBytes, incomingBytes);
    if (total > max) {
      throw refuse(
          tenant,
          TenantQuotas.STORAGE_BYTES,
          Operation.INGEST,
          max,
          null,
          "Storage quota of tenant '"
              + tenant
              + "' exceeded: "
              + currentBytes
              + " bytes stored + "
              + incomingBytes
              + " incoming = "
              + total
              + " bytes, over the limit of "
              + max
              + " bytes; delete data or ask for a larger quota");
    }
  }

  /**
   * Refuses a table that would hold more rows than the tenant's quota.
   *
   * @param tenant the tenant
   * @param table the table, named in the message
   * @param rows the rows the table would hold
   * @throws QuotaExceededException with quota {@link TenantQuotas#ROWS_PER_TABLE}
   */
  public void checkRows(TenantId tenant, String table, long rows) {
    requireNotNegative("rows", rows);
    var limit = quotas.forTenant(tenant).maxRowsPerTable();
    if (limit.isPresent() && rows > limit.getAsLong()) {
      throw refuse(
          tenant,
          TenantQuotas.ROWS_PER_TABLE,
          Operation.INGEST,
          limit.getAsLong(),
          null,
          "Table '"
              + table
              + "' would hold "
              + rows
              + " rows, over the limit of "
              + limit.getAsLong()
              + " rows per table; load less data or ask for a larger quota");
    }
  }

  /**
   * Takes one of the tenant's concurrent job slots; close the slot when the job ends.
   *
   * @param tenant the tenant
   * @return the slot; closing it again has no effect
   * @throws QuotaExceededException with quota {@link TenantQuotas#CONCURRENT_JOBS}
   */
  public JobSlot acquireJobSlot(TenantId tenant) {
    var limit = quotas.forTenant(tenant).maxConcurrentJobs();
    long max = limit.orElse(Long.MAX_VALUE);
    AtomicBoolean acquired = new AtomicBoolean();
    runningJobs.compute(
        tenant,
        (t, running) -> {
          long now = running == null ? 0 : running;
          if (now >= max) {
            return running;
          }
          acquired.set(true);
          return now + 1;
        });
    if (!acquired.get()) {
      throw refuse(
          tenant,
          TenantQuotas.CONCURRENT_JOBS,
          Operation.JOB_START,
          max,
          null,
          "Tenant '"
              + tenant
              + "' already runs "
              + runningJobs(tenant)
              + " jobs, the limit of "
              + max
              + " concurrent jobs; wait for one to finish or cancel one");
    }
    return new Slot(tenant);
  }

  /**
   * The tenant's jobs holding a slot now.
   *
   * @param tenant the tenant
   * @return how many slots are taken
   */
  public long runningJobs(TenantId tenant) {
    return runningJobs.getOrDefault(tenant, 0L);
  }

  /**
   * Counts one query against the tenant's queries-per-minute quota.
   *
   * @param tenant the tenant
   * @throws QuotaExceededException with quota {@link TenantQuotas#QUERIES_PER_MINUTE} and a
   *     retry-after
   */
  public void checkQuery(TenantId tenant) {
    var limit = quotas.forTenant(tenant).maxQueriesPerMinute();
    if (limit.isEmpty()) {
      return;
    }
    long max = limit.getAsLong();
    Duration retryAfter = MINUTE;
    if (max > 0) {
      RateLimitDecision decision =
          queryLimiter.consumeWithin(
              RateLimitKey.tenantWide(tenant, QUERY_QUOTA_CLASS), 1, RateLimit.of(max, MINUTE));
      if (decision.allowed()) {
        return;
      }
      retryAfter = decision.retryAfter();
    }
    throw refuse(
        tenant,
        TenantQuotas.QUERIES_PER_MINUTE,
        Operation.SQL_QUERY,
        max,
        retryAfter,
        "Tenant '"
            + tenant
            + "' reached its limit of "
            + max
            + " queries per minute; retry after "
            + Math.max(1, retryAfter.toMillis())
            + " ms or ask for a larger quota");
  }

  /** Refusals so far, per quota name. */
  public Map<String, Long> rejections() {
    Map<String, Long> snapshot = new HashMap<>();
    rejections.forEach((quota, count) -> snapshot.put(quota, count.sum()));
    return Map.copyOf(snapshot);
  }

  private QuotaExceededException refuse(
      TenantId tenant,
      String quota,
      Operation operation,
      long limit,
      Duration retryAfter,
      String message) {
    rejections.computeIfAbsent(quota, q -> new LongAdder()).increment();
    audit.denied(
        new Denial(CONTROL, quota, ErrorCode.QUOTA_EXCEEDED, tenant, null, operation.id()));
    return new QuotaExceededException(quota, limit, retryAfter, message);
  }

  private void release(TenantId tenant) {
    runningJobs.computeIfPresent(tenant, (t, running) -> running <= 1 ? null : running - 1);
  }

  private static void requireNotNegative(String name, long value) {
    if (value < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, name + " must not be negative; got " + value);
    }
  }

  private static long saturatedAdd(long a, long b) {
    long sum = a + b;
    // Overflow (only possible with absurd inputs) must not turn into a small number that passes.
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }

  /** A concurrent-job slot; closing it frees the slot once. */
  public interface JobSlot extends AutoCloseable {
    /** Frees the slot; later calls do nothing. */
    @Override
    void close();
  }

  private final class Slot implements JobSlot {
    private final TenantId tenant;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Slot(TenantId tenant) {
      this.tenant = tenant;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        release(tenant);
      }
    }
  }
}
