package io.udb.quality.profile;

import io.udb.api.TenantId;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobContext;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import io.udb.core.json.Json;
import io.udb.core.observe.UdbMetrics;
import io.udb.security.pii.ColumnClassifier;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Profiles tenant tables the way ydata-profiling does, inside the engine.
 *
 * <p>Everything is computed by the engine in a few fused statements; the JVM receives only their
 * one-row results, a bounded number of top values and extremes, and the sample. A full exact
 * profile of a table with up to 16 columns sends 5 to 7 statements and makes 4 to 6 passes over the
 * rows ({@link RunInfo#queries()}, {@link RunInfo#scans()}; 5 and 4 for the integer and text table
 * measured in {@code ProfilerTest}):
 *
 * <ol>
 *   <li>describe: the catalog's column list (no scan);
 *   <li>moments (1 pass): counts, minimum, maximum, mean, standard deviation, variance, sum, zeros,
 *       negatives, infinities, true counts of every column and Pearson's r of every numeric pair;
 *   <li>distribution (2 to 4 passes, one statement per 16 columns): every column grouped by value
 *       once, and from those value counts the distinct counts, top values, extremes, entropy, exact
 *       quantiles 5/25/50/75/95 (R type 7), MAD, central moments for skewness and kurtosis,
 *       histograms, datetime periods, string lengths and character classes; the average ranks
 *       joined back to the rows for Spearman's rho; a selection over the rows for the MAD of
 *       floating-point columns; a grouping of all columns for duplicate rows unless a column is a
 *       key. Integer columns of at least 10,000 values that hold exactly the integers from their
 *       minimum to their maximum (keys, row numbers) are confirmed by one bitmap scan and not
 *       grouped at all: their statistics follow from the minimum and the count;
 *   <li>Cramér's V (1 pass): one {@code GROUPING SETS} aggregation over the categorical pairs;
 *   <li>the sample: the first rows only.
 * </ol>
 *
 * <p>Minimal mode drops the duplicate grouping, the rank join, Cramér's V and the character classes
 * of strings; approximate mode replaces the exact distinct counts and quantiles of numeric and
 * datetime columns by sketches (see {@link ProfileOptions#approximate()}). Each pass reads only the
 * columns it needs.
 *
 * <p>Thread-safe and stateless: one instance may serve every tenant.
 */
public final class Profiler {
  /** The JSON artifact of a profile job. */
  public static final String JSON_ARTIFACT = "profile.json";

  /** The HTML artifact of a profile job. */
  public static final String HTML_ARTIFACT = "profile.html";

  private final ColumnClassifier classifier;
  private final Clock clock;
  private final ProfileReport report;
  private final long consecutiveMinRows;

  /** A profiler with the default PII classifier and the system clock. */
  public Profiler() {
    this(ColumnClassifier.defaults(), Clock.systemUTC());
  }

  /**
   * A profiler.
   *
   * @param classifier classifies columns for masking when no classification is given
   * @param clock stamps profiles with their time
   */
  public Profiler(ColumnClassifier classifier, Clock clock) {
    this(classifier, clock, ConsecutiveIntegers.MIN_ROWS);
  }

  /** A profiler with another row threshold for {@link ConsecutiveIntegers} (tests). */
  Profiler(ColumnClassifier classifier, Clock clock, long consecutiveMinRows) {
    this.classifier = Objects.requireNonNull(classifier, "classifier");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.report = new ProfileReport();
    this.consecutiveMinRows = consecutiveMinRows;
  }

  /**
   * Profiles a table synchronously.
   *
   * @param session a session of the table's tenant; left open
   * @param table the table
   * @param options what to compute
   * @return the profile
   * @throws io.udb.api.NotFoundException with {@code TABLE_NOT_FOUND} when the table does not exist
   */
  public Profile profile(SqlSession session, TableRef table, ProfileOptions options) {
    return profile(session, table, options, StageRunner.direct());
  }

  Profile profile(SqlSession session, TableRef table, ProfileOptions options, StageRunner stages) {
    Objects.requireNonNull(session, "session");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    long start = System.nanoTime();
    ProfileRun run = new ProfileRun(session, table, options, stages, consecutiveMinRows).run();
    long elapsedMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
    return new ProfileAssembler(run).assemble(classifier, clock.instant(), elapsedMs);
  }

  /**
   * Profiles two tables with the same options and lines them up.
   *
   * @param session a session of the tables' tenant; left open
   * @param left the first table, e.g. the reference
   * @param right the second table, e.g. the current data
   * @param options what to compute for both
   * @return both profiles and their differences
   */
  public ProfileComparison compare(
      SqlSession session, TableRef left, TableRef right, ProfileOptions options) {
    return ProfileComparison.of(profile(session, left, options), profile(session, right, options));
  }

  /**
   * Profiles a table as a {@code profile} job with stages {@code describe}, {@code moments}, {@code
   * distribution}, {@code frequencies}, {@code correlations}, {@code sample}, {@code render} and
   * {@code artifacts}. The job's result is the profile JSON ({@link ProfileJson}); it writes the
   * artifacts {@value #JSON_ARTIFACT} and {@value #HTML_ARTIFACT} and records {@link
   * ProfileMetrics}.
   *
   * @param box the data box
   * @param tenant the tenant
   * @param table the table
   * @param options what to compute
   * @return the accepted job
   */
  public Job submit(DataBox box, TenantId tenant, TableRef table, ProfileOptions options) {
    return box.submit(tenant, JobType.PROFILE, profileJob(box, table, options));
  }

  /**
   * Profiles a table as a {@code profile} job started by a principal: like {@link #submit(DataBox,
   * TenantId, TableRef, ProfileOptions)} for the principal's tenant, with the principal's
   * permission, rate limit and concurrent-job quota applied by {@link SecuredBox#submit}, and the
   * values (top values, extremes, sample) masked as the principal may see them, whatever principal
   * the options name.
   *
   * @param box the data box the job reads through
   * @param caller the principal's view of {@code box}
   * @param table the table
   * @param options what to compute
   * @return the accepted job
   */
  public Job submit(DataBox box, SecuredBox caller, TableRef table, ProfileOptions options) {
    Objects.requireNonNull(options, "options");
    // the caller sees values as its role allows, never as a trusted host or another principal would
    ProfileOptions forCaller = options.toBuilder().principal(caller.principal()).build();
    return caller.submit(JobType.PROFILE, profileJob(box, table, forCaller));
  }

  private JobBody profileJob(DataBox box, TableRef table, ProfileOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    return context -> run(box, context, table, options);
  }

  /**
   * Profiles a table inside a job that already exists (e.g. the analyze pipeline's): the stages,
   * artifacts and metrics of {@link #submit}, with the job's progress going from 0 to 1.
   *
   * @param box the data box
   * @param context the running job, whose tenant owns the table
   * @param table the table
   * @param options what to compute
   * @return the profile JSON ({@link ProfileJson})
   */
  public Map<String, Object> run(
      DataBox box, JobContext context, TableRef table, ProfileOptions options) {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(options, "options");
    return metered(
        box.metrics(),
        context.tenant(),
        () -> {
          Profile profile;
          try (SqlSession session = box.openSession(context.tenant(), table)) {
            profile = profile(session, table, options, StageRunner.of(context, 0, 0.8));
          }
          return publish(context, profile, 0.8);
        });
  }

  /**
   * Compares two tables as a {@code profile} job; like {@link #submit} for each table, then the
   * comparison's JSON is the result and {@value #JSON_ARTIFACT} and {@value #HTML_ARTIFACT} show
   * both tables side by side.
   *
   * @param box the data box
   * @param tenant the tenant
   * @param left the first table
   * @param right the second table
   * @param options what to compute for both
   * @return the accepted job
   */
  public Job submitComparison(
      DataBox box, TenantId tenant, TableRef left, TableRef right, ProfileOptions options) {
    Objects.requireNonNull(left, "left");
    Objects.requireNonNull(right, "right");
    Objects.requireNonNull(options, "options");
    return box.submit(
        tenant,
        JobType.PROFILE,
        context ->
            metered(
                box.metrics(),
                tenant,
                () -> {
                  ProfileComparison comparison;
                  // each table on the engine serving it: comparing a dataset on Spark with one in
                  // the tenant's DuckDB database needs nothing from both engines at once
                  Profile a;
                  try (SqlSession session = box.openSession(tenant, left)) {
                    a = profile(session, left, options, StageRunner.of(context, 0, 0.4));
                  }
                  Profile b;
                  try (SqlSession session = box.openSession(tenant, right)) {
                    b = profile(session, right, options, StageRunner.of(context, 0.4, 0.8));
                  }
                  comparison = ProfileComparison.of(a, b);
                  Map<String, Object> json =
                      context.stage("render", () -> ProfileJson.toMap(comparison));
                  String html = context.stage("render", () -> report.html(comparison));
                  writeArtifacts(context, json, html);
                  context.progress(1.0);
                  meter(box.metrics(), tenant, comparison.left());
                  meter(box.metrics(), tenant, comparison.right());
                  return json;
                }));
  }

  /** The HTML renderer this profiler uses for job artifacts. */
  public ProfileReport report() {
    return report;
  }

  private Map<String, Object> publish(JobContext context, Profile profile, double progress) {
    Map<String, Object> json = context.stage("render", () -> ProfileJson.toMap(profile));
    String html = context.stage("render", () -> report.html(profile));
    context.progress(progress + (1 - progress) / 2);
    writeArtifacts(context, json, html);
    context.progress(1.0);
    return json;
  }

  private static void writeArtifacts(JobContext context, Map<String, Object> json, String html) {
    context.stage(
        "artifacts",
        () -> {
          context.writeArtifact(
              JSON_ARTIFACT, "application/json", Json.write(json).getBytes(StandardCharsets.UTF_8));
          context.writeArtifact(
              HTML_ARTIFACT, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8));
          return null;
        });
  }

  private interface Body {
    Map<String, Object> run();
  }

  private Map<String, Object> metered(UdbMetrics metrics, TenantId tenant, Body body) {
    try {
      Map<String, Object> result = body.run();
      metrics.count(ProfileMetrics.RUNS, 1, "status", "succeeded");
      if (result.get("rowCount") instanceof Number rows) {
        metrics.record(ProfileMetrics.ROWS, rows.doubleValue());
        Object columns = result.get("columnCount");
        if (columns instanceof Number n) {
          metrics.count(
              ProfileMetrics.CELLS, rows.doubleValue() * n.doubleValue(), "tenant", tenant.value());
        }
      }
      return result;
    } catch (RuntimeException e) {
      metrics.count(ProfileMetrics.RUNS, 1, "status", "failed");
      throw e;
    }
  }

  private static void meter(UdbMetrics metrics, TenantId tenant, Profile profile) {
    metrics.record(ProfileMetrics.ROWS, profile.rowCount());
    metrics.count(
        ProfileMetrics.CELLS,
        (double) profile.rowCount() * profile.columnCount(),
        "tenant",
        tenant.value());
  }
}
