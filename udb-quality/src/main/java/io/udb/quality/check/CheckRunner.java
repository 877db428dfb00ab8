package io.udb.quality.check;

import io.udb.api.ErrorCode;
import io.udb.api.NotFoundException;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.SqlRejectedException;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.engine.AnalyticsEngine;
import io.udb.api.engine.ColumnInfo;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.SqlDialect;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.core.DataBox;
import io.udb.quality.internal.InternalTables;
import io.udb.security.pii.ColumnClassifier;
import io.udb.security.pii.MaskingPolicy;
import io.udb.security.pii.TableClassification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs a suite against one table of one tenant: plans every check, admits the custom predicates
 * (before anything runs), measures with the fused scan plus the few separate queries, evaluates,
 * samples the violating rows of failed row-level checks (masked), optionally quarantines them, and
 * records the metrics in the history with anomaly detection.
 */
final class CheckRunner {
  private final DataBox box;
  private final ColumnClassifier classifier;
  private final MaskingPolicy masking;

  CheckRunner(DataBox box, ColumnClassifier classifier, MaskingPolicy masking) {
    this.box = box;
    this.classifier = classifier;
    this.masking = masking;
  }

  /** What planning gave: the plans and the measures they read. */
  private record Plan(
      TableRef table,
      CheckPlanner planner,
      AggregateScan scan,
      SeparateQueries queries,
      List<PlannedCheck> checks) {}

  QualityReport run(
      TenantId tenant,
      TableRef requested,
      CheckSuite suite,
      List<Suggestion> suggestions,
      QualityOptions options,
      Stages stages) {
    Instant now = box.clock().instant();
    Plan plan = stages.run("plan", 0.1, () -> plan(tenant, requested, suite, now));
    TableRef table = plan.table();
    stages.run(
        "measure",
        0.6,
        () -> {
          measure(tenant, table, plan, options);
          return null;
        });
    long rows;
    try {
      rows = ((Number) plan.planner().rowCount().get()).longValue();
    } catch (Measure.Failed e) {
      throw new UdbException(
          ErrorCode.ENGINE_ERROR,
          "Cannot count the rows of table '" + table.name() + "': " + e.getMessage());
    }
    List<CheckResult> results = evaluate(plan.checks());
    List<CheckResult> sampled =
        stages.run("samples", 0.75, () -> sample(tenant, table, plan.checks(), results, options));
    QuarantineResult quarantine =
        options.quarantine()
            ? stages.run(
                "quarantine", 0.85, () -> quarantine(tenant, table, plan.checks(), results, now))
            : null;
    List<CheckResult> all = new ArrayList<>(sampled);
    if (options.recordHistory()) {
      all.addAll(
          stages.run(
              "history",
              0.95,
              () -> history(tenant, table, rows, results, options, now, stages.jobId())));
    }
    boolean passed = all.stream().noneMatch(CheckResult::failsRun);
    return new QualityReport(table.name(), passed, all, rows, quarantine, suggestions);
  }

  private Plan plan(TenantId tenant, TableRef table, CheckSuite suite, Instant now) {
    TableInfo info = describe(tenant, table.name()).orElseThrow(() -> notFound(table));
    // Looked up before the session opens: describing leases a connection of its own, and a
    // tenant may be limited to one.
    Map<String, Optional<TableInfo>> referenced = new HashMap<>();
    for (Check check : suite.checks()) {
      if (check instanceof Check.ReferentialIntegrity reference) {
        referenced.computeIfAbsent(reference.referencedTable(), name -> describe(tenant, name));
      }
    }
    AggregateScan scan = new AggregateScan();
    SeparateQueries queries = new SeparateQueries();
    try (SqlSession session = box.openSession(tenant, table)) {
      CheckPlanner planner =
          new CheckPlanner(
              session.dialect(),
              new TableSchema(info),
              scan,
              queries,
              name -> referenced.getOrDefault(name, Optional.empty()),
              regex -> regexProblem(session, regex),
              now);
      List<PlannedCheck> checks = new ArrayList<>();
      for (Check check : suite.checks()) {
        Optional<String> elsewhere = servedElsewhere(tenant, table, check, referenced);
        checks.add(
            elsewhere.isPresent()
                ? PlannedCheck.error(check, elsewhere.get())
                : planner.plan(check));
      }
      TableRef actual = TableRef.of(info.name());
      for (Check.Satisfies predicate : planner.predicates().keySet()) {
        PredicateGuard.checkShape(box, session, actual, predicate);
      }
      return new Plan(actual, planner, scan, queries, checks);
    }
  }

  /**
   * Why a referential-integrity check cannot run, when its referenced table is on another engine
   * than the checked one: one statement reads both tables.
   */
  private Optional<String> servedElsewhere(
      TenantId tenant, TableRef table, Check check, Map<String, Optional<TableInfo>> referenced) {
    if (!(check instanceof Check.ReferentialIntegrity reference)) {
      return Optional.empty();
    }
    Optional<TableInfo> other =
        referenced.getOrDefault(reference.referencedTable(), Optional.empty());
    if (other.isEmpty()) {
      return Optional.empty();
    }
    AnalyticsEngine checked = box.engine().engineFor(tenant, table);
    AnalyticsEngine holding = box.engine().engineFor(tenant, TableRef.of(other.get().name()));
    if (checked == holding) {
      return Optional.empty();
    }
    return Optional.of(
        "Table '"
            + other.get().name()
            + "' is served by the "
            + holding.name()
            + " engine and table '"
            + table.name()
            + "' by another ("
            + checked.name()
            + "); referential integrity compares two tables of one engine");
  }

