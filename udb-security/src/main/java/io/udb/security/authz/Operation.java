package io.udb.security.authz;

import io.udb.api.Role;

/**
 * Every operation UDB guards, with the minimum role it needs. This enum is the permission table;
 * {@code docs/security.md} prints it and a test keeps the two in step.
 */
public enum Operation {
  /** Read version, plugins and features. */
  STATUS_READ("status.read", Role.VIEWER),
  /** List the tenant's tables. */
  TABLES_LIST("tables.list", Role.VIEWER),
  /** Read a job's state and result. */
  JOB_READ("job.read", Role.VIEWER),
  /** Read artifacts and manifests. */
  ARTIFACT_READ("artifact.read", Role.VIEWER),
  /** Read KPI, profile, quality and drift results of finished jobs. */
  REPORT_READ("report.read", Role.VIEWER),
  /** Run ad-hoc SQL. */
  SQL_QUERY("sql.query", Role.ANALYST),
  /** Upload or load data into a table. */
  INGEST("ingest", Role.ANALYST),
  /** Start profile, quality, drift, KPI or analyze jobs. */
  JOB_START("job.start", Role.ANALYST),
  /** Cancel a job. */
  JOB_CANCEL("job.cancel", Role.ANALYST),
  /** List connectors and stored connections. */
  SOURCES_READ("sources.read", Role.ANALYST),
  /** Create, test, discover, sync or delete connections. */
  SOURCES_MANAGE("sources.manage", Role.ANALYST),
  /** Connect an OAuth2 provider for a connector. */
  OAUTH_CONNECT("oauth.connect", Role.ANALYST),
  /** Store or rotate secrets. */
  SECRETS_MANAGE("secrets.manage", Role.ADMIN),
  /** Create, refresh or delete drift baselines. */
  BASELINES_MANAGE("baselines.manage", Role.ADMIN),
  /** Prune artifacts and jobs, change retention. */
  RETENTION_MANAGE("retention.manage", Role.ADMIN),
  /** See PII values unmasked. */
  PII_UNMASKED("pii.unmasked", Role.ADMIN);

  private final String id;
  private final Role minimumRole;

  Operation(String id, Role minimumRole) {
    this.id = id;
    this.minimumRole = minimumRole;
  }

  /** The operation's stable id, used in events and logs, e.g. {@code sql.query}. */
  public String id() {
    return id;
  }

  /** The lowest role allowed to perform it. */
  public Role minimumRole() {
    return minimumRole;
  }
}
