package io.udb.kpi;

import io.udb.api.job.JobContext;

/**
 * Adds artifacts of its own (e.g. charts of the KPI series) to a {@code kpi} job after the KPIs are
 * computed, in the job's {@code charts} stage.
 */
@FunctionalInterface
public interface KpiArtifactContributor {

  /**
   * Writes artifacts for a report through {@link JobContext#writeArtifact}.
   *
   * @param report the computed, masked KPIs
   * @param context the running job
   */
  void contribute(KpiReport report, JobContext context);
}
