package io.udb.security.authz;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * The limits of one tenant; an empty value means unlimited.
 *
 * @param maxStorageBytes the most bytes the tenant's data may occupy
 * @param maxRowsPerTable the most rows any one table may hold
 * @param maxConcurrentJobs the most jobs that may run at once
 * @param maxQueriesPerMinute the most ad-hoc queries per minute (a token bucket: bursts up to the
 *     limit, then refilled evenly over the minute)
 */
public record TenantQuotas(
    OptionalLong maxStorageBytes,
    OptionalLong maxRowsPerTable,
    OptionalLong maxConcurrentJobs,
    OptionalLong maxQueriesPerMinute) {

  /** Quota name of {@link #maxStorageBytes()}. */
  public static final String STORAGE_BYTES = "storage_bytes";

  /** Quota name of {@link #maxRowsPerTable()}. */
  public static final String ROWS_PER_TABLE = "rows_per_table";

  /** Quota name of {@link #maxConcurrentJobs()}. */
  public static final String CONCURRENT_JOBS = "concurrent_jobs";

  /** Quota name of {@link #maxQueriesPerMinute()}. */
  public static final String QUERIES_PER_MINUTE = "queries_per_minute";

  /** Validates the limits: each is absent or not negative. */
  public TenantQuotas {
    requireNotNegative(STORAGE_BYTES, maxStorageBytes);
    requireNotNegative(ROWS_PER_TABLE, maxRowsPerTable);
    requireNotNegative(CONCURRENT_JOBS, maxConcurrentJobs);
    requireNotNegative(QUERIES_PER_MINUTE, maxQueriesPerMinute);
  }

  /** No limits at all. */
  public static TenantQuotas unlimited() {
    return new TenantQuotas(
        OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty(), OptionalLong.empty());
  }

  /**
   * A copy with one limit replaced.
   *
   * @param quota one of the quota names, e.g. {@link #STORAGE_BYTES}
   * @param limit the new limit, empty for unlimited
   * @return the copy
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} for an unknown quota name
   */
  public TenantQuotas with(String quota, OptionalLong limit) {
    return switch (quota) {
      case STORAGE_BYTES ->
          new TenantQuotas(limit, maxRowsPerTable, maxConcurrentJobs, maxQueriesPerMinute);
      case ROWS_PER_TABLE ->
          new TenantQuotas(maxStorageBytes, limit, maxConcurrentJobs, maxQueriesPerMinute);
      case CONCURRENT_JOBS ->
          new TenantQuotas(maxStorageBytes, maxRowsPerTable, limit, maxQueriesPerMinute);
      case QUERIES_PER_MINUTE ->
          new TenantQuotas(maxStorageBytes, maxRowsPerTable, maxConcurrentJobs, limit);
      default ->
          throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Unknown quota '" + quota + "'");
    };
  }

  private static void requireNotNegative(String quota, OptionalLong limit) {
    Objects.requireNonNull(limit, quota);
    if (limit.isPresent() && limit.getAsLong() < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "Quota " + quota + " must not be negative; got " + limit.getAsLong());
    }
  }
}
