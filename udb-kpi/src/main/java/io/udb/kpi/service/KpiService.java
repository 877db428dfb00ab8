package io.udb.kpi.service;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.json.Json;
import io.udb.kpi.KpiArtifactContributor;
import io.udb.kpi.KpiCharts;
import io.udb.kpi.KpiDefinition;
import io.udb.kpi.KpiOptions;
import io.udb.kpi.KpiReport;
import io.udb.kpi.KpiResult;
import io.udb.kpi.engine.KpiCache;
import io.udb.kpi.engine.KpiEngine;
import io.udb.kpi.engine.TableVersions;
import io.udb.kpi.narrative.NarrativeWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Computes KPIs, directly or as a {@code kpi} job, with a result cache shared by all calls of this
 * service. Create one per application (it holds the cache) and tell it of loads through {@link
 * #invalidate}.
 *
 * <p>The job runs the stages {@code validate} (cache lookup, definitions checked against the
 * tenant's tables, scans planned), {@code compute} (one fused query per shared scan), {@code
 * narrative}, {@code artifacts} ({@code kpis.json}) and {@code charts} (a PNG and an SVG chart per
 * KPI time series, see {@link KpiCharts}, then the options' own contributors). Its result is the
 * JSON of {@code POST /udb/kpis}.
 *
 * <p>Thread-safe.
 */
public final class KpiService {
  /** The artifact holding the job's result. */
  public static final String ARTIFACT = "kpis.json";

  private final KpiEngine engine;
  private final KpiCharts charts = new KpiCharts();

  /** A service with the default cache (one million cells, one hour). */
  public KpiService() {
    this(KpiCache.defaults());
  }

  /**
   * A service with the given cache.
   *
   * @param cache the result cache
   */
  public KpiService(KpiCache cache) {
    this.engine = new KpiEngine(cache, new TableVersions());
  }

  /** The engine doing the work, for callers that run the steps themselves. */
  public KpiEngine engine() {
    return engine;
  }

  /** The table versions cache keys depend on. */
  public TableVersions tableVersions() {
    return engine.versions();
  }

  /**
   * Records that a table changed: cached KPIs reading it are dropped and never served again.
   *
   * @param tenant the tenant
   * @param table the table
   */
  public void invalidate(TenantId tenant, TableRef table) {
    engine.versions().invalidate(tenant, table);
  }

  /**
   * Computes KPIs in the calling thread.
   *
   * @param box the box
   * @param tenant the tenant
   * @param definitions the KPIs, with distinct names
   * @param options how to compute and present them
   * @return the results and their narrative
   * @throws InvalidKpiException for an invalid definition, before anything is computed
   */
  public KpiReport compute(
      DataBox box, TenantId tenant, List<KpiDefinition> definitions, KpiOptions options) {
    return report(engine.run(box, tenant, definitions, options), options);
  }

  /**
   * Submits a {@code kpi} job computing KPIs.
   *
   * @param box the box running the job
   * @param tenant the tenant
   * @param definitions the KPIs, with distinct names
   * @param options how to compute and present them
   * @return the created job; its result is {@link KpiReport#toJson()}
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} for an empty batch or repeated
   *     names; everything else is reported by the job
   */
  public Job submit(
      DataBox box, TenantId tenant, List<KpiDefinition> definitions, KpiOptions options) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(options, "options");
    return box.submit(tenant, JobType.KPI, kpiJob(box, definitions, options));
  }

  /**
   * Submits a {@code kpi} job on behalf of a principal: like {@link #submit(DataBox, TenantId,
   * List, KpiOptions)} for the principal's tenant, with the principal's permission, rate limit and
   * concurrent-job quota applied by {@link SecuredBox#submit}.
   *
   * @param box the box the KPIs are computed in
   * @param caller the principal's view of {@code box}
   * @param definitions the KPIs, with distinct names
   * @param options how to compute and present them
   * @return the created job; its result is {@link KpiReport#toJson()}
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} for an empty batch or repeated
   *     names; everything else is reported by the job
   */
  public Job submit(
      DataBox box, SecuredBox caller, List<KpiDefinition> definitions, KpiOptions options) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(options, "options");
    return caller.submit(JobType.KPI, kpiJob(box, definitions, options));
  }

  private JobBody kpiJob(DataBox box, List<KpiDefinition> definitions, KpiOptions options) {
    KpiEngine.requireValidBatch(definitions);
    List<KpiDefinition> batch = List.copyOf(definitions);
    return context -> run(box, context, batch, options).toJson();
  }

  /**
   * Computes KPIs inside a job that already exists (e.g. the analyze pipeline's): the stages and
   * artifacts of {@link #submit}, with the job's progress going from 0 to 1.
   *
   * @param box the box
   * @param context the running job, whose tenant owns the tables
   * @param definitions the KPIs, with distinct names
   * @param options how to compute and present them
   * @return the results and their narrative
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} for an empty batch or repeated
   *     names, and what validation and computation find
   */
  public KpiReport run(
      DataBox box, JobContext context, List<KpiDefinition> definitions, KpiOptions options) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(options, "options");
    KpiEngine.requireValidBatch(definitions);
    List<KpiDefinition> batch = List.copyOf(definitions);
    TenantId tenant = context.tenant();
    KpiEngine.Batch prepared =
        context.stage("validate", () -> engine.prepare(box, tenant, batch, options));
    context.progress(0.2);
    context.stage(
        "compute",
        () -> {
          engine.compute(prepared, context::throwIfCancelled);
          return prepared.queries();
        });
    context.progress(0.8);
    KpiReport report = context.stage("narrative", () -> report(engine.results(prepared), options));
    context.stage(
        "artifacts",
        () ->
            context.writeArtifact(
                ARTIFACT,
                "application/json",
                Json.write(report.toJson()).getBytes(StandardCharsets.UTF_8)));
    context.stage(
        "charts",
        () -> {
          charts.contribute(report, context);
          for (KpiArtifactContributor contributor : options.artifactContributors()) {
            context.throwIfCancelled();
            contributor.contribute(report, context);
          }
          return options.artifactContributors().size() + 1;
        });
    context.progress(1.0);
    return report;
  }

  private static KpiReport report(List<KpiResult> results, KpiOptions options) {
    NarrativeWriter writer = new NarrativeWriter(options.locale(), options.significantDigits());
    return new KpiReport(results, writer.write(results));
  }
}
