package io.udb.core.analyze;

import java.util.Set;

/**
 * One stage of the analyze pipeline, contributed by a capability module: found with {@link
 * java.util.ServiceLoader} ({@code META-INF/services/io.udb.core.analyze.AnalyzeStage}, public
 * no-argument constructor) or handed to {@link AnalyzePipeline#of} (e.g. as a Spring bean).
 *
 * <p>Stages run in ascending {@link #order()} (ties by name) inside the analyze job; each runs as a
 * stage of that job ({@code udb.stage <name>} span, progress, cancellation). A stage that has
 * nothing to do returns {@link StageResult#skipped}; one that fails throws, which fails the job
 * with this stage named. Implementations are thread-safe: one instance serves every job.
 */
public interface AnalyzeStage {
  /** Loads the connections named by the request and adds the tables they wrote. */
  String SYNC = "sync";

  /** Profiles each table. */
  String PROFILE = "profile";

  /** Runs the given or suggested checks on each table. */
  String QUALITY = "quality";

  /** Compares each table with its stored baseline. */
  String DRIFT = "drift";

  /** Computes the requested KPIs, their narrative and charts. */
  String KPI = "kpi";

  /** The order of {@value #SYNC}. */
  int SYNC_ORDER = 100;

  /** The order of {@value #PROFILE}. */
  int PROFILE_ORDER = 200;

  /** The order of {@value #QUALITY}. */
  int QUALITY_ORDER = 300;

  /** The order of {@value #DRIFT}. */
  int DRIFT_ORDER = 400;

  /** The order of {@value #KPI}. */
  int KPI_ORDER = 500;

  /**
   * The stage's stable name: a lower-case word used in options, results, events, metric tags and
   * job errors.
   */
  String name();

  /** Where the stage runs: lower first. */
  int order();

  /**
   * Checks the parts of a request this stage reads before the job is accepted, so that malformed
   * input is refused at once rather than by a failed job. The default accepts everything.
   *
   * @param request the request
   * @throws io.udb.api.UdbException with {@code INVALID_ARGUMENT} naming what to fix
   */
  default void validate(AnalyzeRequest request) {}

  /**
   * The tables this stage reads beyond {@link AnalyzeRequest#tables()}, e.g. those KPI definitions
   * name, so that a principal's table grants can be checked before the job starts.
   *
   * @param request the request
   * @return table names, empty by default
   */
  default Set<String> tablesRead(AnalyzeRequest request) {
    return Set.of();
  }

  /**
   * Runs the stage.
   *
   * @param context the job, the request and the tables analysed so far
   * @return what the stage did, or that it was skipped
   */
  StageResult run(AnalyzeContext context);
}
