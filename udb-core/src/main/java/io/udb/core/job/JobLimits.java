package io.udb.core.job;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;

/**
 * How many jobs run at once.
 *
 * @param maxConcurrentJobs worker threads shared by all tenants
 * @param maxConcurrentPerTenant jobs of one tenant running at once; the rest wait in its queue
 * @param maxQueuedPerTenant jobs of one tenant waiting; more are refused with {@code JOB_REJECTED}
 */
public record JobLimits(int maxConcurrentJobs, int maxConcurrentPerTenant, int maxQueuedPerTenant) {
  /** Validates the limits. */
  public JobLimits {
    if (maxConcurrentJobs < 1 || maxConcurrentPerTenant < 1 || maxQueuedPerTenant < 0) {
      throw new UdbException(
          ErrorCode.CONFIG_INVALID,
          "Job limits must be positive (maxConcurrentJobs, maxConcurrentPerTenant) and not negative (maxQueuedPerTenant)");
    }
  }

  /** Defaults: 4 workers, 2 per tenant, 100 queued per tenant. */
  public static JobLimits defaults() {
    return new JobLimits(4, 2, 100);
  }
}
