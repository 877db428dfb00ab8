package io.udb.quality.drift;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.Principal;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.json.Json;
import io.udb.security.pii.TableClassification;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleConsumer;
import java.util.function.Supplier;

/**
 * Data drift between a current table and a reference table or a stored baseline, with Evidently's
 * default test per column and scipy's numbers (see {@link StatTest}).
 *
 * <p>Each side of a column is read as its distinct values with counts: on DuckDB the columns with
 * few distinct values of both tables together in one statement of one {@code GROUP BY} each, a
 * numeric column whose values are nearly all distinct as raw values sorted in the JVM, every other
 * column (and every column on engines without cheap distinct estimates) by its own {@code GROUP
 * BY}. The JVM holds the small columns' counts and one large column's values at a time. As a job
 * ({@link #submit}) it runs the stages {@code compare}, {@code baseline} (refresh policy, baseline
 * comparisons only) and {@code report}, writes the artifacts {@code drift.json} and {@code
 * drift.html}, and counts {@value #RUNS_METRIC} with tag {@code status} ({@code succeeded}, {@code
 * failed}, {@code cancelled}).
 *
 * <p>Thread-safe. It keeps the parsed statistics of the last few baseline versions it used (a saved
 * version never changes), nothing else.
 */
public final class DriftService {
  /** Counter of drift runs; tag {@code status}. */
  public static final String RUNS_METRIC = "udb.drift.runs";

  /** The JSON artifact. */
  public static final String JSON_ARTIFACT = "drift.json";

  /** The HTML artifact. */
  public static final String HTML_ARTIFACT = "drift.html";

  /** Parsed baseline versions kept in memory. */
  private static final int CACHED_BASELINES = 8;