  private void measure(TenantId tenant, TableRef table, Plan plan, QualityOptions options) {
    // The guarded path leases its own connection, so no trusted session is held meanwhile.
    for (Map.Entry<Check.Satisfies, Measure<Long>> predicate :
        plan.planner().predicates().entrySet()) {
      try {
        predicate
            .getValue()
            .set(
                PredicateGuard.countViolations(
                    box, tenant, table, predicate.getKey(), options.predicateTimeout()));
      } catch (SqlRejectedException e) {
        throw e;
      } catch (UdbException e) {
        predicate.getValue().fail(e.getMessage());
      }
    }
    try (SqlSession session = box.openSession(tenant, table)) {
      plan.scan().run(session, session.dialect().table(table));
      plan.queries().run(session);
    }
  }

  private static List<CheckResult> evaluate(List<PlannedCheck> checks) {
    List<CheckResult> results = new ArrayList<>(checks.size());
    for (PlannedCheck planned : checks) {
      Check check = planned.check();
      String name = check instanceof Check.Satisfies s ? s.name() : null;
      if (planned.error() != null) {
        results.add(error(check, name, planned.error()));
        continue;
      }
      Outcome outcome;
      try {
        outcome = planned.evaluation().get();
      } catch (Measure.Failed e) {
        results.add(error(check, name, "The check could not be measured: " + e.getMessage()));
        continue;
      }
      CheckStatus status =
          outcome.passed()
              ? CheckStatus.PASSED
              : check.severity() == Severity.ERROR ? CheckStatus.FAILED : CheckStatus.WARNING;
      results.add(
          new CheckResult(
              check.type().jsonName(),
              check.column(),
              status,
              outcome.metric(),
              outcome.message(),
              null,
              check.severity(),
              outcome.failingRows(),
              name));
    }
    return results;
  }

  private static CheckResult error(Check check, String name, String message) {
    return new CheckResult(
        check.type().jsonName(),
        check.column(),
        CheckStatus.ERROR,
        null,
        message,
        null,
        check.severity(),
        null,
        name);
  }

  private List<CheckResult> sample(
      TenantId tenant,
      TableRef table,
      List<PlannedCheck> checks,
      List<CheckResult> results,
      QualityOptions options) {
    List<CheckResult> out = new ArrayList<>(results);
    if (options.sampleRows() == 0) {
      return out;
    }
    Map<Integer, QueryResult> raw = new LinkedHashMap<>();
    List<Integer> guarded = new ArrayList<>();
    try (SqlSession session = box.openSession(tenant, table)) {
      for (int i = 0; i < checks.size(); i++) {
        if (!violated(checks.get(i), results.get(i))) {
          continue;
        }
        RowFilter filter = checks.get(i).failingRows();
        if (filter.userPredicate()) {
          guarded.add(i);
          continue;
        }
        raw.put(
            i,
            session.query(
                "SELECT * FROM "
                    + session.dialect().table(table)
                    + " WHERE "
                    + filter.condition()
                    + " LIMIT "
                    + options.sampleRows(),
                filter.parameters()));
      }
    }
    for (int i : guarded) {
      Check.Satisfies check = (Check.Satisfies) checks.get(i).check();
      try {
        raw.put(
            i,
            PredicateGuard.violatingRows(
                box,
                tenant,
                table,
                check,
                new QueryOptions(options.sampleRows(), options.predicateTimeout())));
      } catch (SqlRejectedException e) {
        throw e;
      } catch (UdbException e) {
        // the count ran, so the sample fails only on limits; the result stays without a sample
      }
    }
    for (Map.Entry<Integer, QueryResult> entry : raw.entrySet()) {
      int i = entry.getKey();
      out.set(i, out.get(i).withSample(mask(tenant, table, entry.getValue(), options)));
    }
    return out;
  }

  private static boolean violated(PlannedCheck planned, CheckResult result) {
    return planned.failingRows() != null
        && (result.status() == CheckStatus.FAILED || result.status() == CheckStatus.WARNING)
        && result.failingRows() != null
        && result.failingRows() > 0;
  }

  private RowSample mask(
      TenantId tenant, TableRef table, QueryResult result, QualityOptions options) {
    List<String> columns = result.columns().stream().map(ColumnInfo::name).toList();
    if (options.principal() == null && options.classification() == null) {
      return new RowSample(columns, result.rows());
    }
    TableClassification classification =
        options.classification() != null
            ? options.classification()
            : classifier.classifyTable(table.name(), columns, result.rows());
    Principal principal =
        options.principal() != null
            ? options.principal()
            : Principal.of("udb-quality", tenant, Role.VIEWER);
    return new RowSample(columns, masking.mask(principal, classification, columns, result.rows()));
  }

