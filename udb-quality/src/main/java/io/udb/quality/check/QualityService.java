package io.udb.quality.check;

import io.udb.api.TenantId;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.json.Json;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * Runs data-quality checks as {@code quality} jobs: stages {@code suggest} (when asked), {@code
 * plan}, {@code measure}, {@code samples}, {@code quarantine} (when asked), {@code history} and
 * {@code report}; the job's result is {@link QualityReport#toJson()}, its artifacts {@code
 * quality.json} and {@code quality.html}. Each run counts in {@value QualityMetricNames#RUNS} with
 * tag {@code status} {@code passed}, {@code failed} or {@code error}.
 *
 * <p>Immutable and thread-safe.
 */
public final class QualityService {
  /** The JSON artifact. */
  public static final String JSON_ARTIFACT = "quality.json";

  /** The HTML artifact. */
  public static final String HTML_ARTIFACT = "quality.html";

  private final ColumnClassifier classifier;
  private final MaskingPolicy masking;
  private final ConstraintSuggester suggester;
  private final QualityHtml html = new QualityHtml();

  /** A service with the default PII classifier, masking policy and suggestion rules. */
  public QualityService() {
    this(ColumnClassifier.defaults());
  }

  private QualityService(ColumnClassifier classifier) {
    this(classifier, MaskingPolicy.of(classifier.detectors()), new ConstraintSuggester());
  }

  /**
   * A service with the given collaborators.
   *
   * @param classifier classifies sampled columns when no classification is given
   * @param masking masks failing-row samples
   * @param suggester suggests checks
   */
  public QualityService(
      ColumnClassifier classifier, MaskingPolicy masking, ConstraintSuggester suggester) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.masking = Objects.requireNonNull(masking, "masking");
    this.suggester = Objects.requireNonNull(suggester, "suggester");
  }

  /**
   * Starts a job running a suite against a table.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table to check (the suite may have been written for another of its shape)
   * @param suite the checks
   * @param options samples, masking, quarantine, history
   * @return the created job
   */
  public Job submit(
      DataBox box, TenantId tenant, TableRef table, CheckSuite suite, QualityOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(suite, "suite");
    Objects.requireNonNull(options, "options");
    return box.submit(
        tenant,
        JobType.QUALITY,
        context -> run(box, context, table, suite, false, options).toJson());
  }

  /**
   * Starts a job running a suite against the table it was written for.
   *
   * @param box the box
   * @param tenant the tenant
   * @param suite the checks
   * @param options samples, masking, quarantine, history
   * @return the created job
   */
  public Job submit(DataBox box, TenantId tenant, CheckSuite suite, QualityOptions options) {
    return submit(box, tenant, suite.table(), suite, options);
  }

  /**
   * Starts a job for a request of the HTTP API; the request's quarantine flag overrides the
   * options'.
   *
   * @param box the box
   * @param tenant the tenant
   * @param request the parsed request
   * @param options samples, masking, history
   * @return the created job
   */
  public Job submit(DataBox box, TenantId tenant, QualityRequest request, QualityOptions options) {
    QualityOptions effective =
        request.quarantine() ? options.withQuarantine(true) : Objects.requireNonNull(options);
    return box.submit(
        tenant,
        JobType.QUALITY,
        context ->
            run(box, context, request.table(), request.suite(), request.suggest(), effective)
                .toJson());
  }

  /**
   * Starts a job for a request of the HTTP API on behalf of a principal: like {@link
   * #submit(DataBox, TenantId, QualityRequest, QualityOptions)} for the principal's tenant, with
   * the principal's permission, rate limit and concurrent-job quota applied by {@link
   * SecuredBox#submit}.
   *
   * @param box the box the checks read through
   * @param caller the principal's view of {@code box}
   * @param request the parsed request
   * @param options samples, masking, history
   * @return the created job
   */
  public Job submit(
      DataBox box, SecuredBox caller, QualityRequest request, QualityOptions options) {
    QualityOptions effective =
        request.quarantine() ? options.withQuarantine(true) : Objects.requireNonNull(options);
    return caller.submit(
        JobType.QUALITY,
        context ->
            run(box, context, request.table(), request.suite(), request.suggest(), effective)
                .toJson());
  }

  /**
   * Starts a job that suggests checks for a table and runs them.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table
   * @param options samples, masking, quarantine, history
   * @return the created job
   */
  public Job submitSuggested(DataBox box, TenantId tenant, TableRef table, QualityOptions options) {
    return submit(
        box,
        tenant,
        new QualityRequest(table, new CheckSuite(table, List.of()), true, false),
        options);
  }

  /**
   * Runs checks inside a job that already exists (e.g. the analyze pipeline's), as stages of it,
   * and writes the artifacts {@value #JSON_ARTIFACT} and {@value #HTML_ARTIFACT}.
   *
   * @param box the box
   * @param context the running job
   * @param table the table to check
   * @param suite the checks
   * @param suggest whether to add suggested checks after the suite's
   * @param options samples, masking, quarantine, history
   * @return the report
   */
  public QualityReport run(
      DataBox box,
      JobContext context,
      TableRef table,
      CheckSuite suite,
      boolean suggest,
      QualityOptions options) {
    Stages stages = Stages.of(context);
    QualityReport report =
        counted(
            box,
            context.tenant(),
            () -> {
              List<Suggestion> suggestions =
                  suggest
                      ? stages
                          .run(
                              "suggest",
                              0.05,
                              () -> suggester.suggest(box, context.tenant(), table))
                          .suggestions()
                      : List.of();
              CheckSuite all =
                  suggestions.isEmpty()
                      ? suite
                      : suite.plus(
                          new CheckSuite(
                              table, suggestions.stream().map(Suggestion::check).toList()));
              return runner(box).run(context.tenant(), table, all, suggestions, options, stages);
            });
    stages.run(
        "report",
        1.0,
        () -> {
          context.writeArtifact(
              JSON_ARTIFACT,
              "application/json",
              Json.write(report.toJson()).getBytes(StandardCharsets.UTF_8));
          context.writeArtifact(
              HTML_ARTIFACT,
              "text/html",
              html.render(report, box.clock().instant()).getBytes(StandardCharsets.UTF_8));
          return null;
        });
    return report;
  }

  /**
   * Runs checks now, on the caller's thread, without a job or artifacts.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table to check
   * @param suite the checks
   * @param options samples, masking, quarantine, history
   * @return the report
   */
  public QualityReport run(
      DataBox box, TenantId tenant, TableRef table, CheckSuite suite, QualityOptions options) {
    return counted(
        box,
        tenant,
        () -> runner(box).run(tenant, table, suite, List.of(), options, Stages.none()));
  }

  /**
   * Suggests checks for a table from statistics computed in one scan.
   *
   * @param box the box
   * @param tenant the tenant
   * @param table the table
   * @return the suggestions and their suite
   */
  public ConstraintSuggester.SuggestedSuite suggest(DataBox box, TenantId tenant, TableRef table) {
    return suggester.suggest(box, tenant, table);
  }

  /**
   * Renders a report as HTML.
   *
   * @param report the report
   * @param box the box whose clock stamps the page
   * @return the self-contained page
   */
  public String html(QualityReport report, DataBox box) {
    return html.render(report, box.clock().instant());
  }

  private CheckRunner runner(DataBox box) {
    return new CheckRunner(box, classifier, masking);
  }

  private static QualityReport counted(
      DataBox box, TenantId tenant, java.util.function.Supplier<QualityReport> work) {
    String status = "error";
    try {
      QualityReport report = work.get();
      status = report.passed() ? "passed" : "failed";
      return report;
    } finally {
      box.metrics().count(QualityMetricNames.RUNS, 1, "status", status, "tenant", tenant.value());
    }
  }
}