  private final BaselineOptions baselineOptions;
  private final DriftReport report = new DriftReport();
  private final DriftMasking masking = new DriftMasking();
  private final Map<String, Baseline> baselines =
      new LinkedHashMap<>(16, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Baseline> eldest) {
          return size() > CACHED_BASELINES;
        }
      };

  /** A service with {@link BaselineOptions#defaults()} for refreshed baselines. */
  public DriftService() {
    this(BaselineOptions.defaults());
  }

  /**
   * A service.
   *
   * @param baselineOptions how baselines saved by a refresh policy are stored
   */
  public DriftService(BaselineOptions baselineOptions) {
    this.baselineOptions = Objects.requireNonNull(baselineOptions, "baselineOptions");
  }

  /**
   * Starts a {@code drift} job.
   *
   * @param box the box
   * @param tenant the tenant
   * @param request what to compare
   * @return the created job; its result is {@link DriftResult#toJson()}
   */
  public Job submit(DataBox box, TenantId tenant, DriftRequest request) {
    return submit(box, tenant, request, null, null);
  }

  /**
   * Starts a {@code drift} job whose result and artifacts show data values (category labels,
   * minimum, maximum, most frequent value) as {@code principal} may see them.
   *
   * @param box the box
   * @param tenant the tenant
   * @param request what to compare
   * @param principal the caller, or null for a trusted caller that sees raw values
   * @param classification the current table's PII classification, or null to classify the columns
   *     on the fly from their names and values
   * @return the created job; its result is {@link DriftResult#toJson()}
   */
  public Job submit(
      DataBox box,
      TenantId tenant,
      DriftRequest request,
      Principal principal,
      TableClassification classification) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(request, "request");
    return box.submit(
        tenant, JobType.DRIFT, context -> runJob(box, context, request, principal, classification));
  }

  /**
   * Starts a {@code drift} job on behalf of a principal: for the principal's tenant, with its
   * permission, rate limit and concurrent-job quota applied by {@link SecuredBox#submit}, and data
   * values in the result and artifacts shown as the principal may see them.
   *
   * @param box the box the comparison reads through
   * @param caller the principal's view of {@code box}
   * @param request what to compare
   * @return the created job; its result is {@link DriftResult#toJson()}
   */
  public Job submit(DataBox box, SecuredBox caller, DriftRequest request) {
    Objects.requireNonNull(box, "box");
    Objects.requireNonNull(request, "request");
    Principal principal = caller.principal();
    return caller.submit(JobType.DRIFT, context -> runJob(box, context, request, principal, null));
  }

  /**
   * Compares synchronously, without a job or artifacts.
   *
   * @param box the box
   * @param tenant the tenant
   * @param request what to compare
   * @return the result
   * @throws NotFoundException with {@code TABLE_NOT_FOUND} for a missing table
   * @throws UdbException with {@code INVALID_ARGUMENT} for a missing baseline, an unknown column or
   *     a test that does not apply
   */
  public DriftResult run(DataBox box, TenantId tenant, DriftRequest request) {
    return run(box, tenant, request, null, null);
  }

  /**
   * Compares synchronously, showing data values as {@code principal} may see them.
   *
   * @param box the box
   * @param tenant the tenant
   * @param request what to compare
   * @param principal the caller, or null for a trusted caller that sees raw values
   * @param classification the current table's PII classification, or null to classify the columns
   *     on the fly
   * @return the result
   */
  public DriftResult run(
      DataBox box,
      TenantId tenant,
      DriftRequest request,
      Principal principal,
      TableClassification classification) {
    try {
      DriftResult result =
          masking.apply(compute(box, tenant, request, null), principal, classification);
      count(box, "succeeded");
      return result;
    } catch (RuntimeException e) {
      count(box, status(e));
      throw e;
    }
  }

  /**
   * Renders a result as the self-contained HTML report.
   *
   * @param box the box (for its clock)
   * @param result the result
   * @return the page
   */
  public String html(DataBox box, DriftResult result) {
    return report.render(result, box.clock().instant());
  }

  private Map<String, Object> runJob(
      DataBox box,
      JobContext context,
      DriftRequest request,
      Principal principal,
      TableClassification classification) {
    return run(box, context, request, principal, classification).toJson();
  }

  /**
   * Compares inside a job that already exists (e.g. the analyze pipeline's): the stages, artifacts
   * and metrics of {@link #submit}, with the job's progress going from 0 to 1.
   *
   * @param box the box
   * @param context the running job
   * @param request what to compare
   * @param principal the caller, or null for a trusted caller that sees raw values
   * @param classification the current table's PII classification, or null to classify on the fly
   * @return the result
   */
  public DriftResult run(
      DataBox box,
      JobContext context,
      DriftRequest request,
      Principal principal,
      TableClassification classification) {
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(request, "request");
    try {
      DriftResult result =
          masking.apply(
              compute(box, context.tenant(), request, context), principal, classification);
      Map<String, Object> json = result.toJson();
      context.stage(
          "report",
          () -> {
            context.writeArtifact(
                JSON_ARTIFACT,
                "application/json",
                Json.write(json).getBytes(StandardCharsets.UTF_8));
            context.writeArtifact(
                HTML_ARTIFACT,
                "text/html; charset=utf-8",
                html(box, result).getBytes(StandardCharsets.UTF_8));
            return null;
          });
      context.progress(1.0);
      count(box, "succeeded");
      return result;
    } catch (RuntimeException e) {
      count(box, status(e));
      throw e;
    }
  }

  private DriftResult compute(
      DataBox box, TenantId tenant, DriftRequest request, JobContext context) {
    DoubleConsumer progress =
        context == null ? fraction -> {} : fraction -> context.progress(0.9 * fraction);
    Runnable cancellation = context == null ? () -> {} : context::throwIfCancelled;
    DriftCalculator calculator = new DriftCalculator(progress, cancellation);
    if (!request.againstBaseline()) {
      TableRef currentTable = request.current();
      if (box.engine().engineFor(tenant, currentTable)
          == box.engine().engineFor(tenant, request.reference())) {
        // the session that compares describes both tables first (on DuckDB by one statement)
        try (SqlSession session = box.openSession(tenant, currentTable)) {
          List<TableInfo> tables = describe(session, currentTable, request.reference());
          return stage(
              context,
              "compare",
              () -> compareTables(calculator, session, tables.get(1), tables.get(0), request));
        }
      }
      // a missing table is named before the engines are
      describe(box, tenant, currentTable);
      describe(box, tenant, request.reference());
      throw differentEngines(box, tenant, request.reference(), currentTable);
    }
    TableInfo current = describe(box, tenant, request.current());
    BaselineStore store = new BaselineStore(box, baselineOptions);
    Baseline baseline = latestBaseline(store, tenant, request.baseline());
    BaselineInfo info = baseline.info();
    DriftResult compared =
        stage(
            context,
            "compare",
            () -> {
              try (SqlSession session = box.openSession(tenant, request.current())) {
                return calculator.compare(session, baseline.asReference(), current, request, null);
              }
            });
    return stage(
        context,
        "baseline",
        () -> {
          long runs = store.recordRun(tenant, info.dataset(), info.version());
          Integer refreshed = null;
          RefreshPolicy policy = request.refresh();
          if (policy != null && policy.due(runs, info.createdAt(), box.clock().instant())) {
            refreshed =
                store
                    .save(
                        tenant, info.dataset(), request.current(), List.of(), request.columnKinds())
                    .version();
            store.prune(tenant, info.dataset(), policy.keepVersions());
          }
          BaselineUse use =
              new BaselineUse(info.dataset(), info.version(), info.createdAt(), runs, refreshed);
          return new DriftResult(
              compared.reference(),
              compared.current(),
              compared.datasetDrift(),
              compared.driftShare(),
              compared.numberOfColumns(),
              compared.numberOfDriftedColumns(),
              compared.driftShareThreshold(),
              compared.columns(),
              compared.schemaChanges(),
              compared.skippedColumns(),
              use);
        });
  }

  /**
   * The latest baseline of a dataset, parsed once per version: a saved version never changes, so
   * its statistics are kept (a few, least recently used first out) and only the cheap lookup of the
   * latest version runs each time.
   */
  private Baseline latestBaseline(BaselineStore store, TenantId tenant, String dataset) {
    BaselineInfo latest =
        store
            .latestInfo(tenant, dataset)
            .orElseThrow(
                () ->
                    new UdbException(
                        ErrorCode.INVALID_ARGUMENT,
                        "No baseline is saved for dataset '"
                            + dataset
                            + "'; save one with BaselineStore.save first"));
    String key = tenant.value() + '\u0000' + dataset + '\u0000' + latest.version();
    synchronized (baselines) {
      Baseline cached = baselines.get(key);
      if (cached != null && cached.info().equals(latest)) {
        return cached;
      }
    }
    Baseline loaded =
        store
            .version(tenant, dataset, latest.version())
            .orElseThrow(
                () ->
                    new UdbException(
                        ErrorCode.INVALID_ARGUMENT,
                        "Baseline " + dataset + " v" + latest.version() + " was just deleted"));
    synchronized (baselines) {
      baselines.put(key, loaded);
    }
    return loaded;
  }

  private static <T> T stage(JobContext context, String name, Supplier<T> work) {
    return context == null ? work.get() : context.stage(name, work);
  }

  /**
   * The refusal of a comparison of two tables on different engines: the sides of both are read
   * through one engine's session. A baseline saved from the reference reaches across engines.
   */
  private static UdbException differentEngines(
      DataBox box, TenantId tenant, TableRef reference, TableRef current) {
    AnalyticsEngine referenceEngine = box.engine().engineFor(tenant, reference);
    AnalyticsEngine currentEngine = box.engine().engineFor(tenant, current);
    return new UdbException(
        ErrorCode.INVALID_ARGUMENT,
        "Tables "
            + reference
            + " ("
            + referenceEngine.name()
            + " engine) and "
            + current
            + " ("
            + currentEngine.name()
            + " engine) are served by different engines; drift compares two tables of one"
            + " engine: save a baseline of "
            + reference
            + " (BaselineStore.save) and compare "
            + current
            + " against it");
  }

  private static TableInfo describe(DataBox box, TenantId tenant, TableRef table) {
    return box.describe(tenant, table).orElseThrow(() -> notFound(table));
  }

  /**
   * Describes the current and the reference table on the session that then compares them ({@link
   * SqlSession#describe}), where {@link DataBox#describe} would open a session per table. A missing
   * table fails with {@code TABLE_NOT_FOUND}, the current one first, as with {@link
   * DataBox#describe}.
   *
   * @return the current table, then the reference
   */
  private static List<TableInfo> describe(
      SqlSession session, TableRef current, TableRef reference) {
    List<Optional<TableInfo>> described = session.describe(List.of(current, reference));
    return List.of(
        described.get(0).orElseThrow(() -> notFound(current)),
        described.get(1).orElseThrow(() -> notFound(reference)));
  }

  private static DriftResult compareTables(
      DriftCalculator calculator,
      SqlSession session,
      TableInfo reference,
      TableInfo current,
      DriftRequest request) {
    return calculator.compare(
        session, ReferenceSource.table(reference, session.dialect()), current, request, null);
  }

  private static NotFoundException notFound(TableRef table) {
    return new NotFoundException(ErrorCode.TABLE_NOT_FOUND, "Table " + table + " does not exist");
  }

  private static void count(DataBox box, String status) {
    box.metrics().count(RUNS_METRIC, 1, "status", status);
  }

  private static String status(RuntimeException e) {
    return e instanceof UdbException u && u.code() == ErrorCode.JOB_CANCELLED
        ? "cancelled"
        : "failed";
  }
}
