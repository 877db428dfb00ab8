package io.udb.quality.analyze;

import io.udb.api.engine.TableRef;
import io.udb.core.analyze.AnalyzeContext;
import io.udb.core.analyze.AnalyzeRequest;
import io.udb.core.analyze.AnalyzeStage;
import io.udb.core.analyze.StageResult;
import io.udb.quality.check.CheckResult;
import io.udb.quality.check.CheckStatus;
import io.udb.quality.check.CheckSuite;
import io.udb.quality.check.InvalidCheckException;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityReport;
import io.udb.quality.check.QualityService;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The {@value AnalyzeStage#QUALITY} stage: runs the request's checks on each table (a check with a
 * {@code "table"} field on that table only), or, for a table no check applies to, the checks {@link
 * QualityService#suggest} suggests from the table's statistics; writes {@code quality.json} and
 * {@code quality.html} per table. Failed checks do not fail the stage: its summary reports them,
 * {@code {"tables":[{"table", "passed", "suggested", "checks", "passedChecks", "failedChecks",
 * "warnings", "errors", "failed":[{"check", "column", "status", "message"}]}]}}.
 *
 * <p>Thread-safe.
 */
public final class QualityStage implements AnalyzeStage {
  /** At most this many failed checks per table are listed in the summary. */
  static final int LISTED_FAILURES = 20;

  private final QualityService service;
  private final QualityOptions options;

  /** The stage with a default service and {@link QualityOptions#defaults()}. */
  public QualityStage() {
    this(new QualityService(), QualityOptions.defaults());
  }

  /**
   * A stage.
   *
   * @param service the service running the checks
   * @param options samples, masking, history; a job's principal replaces the options' own
   */
  public QualityStage(QualityService service, QualityOptions options) {
    this.service = Objects.requireNonNull(service, "service");
    this.options = Objects.requireNonNull(options, "options");
  }

  @Override
  public String name() {
    return QUALITY;
  }

  @Override
  public int order() {
    return QUALITY_ORDER;
  }

  /**
   * {@inheritDoc}
   *
   * @throws InvalidCheckException for a malformed check, or one whose {@code table} is not analysed
   *     (when the request names no connections, whose tables are known only later)
   */
  @Override
  public void validate(AnalyzeRequest request) {
    RequestedChecks checks = RequestedChecks.parse(request.checks());
    if (request.connectionIds().isEmpty()) {
      requireAnalysed(checks, request.tables());
    }
  }

  @Override
  public StageResult run(AnalyzeContext context) {
    List<TableRef> tables = context.tables();
    if (tables.isEmpty()) {
      return StageResult.skipped("no tables to check");
    }
    RequestedChecks checks = RequestedChecks.parse(context.request().checks());
    requireAnalysed(checks, tables);
    QualityOptions effective = context.principal().map(options::withPrincipal).orElse(options);
    List<Map<String, Object>> summaries = new ArrayList<>();
    for (TableRef table : tables) {
      context.job().throwIfCancelled();
      CheckSuite suite = checks.suiteFor(table);
      boolean suggest = suite.checks().isEmpty();
      QualityReport report =
          service.run(context.box(), context.jobFor(table), table, suite, suggest, effective);
      summaries.add(summary(table, report, suggest));
    }
    return StageResult.succeeded(Map.of("tables", summaries));
  }

  private static void requireAnalysed(RequestedChecks checks, List<TableRef> tables) {
    Set<String> analysed = new LinkedHashSet<>();
    tables.forEach(t -> analysed.add(t.name().toLowerCase(Locale.ROOT)));
    for (String named : checks.namedTables()) {
      if (!analysed.contains(named.toLowerCase(Locale.ROOT))) {
        throw new InvalidCheckException(
            -1,
            "table",
            "a check names table '"
                + named
                + "', which this job does not analyse; add it to 'tables' or drop the check");
      }
    }
  }

  private static Map<String, Object> summary(
      TableRef table, QualityReport report, boolean suggested) {
    Map<String, Object> summary = new LinkedHashMap<>();
    summary.put("table", table.name());
    summary.put("passed", report.passed());
    summary.put("suggested", suggested);
    summary.put("checks", report.checks().size());
    summary.put("passedChecks", report.count(CheckStatus.PASSED));
    summary.put("failedChecks", report.count(CheckStatus.FAILED));
    summary.put("warnings", report.count(CheckStatus.WARNING));
    summary.put("errors", report.count(CheckStatus.ERROR));
    List<Map<String, Object>> failed = new ArrayList<>();
    for (CheckResult result : report.checks()) {
      if (result.status() != CheckStatus.PASSED && failed.size() < LISTED_FAILURES) {
        Map<String, Object> json = result.toJson();
        Map<String, Object> item = new LinkedHashMap<>();
        item.put("check", json.get("check"));
        item.put("column", json.get("column"));
        item.put("status", json.get("status"));
        item.put("message", json.get("message"));
        failed.add(item);
      }
    }
    summary.put("failed", failed);
    return summary;
  }
}
