package io.udb.core.analyze;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.Principal;
import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.security.authz.AccessPolicy;
import io.udb.security.authz.Operation;
import java.util.Objects;
import java.util.Set;

/**
 * Starts analyze jobs ({@link JobType#ANALYZE}): the request is checked against the pipeline and
 * the tenant's tables before the job is accepted, then the {@link AnalyzePipeline} runs as the
 * job's body. Create one per application.
 *
 * <p>Thread-safe.
 */
public final class AnalyzeService {
  private final AnalyzePipeline pipeline;

  /**
   * A service running the given pipeline.
   *
   * @param pipeline the stages
   */
  public AnalyzeService(AnalyzePipeline pipeline) {
    this.pipeline = Objects.requireNonNull(pipeline, "pipeline");
  }

  /**
   * A service running the stages found on the class path ({@link AnalyzePipeline#discover()}).
   *
   * @return the service
   */
  public static AnalyzeService discover() {
    return new AnalyzeService(AnalyzePipeline.discover());
  }

  /** The pipeline this service runs. */
  public AnalyzePipeline pipeline() {
    return pipeline;
  }

  /**
   * Starts an analyze job for a trusted caller (reports show unmasked values).
   *
   * @param box the box
   * @param tenant the tenant
   * @param request what to analyse
   * @return the created job; its result is described at {@link AnalyzePipeline}
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} for a request the pipeline
   *     refuses, {@code TABLE_NOT_FOUND} for a table the tenant does not have, {@code JOB_REJECTED}
   *     when the tenant's job queue is full
   */
  public Job submit(DataBox box, TenantId tenant, AnalyzeRequest request) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(tenant, "tenant");
    pipeline.validate(request);
    requireTables(box, tenant, request);
    return box.submit(
        tenant, JobType.ANALYZE, context -> pipeline.run(box, context, request, null));
  }

  /**
   * Starts an analyze job for a principal: its role must allow starting jobs (and loads, when the
   * request names connections), every table the job reads must be within its grants, and the job
   * takes one of the tenant's job slots and counts against its rate limit ({@link
   * SecuredBox#submit}). Reports mask data values as the principal's role requires.
   *
   * @param secured the box as the principal may use it
   * @param request what to analyse
   * @return the created job
   * @throws io.udb.security.authz.AccessDeniedException with {@code FORBIDDEN} when the role is too
   *     low or a table is not granted
   */
  public Job submit(SecuredBox secured, AnalyzeRequest request) {
    Objects.requireNonNull(secured, "secured");
    Objects.requireNonNull(request, "request");
    DataBox box = secured.box();
    Principal principal = secured.principal();
    AccessPolicy access = box.security().access();
    access.authorize(principal, Operation.JOB_START);
    if (!request.connectionIds().isEmpty()) {
      access.authorize(principal, Operation.INGEST);
    }
    Set<String> tables = pipeline.validate(request);
    access.grants().checkTables(principal, tables, Operation.JOB_START);
    requireTables(box, principal.tenant(), request);
    return secured.submit(
        JobType.ANALYZE, context -> pipeline.run(box, context, request, principal));
  }

  private static void requireTables(DataBox box, TenantId tenant, AnalyzeRequest request) {
    for (TableRef table : request.tables()) {
      if (box.describe(tenant, table).isEmpty()) {
        throw new NotFoundException(
            ErrorCode.TABLE_NOT_FOUND,
            "Table " + table + " does not exist in this tenant; load it or correct 'tables'");
      }
    }
  }
}