  private QuarantineResult quarantine(
      TenantId tenant,
      TableRef table,
      List<PlannedCheck> checks,
      List<CheckResult> results,
      Instant now) {
    TableInfo info = describe(tenant, table.name()).orElseThrow(() -> notFound(table));
    // next to the checked rows, on the engine serving them: a dataset's failing rows may be many
    try (SqlSession session = box.openSession(tenant, table)) {
      SqlDialect dialect = session.dialect();
      String name = table.name() + "__quarantine";
      if (name.length() > 128) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Cannot quarantine the rows of table '"
                + table.name()
                + "': the quarantine table's name would be longer than 128 characters; run"
                + " without quarantine or give the table a shorter name");
      }
      String source = dialect.table(table);
      String time = InternalTables.timestamp(now);
      String columns = quarantineColumns(info, dialect);
      String checkColumn = dialect.quoteIdentifier("_udb_check");
      String timeColumn = dialect.quoteIdentifier("_udb_quarantined_at");
      List<String> parts = new ArrayList<>();
      List<Object> parameters = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        if (!violated(checks.get(i), results.get(i))) {
          continue;
        }
        RowFilter filter = checks.get(i).failingRows();
        // A user predicate appears here only after PredicateGuard admitted it and the SQL guard
        // accepted it in the same position (as the condition of NOT (...)) on the guarded path.
        parts.add(
            "SELECT "
                + columns
                + ", "
                + dialect.toText("?")
                + " AS "
                + checkColumn
                + ", "
                + dialect.timestampParameter()
                + " AS "
                + timeColumn
                + " FROM "
                + source
                + " WHERE "
                + filter.condition());
        parameters.add(checks.get(i).check().label());
        parameters.add(time);
        parameters.addAll(filter.parameters());
      }
      if (parts.isEmpty()) {
        parts.add(
            "SELECT "
                + columns
                + ", "
                + dialect.toText("NULL")
                + " AS "
                + checkColumn
                + ", CAST(NULL AS TIMESTAMP) AS "
                + timeColumn
                + " FROM "
                + source
                + " WHERE false");
      }
      String target = dialect.table(TableRef.of(name));
      List<String> statements = dialect.replaceTableAs(target, String.join(" UNION ALL ", parts));
      for (int i = 0; i < statements.size(); i++) {
        session.execute(statements.get(i), i == statements.size() - 1 ? parameters : List.of());
      }
      long rows =
          ((Number) session.query("SELECT count(*) FROM " + target, List.of()).rows().get(0).get(0))
              .longValue();
      return new QuarantineResult(name, rows);
    }
  }

  /** The source columns, leaving out earlier quarantine columns (quarantining a quarantine). */
  private static String quarantineColumns(TableInfo info, SqlDialect dialect) {
    List<String> kept = new ArrayList<>();
    for (ColumnInfo column : info.columns()) {
      if (!column.name().equalsIgnoreCase("_udb_check")
          && !column.name().equalsIgnoreCase("_udb_quarantined_at")) {
        kept.add(dialect.quoteIdentifier(column.name()));
      }
    }
    return String.join(", ", kept);
  }

  private List<CheckResult> history(
      TenantId tenant,
      TableRef table,
      long rows,
      List<CheckResult> results,
      QualityOptions options,
      Instant now,
      String jobId) {
    Map<MetricHistory.Key, Double> current = new LinkedHashMap<>();
    current.put(new MetricHistory.Key(AnomalyRule.ROW_COUNT, null), (double) rows);
    for (CheckResult result : results) {
      if (result.metric() != null && result.status() != CheckStatus.ERROR) {
        String column = result.name() != null ? result.name() : result.column();
        current.putIfAbsent(new MetricHistory.Key(result.check(), column), result.metric());
      }
    }
    try (SqlSession session = box.openSession(tenant)) {
      MetricHistory.ensure(session);
      Map<MetricHistory.Key, List<Double>> past =
          MetricHistory.recent(session, table.name(), options.anomalies().window());
      List<CheckResult> anomalies = AnomalyDetector.detect(options.anomalies(), current, past);
      MetricHistory.record(session, table.name(), current, now, jobId);
      return anomalies;
    }
  }

  private Optional<TableInfo> describe(TenantId tenant, String name) {
    TableRef ref;
    try {
      ref = TableRef.of(name);
    } catch (UdbException e) {
      return Optional.empty();
    }
    Optional<TableInfo> exact = box.describe(tenant, ref);
    if (exact.isPresent()) {
      return exact;
    }
    return box.tables(tenant).stream().filter(t -> t.name().equalsIgnoreCase(name)).findFirst();
  }

  private static Optional<String> regexProblem(SqlSession session, String regex) {
    try {
      session.query("SELECT " + session.dialect().regexFullMatch("''", "?"), List.of(regex));
      return Optional.empty();
    } catch (UdbException e) {
      return Optional.of(e.getMessage());
    }
  }

  private static NotFoundException notFound(TableRef table) {
    return new NotFoundException(
        ErrorCode.TABLE_NOT_FOUND, "Table '" + table.name() + "' does not exist");
  }
}
