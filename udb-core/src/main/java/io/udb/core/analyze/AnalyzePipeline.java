package io.udb.core.analyze;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactInfo;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.job.JobContext;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.core.observe.MetricNames;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The analyze pipeline: an ordered list of {@link AnalyzeStage}s and the job body that runs them.
 *
 * <p>Each stage not skipped by the request runs as a stage of the job ({@code udb.stage <name>}
 * span under the job's span, {@code udb.stage.duration}), with an equal share of the job's
 * progress, after a cancellation check; its outcome is timed in {@value MetricNames#ANALYZE_STAGE}
 * (tags {@code stage}, {@code outcome}). The job's result is {@code {"tables", "stages":[{"stage",
 * "status", "elapsedMs", "summary", "artifacts"}], "artifacts"}}, also written as the artifact
 * {@value #SUMMARY_ARTIFACT}, and {@code udb.analyze.completed} is published.
 *
 * <p>A stage that throws fails the job: the error names the stage ({@code JobError.stage}), its
 * message starts with {@code Stage <name> failed: }, and its code is the stage's own when that is
 * specific (e.g. {@code TABLE_NOT_FOUND}, {@code SQL_EXECUTION_ERROR}) or {@code ANALYZE_FAILED}
 * for unexpected faults. The artifacts written so far stay in the job's manifest, {@value
 * #SUMMARY_ARTIFACT} records every stage's outcome including the failed one, and {@code
 * udb.analyze.failed} is published. A cancelled job ends {@code CANCELLED} without that event.
 *
 * <p>Immutable and thread-safe.
 */
public final class AnalyzePipeline {
  /** The artifact holding the job's result (or, for a failed job, its stages so far). */
  public static final String SUMMARY_ARTIFACT = "analyze.json";

