package io.udb.core.observe;

/** The names of UDB's meters, as documented in {@code docs/metrics.md}. */
public final class MetricNames {
  /** Counter of job transitions to a terminal state; tags type, state, tenant. */
  public static final String JOBS = "udb.jobs";

  /** Timer of job durations; tag type. */
  public static final String JOB_DURATION = "udb.job.duration";

  /** Timer of pipeline stage durations; tags type, stage, outcome. */
  public static final String STAGE_DURATION = "udb.stage.duration";

  /**
   * Timer of analyze pipeline stages; tags stage, outcome ({@code succeeded}, {@code skipped},
   * {@code failed}, {@code cancelled}).
   */
  public static final String ANALYZE_STAGE = "udb.analyze.stage";

  /** Counter of user statements refused; tag reason. */
  public static final String SQL_REJECTED = "udb.sql.rejected";

  /** Timer of user queries; tag outcome. */
  public static final String SQL_QUERIES = "udb.sql.queries";

  /** Counter of rows loaded; tag tenant. */
  public static final String INGEST_ROWS = "udb.ingest.rows";

  /** Counter of rows rejected by loads; tag tenant. */
  public static final String INGEST_REJECTED = "udb.ingest.rejected";

  /** Counter of jobs whose artifacts retention removed. */
  public static final String ARTIFACTS_PRUNED = "udb.artifacts.pruned";

  /** Counter of events a sink failed to take; tag sink. */
  public static final String EVENTS_FAILED = "udb.events.failed";

  /**
   * Counter of events a sink accepted but could not deliver and gave up on (its buffer was full, a
   * delivery failed for good, or it closed with events undelivered); tags sink, reason.
   */
  public static final String EVENTS_DROPPED = "udb.events.dropped";

  /** Counter of scheduled task runs on the leading node; tags task, outcome (ok/failed). */
  public static final String SCHEDULER_RUNS = "udb.scheduler.runs";

  /**
   * Counter of tenant databases opened, closed, and refused because another process holds the file;
   * tags action (opened/closed/locked), tenant.
   */
  public static final String TENANT_DATABASES = "udb.tenant.databases";

  /** Counter of denials by any security control; tags control, reason. */
  public static final String SECURITY_DENIED = "udb.security.denied";

  /** Counter of requests refused by a rate limit; tag reason (the operation class). */
  public static final String RATELIMIT_REJECTED = "udb.ratelimit.rejected";

  /** Counter of operations refused by a tenant quota; tag reason (the quota). */
  public static final String QUOTA_REJECTED = "udb.quota.rejected";

  /** Counter of bearer tokens refused; tag reason. */
  public static final String AUTH_REJECTED = "udb.auth.rejected";

  /** Counter of OAuth2 authorization flows started; tag provider. */
  public static final String OAUTH_INITIATIONS = "udb.oauth.initiations";

  private MetricNames() {}
}