  private static final Logger LOG = LoggerFactory.getLogger(AnalyzePipeline.class);
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]{0,39}");

  /** The share of the job's progress the stages divide; the rest is the summary and the event. */
  private static final double STAGES_SHARE = 0.95;

  private final List<AnalyzeStage> stages;

  private AnalyzePipeline(List<AnalyzeStage> stages) {
    this.stages = stages;
  }

  /**
   * A pipeline of the stages found by {@link ServiceLoader} with the class loader of this class.
   *
   * @return the pipeline
   * @throws UdbException with {@link ErrorCode#PLUGIN_BROKEN} when a stage cannot be loaded, {@link
   *     ErrorCode#PLUGIN_AMBIGUOUS} when two have the same name
   */
  public static AnalyzePipeline discover() {
    return discover(AnalyzePipeline.class.getClassLoader());
  }

  /**
   * A pipeline of the stages found by {@link ServiceLoader} with a class loader.
   *
   * @param loader where to look for {@code META-INF/services/io.udb.core.analyze.AnalyzeStage}
   * @return the pipeline
   * @throws UdbException with {@link ErrorCode#PLUGIN_BROKEN} when a stage cannot be loaded, {@link
   *     ErrorCode#PLUGIN_AMBIGUOUS} when two have the same name
   */
  public static AnalyzePipeline discover(ClassLoader loader) {
    List<AnalyzeStage> found = new ArrayList<>();
    Iterator<AnalyzeStage> providers = ServiceLoader.load(AnalyzeStage.class, loader).iterator();
    while (true) {
      try {
        if (!providers.hasNext()) {
          break;
        }
        found.add(providers.next());
      } catch (ServiceConfigurationError e) {
        throw new UdbException(
            ErrorCode.PLUGIN_BROKEN,
            "An analyze stage could not be loaded ("
                + e.getMessage()
                + "); fix or remove its entry in META-INF/services/"
                + AnalyzeStage.class.getName(),
            e);
      }
    }
    return of(found);
  }

  /**
   * A pipeline of the given stages, e.g. Spring beans.
   *
   * @param stages the stages, in any order
   * @return the pipeline, its stages sorted by order, then name
   * @throws UdbException with {@link ErrorCode#PLUGIN_AMBIGUOUS} when two have the same name,
   *     {@link ErrorCode#CONFIG_INVALID} for a malformed name
   */
  public static AnalyzePipeline of(Collection<? extends AnalyzeStage> stages) {
    Map<String, AnalyzeStage> byName = new LinkedHashMap<>();
    for (AnalyzeStage stage : stages) {
      Objects.requireNonNull(stage, "stage");
      String name = stage.name();
      if (name == null || !NAME.matcher(name).matches()) {
        throw new UdbException(
            ErrorCode.CONFIG_INVALID,
            "Analyze stage "
                + stage.getClass().getName()
                + " has the name '"
                + name
                + "'; a stage name is 1-40 characters of a-z, 0-9, '_', '-', starting with a"
                + " letter");
      }
      AnalyzeStage previous = byName.putIfAbsent(name, stage);
      if (previous != null) {
        throw new UdbException(
            ErrorCode.PLUGIN_AMBIGUOUS,
            "Two analyze stages are named '"
                + name
                + "': "
                + previous.getClass().getName()
                + " and "
                + stage.getClass().getName()
                + "; remove one, or replace it with AnalyzePipeline.withStages");
      }
    }
    List<AnalyzeStage> sorted = new ArrayList<>(byName.values());
    sorted.sort(Comparator.comparingInt(AnalyzeStage::order).thenComparing(AnalyzeStage::name));
    return new AnalyzePipeline(List.copyOf(sorted));
  }

  /**
   * This pipeline with stages added or replaced: a given stage replaces the stage of the same name
   * (so a host's own stage, e.g. a Spring bean, wins over a discovered one).
   *
   * @param replacements the stages to add or replace
   * @return the new pipeline
   */
  public AnalyzePipeline withStages(Collection<? extends AnalyzeStage> replacements) {
    Map<String, AnalyzeStage> byName = new LinkedHashMap<>();
    stages.forEach(s -> byName.put(s.name(), s));
    Set<String> given = new LinkedHashSet<>();
    for (AnalyzeStage stage : replacements) {
      if (!given.add(stage.name())) {
        throw new UdbException(
            ErrorCode.PLUGIN_AMBIGUOUS,
            "Two analyze stages are named '" + stage.name() + "'; give one of them");
      }
      byName.put(stage.name(), stage);
    }
    return of(byName.values());
  }

  /** The stages in the order they run. */
  public List<AnalyzeStage> stages() {
    return stages;
  }

  /** The names of the stages in the order they run. */
  public List<String> stageNames() {
    return stages.stream().map(AnalyzeStage::name).toList();
  }

  /**
   * Checks a request against this pipeline: every skipped stage exists, the stages the request
   * needs are present and not skipped, and each stage that runs accepts its part of the request.
   *
   * @param request the request
   * @return the tables the job reads: the request's and those the stages name (e.g. KPI tables)
   * @throws UdbException with {@link ErrorCode#INVALID_ARGUMENT} naming what to fix
   */
  public Set<String> validate(AnalyzeRequest request) {
    Objects.requireNonNull(request, "request");
    List<String> names = stageNames();
    for (String skipped : request.skip()) {
      if (!names.contains(skipped)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "'skip' names the stage '" + skipped + "', which does not exist; stages: " + names);
      }
    }
    requireStage(request, !request.connectionIds().isEmpty(), AnalyzeStage.SYNC, "connectionIds");
    requireStage(request, !request.kpis().isEmpty(), AnalyzeStage.KPI, "kpis");
    requireStage(request, !request.checks().isEmpty(), AnalyzeStage.QUALITY, "checks");
    Set<String> read = new LinkedHashSet<>();
    request.tables().forEach(t -> read.add(t.name()));
    for (AnalyzeStage stage : stages) {
      if (!request.skips(stage.name())) {
        stage.validate(request);
        read.addAll(stage.tablesRead(request));
      }
    }
    return read;
  }

  private void requireStage(AnalyzeRequest request, boolean needed, String stage, String field) {
    if (!needed) {
      return;
    }
    if (!stageNames().contains(stage)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "'"
              + field
              + "' needs the analyze stage '"
              + stage
              + "', which is not installed (stages: "
              + stageNames()
              + "); add its module to the class path");
    }
    if (request.skips(stage)) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "'" + field + "' needs the stage '" + stage + "', which 'skip' names; drop one of them");
    }
  }

  /**
   * Runs the pipeline as the body of an analyze job. Call {@link #validate} before submitting.
   *
   * @param box the box the job runs in
   * @param job the job
   * @param request the request
   * @param principal the caller whose role decides masking, or {@code null} for a trusted caller
   * @return the job's result
   */
  public Map<String, Object> run(
      DataBox box, JobContext job, AnalyzeRequest request, Principal principal) {
    AnalyzeContext.Tables tables = new AnalyzeContext.Tables(request.tables());
    List<StageReport> reports = new ArrayList<>();
    long running = stages.stream().filter(s -> !request.skips(s.name())).count();
    double share = STAGES_SHARE / Math.max(1, running);
    int index = 0;
    for (AnalyzeStage stage : stages) {
      String name = stage.name();
      if (request.skips(name)) {
        reports.add(StageReport.skippedByRequest(name));
        meter(box, name, StageStatus.SKIPPED, Duration.ZERO);
        continue;
      }
      double from = index++ * share;
      List<ArtifactInfo> written = new ArrayList<>();
      AnalyzeContext context =
          new AnalyzeContext(
              box,
              request,
              principal,
              tables,
              new StageJobContext(job, from, from + share, "", written));
      long start = System.nanoTime();
      try {
        job.throwIfCancelled();
        StageResult result = job.stage(name, () -> runStage(stage, context));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        reports.add(
            new StageReport(
                name, result.status(), elapsed.toMillis(), result.summary(), names(written), null));
        meter(box, name, result.status(), elapsed);
        job.progress(from + share);
      } catch (StageFailure failure) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        reports.add(
            new StageReport(
                name, StageStatus.FAILED, elapsed.toMillis(), Map.of(), names(written), failure));
        meter(box, name, StageStatus.FAILED, elapsed);
        failed(box, job, tables, reports, failure);
        throw failure;
      } catch (RuntimeException e) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        if (!cancellation(job, e)) {
          // Not from the stage (runStage wraps those) but from running it, e.g. saving progress.
          StageFailure failure = StageFailure.of(name, e);
          reports.add(
              new StageReport(
                  name, StageStatus.FAILED, elapsed.toMillis(), Map.of(), names(written), failure));
          meter(box, name, StageStatus.FAILED, elapsed);
          failed(box, job, tables, reports, failure);
          throw failure;
        }
        // Cancellation: the job manager settles the job as CANCELLED.
        reports.add(
            new StageReport(
                name, StageStatus.CANCELLED, elapsed.toMillis(), Map.of(), names(written), null));
        meter(box, name, StageStatus.CANCELLED, elapsed);
        writeSummary(job, result(tables, reports, null), true);
        throw e;
      }
    }
    Map<String, Object> result = result(tables, reports, null);
    writeSummary(job, result, false);
    job.progress(1.0);
    Map<String, Object> event = eventData(box, job, tables, reports);
    box.publish(box.eventFactory().analyzeCompleted(job.tenant(), job.correlationId(), event));
    return result;
  }

  private static StageResult runStage(AnalyzeStage stage, AnalyzeContext context) {
    try {
      return Objects.requireNonNull(
          stage.run(context), () -> "Analyze stage " + stage.name() + " returned no result");
    } catch (RuntimeException e) {
      if (cancellation(context.job(), e)) {
        throw e;
      }
      StageFailure failure = StageFailure.of(stage.name(), e);
      if (e instanceof UdbException) {
        LOG.warn("Analyze stage {} failed: {}", stage.name(), e.getMessage(), e);
      } else {
        LOG.error("Analyze stage {} failed unexpectedly", stage.name(), e);
      }
      throw failure;
    }
  }

  private static boolean cancellation(JobContext job, RuntimeException e) {
    return job.isCancelled() || e instanceof UdbException u && u.code() == ErrorCode.JOB_CANCELLED;
  }

  private void failed(
      DataBox box,
      JobContext job,
      AnalyzeContext.Tables tables,
      List<StageReport> reports,
      StageFailure failure) {
    writeSummary(job, result(tables, reports, failure), true);
    try {
      Map<String, Object> event = new LinkedHashMap<>();
      event.put("jobId", job.jobId().value());
      event.put("stage", failure.stage());
      event.put("error", StageReport.error(failure));
      event.putAll(eventData(box, job, tables, reports));
      box.publish(box.eventFactory().analyzeFailed(job.tenant(), job.correlationId(), event));
    } catch (RuntimeException e) {
      LOG.warn("Could not publish the failure of analyze job {}", job.jobId(), e);
    }
  }

  private static Map<String, Object> result(
      AnalyzeContext.Tables tables, List<StageReport> reports, StageFailure failure) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tables", tables.names());
    result.put("stages", reports.stream().map(StageReport::toJson).toList());
    List<String> artifacts = new ArrayList<>();
    reports.forEach(r -> artifacts.addAll(r.artifacts()));
    artifacts.add(SUMMARY_ARTIFACT);
    result.put("artifacts", artifacts);
    if (failure != null) {
      Map<String, Object> error = StageReport.error(failure);
      error.put("stage", failure.stage());
      result.put("error", error);
    }
    return result;
  }

  private static void writeSummary(JobContext job, Map<String, Object> result, boolean quietly) {
    try {
      job.writeArtifact(
          SUMMARY_ARTIFACT,
          "application/json",
          Json.write(result).getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      if (!quietly) {
        throw e;
      }
      // The job is failing already; its error matters more than this summary.
      LOG.warn("Could not write {} of job {}: {}", SUMMARY_ARTIFACT, job.jobId(), e.getMessage());
    }
  }

  private static Map<String, Object> eventData(
      DataBox box, JobContext job, AnalyzeContext.Tables tables, List<StageReport> reports) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("jobId", job.jobId().value());
    data.put("tables", tables.names());
    data.put("stages", reports.stream().map(StageReport::toEventJson).toList());
    List<Map<String, Object>> artifacts = new ArrayList<>();
    box.manifest(job.tenant(), job.jobId())
        .map(ArtifactManifest::artifacts)
        .orElse(List.of())
        .forEach(
            a -> {
              Map<String, Object> artifact = new LinkedHashMap<>();
              artifact.put("name", a.name().value());
              artifact.put("contentType", a.contentType());
              artifact.put("size", a.size());
              artifacts.add(artifact);
            });
    data.put("artifacts", artifacts);
    return data;
  }

  private static List<String> names(List<ArtifactInfo> written) {
    return written.stream().map(a -> a.name().value()).distinct().toList();
  }

  private static void meter(DataBox box, String stage, StageStatus status, Duration elapsed) {
    box.metrics()
        .time(MetricNames.ANALYZE_STAGE, elapsed, "stage", stage, "outcome", status.externalName());
  }

  @Override
  public String toString() {
    return "AnalyzePipeline" + stageNames();
  }
}
