package io.udb.core;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.NotFoundException;
import io.udb.api.Principal;
import io.udb.api.SqlRejectedException;
import io.udb.api.artifact.ArtifactManifest;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.engine.QueryOptions;
import io.udb.api.engine.QueryResult;
import io.udb.api.engine.TableInfo;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.api.job.JobBody;
import io.udb.api.job.JobType;
import io.udb.api.secret.SecretValue;
import io.udb.core.security.JobSlots;
import io.udb.core.security.UdbSecurity;
import io.udb.security.audit.Denial;
import io.udb.security.authz.AccessDeniedException;
import io.udb.security.authz.Operation;
import io.udb.security.authz.QuotaEnforcer;
import io.udb.security.oauth.AuthorizationStart;
import io.udb.security.oauth.OAuthConnection;
import io.udb.security.pii.TableClassification;
import io.udb.security.ratelimit.RateLimitKey;
import java.io.InputStream;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link DataBox} as one principal may use it: every operation is authorized against the
 * permission table ({@link Operation}) and the principal's table grants, rate limited per tenant,
 * principal and operation class, held to the tenant's quotas, and its results are masked per the
 * PII policy. Every refusal is audited ({@code udb.security.denied} event and metric).
 *
 * <p>Obtain one with {@link DataBox#as(Principal)}; cheap to create, thread-safe.
 */
public final class SecuredBox {
  /** Rate-limit class of ad-hoc SQL. */
  public static final String RATE_QUERY = "query";

  /** Rate-limit class of starting and cancelling jobs, and of loads. */
  public static final String RATE_JOB = "job";

  /** Rate-limit class of reads (tables, jobs, artifacts). */
  public static final String RATE_READ = "read";

  /** Rate-limit class of administration. */
  public static final String RATE_ADMIN = "admin";

  private final DataBox box;
  private final UdbSecurity security;
  private final JobSlots jobSlots;
  private final Principal principal;

  SecuredBox(DataBox box, UdbSecurity security, JobSlots jobSlots, Principal principal) {
    this.box = box;
    this.security = security;
    this.jobSlots = jobSlots;
    this.principal = principal;
  }

  /** The principal this view acts for. */
  public Principal principal() {
    return principal;
  }

  /**
   * The box this view was made from, for services that run a principal's work as a job of it (e.g.
   * the analyze pipeline); they authorize through this view before touching the box.
   */
  public DataBox box() {
    return box;
  }

  /**
   * Runs the principal's SQL: guarded, limited to its granted tables, masked for non-admins.
   *
   * @param sql one SELECT statement
   * @param options row cap and timeout, and optionally the host's own table restriction, which
   *     narrows the principal's grants (the query may read only tables allowed by both)
   * @return the rows, masked where the principal may not see raw PII
   */
  public QueryResult query(String sql, QueryOptions options) {
    enter(Operation.SQL_QUERY, RATE_QUERY);
    security.quotas().checkQuery(principal.tenant());
    QueryOptions restricted =
        security
            .access()
            .grants()
            .allowedTables(principal)
            .map(granted -> options.restrictedTo(withinHostRestriction(granted, options)))
            .orElse(options);
    QueryResult result;
    try {
      result = box.engine().query(principal.tenant(), sql, restricted);
    } catch (SqlRejectedException e) {
      audit("sql_guard", e.reason(), e.code(), Operation.SQL_QUERY);
      throw e;
    } catch (AccessDeniedException e) {
      audit("authorization", e.reason(), e.code(), Operation.SQL_QUERY);
      throw e;
    }
    if (security.masking().seesRawValues(principal)) {
      return result;
    }
    return security
        .masking()
        .mask(principal, security.classifications().all(principal.tenant()), result);
  }

  /**
   * Runs the principal's SQL with the engine's default limits.
   *
   * @param sql one SELECT statement
   * @return the rows
   */
  public QueryResult query(String sql) {
    return query(sql, QueryOptions.defaults());
  }

  /** The tenant's tables the principal may read. */
  public List<TableInfo> tables() {
    enter(Operation.TABLES_LIST, RATE_READ);
    Optional<Set<String>> granted = security.access().grants().allowedTables(principal);
    return box.tables(principal.tenant()).stream()
        .filter(t -> granted.map(g -> g.contains(t.name().toLowerCase(Locale.ROOT))).orElse(true))
        .toList();
  }

  /**
   * Starts a job for the principal, holding one of the tenant's concurrent-job slots until the job
   * ends. Ingest and sync jobs need {@link Operation#INGEST}, every other type {@link
   * Operation#JOB_START}.
   *
   * @param type the job type
   * @param body the work
   * @return the created job
   */
  public Job submit(JobType type, JobBody body) {
    Operation operation =
        type.equals(JobType.INGEST) || type.equals(JobType.SYNC)
            ? Operation.INGEST
            : Operation.JOB_START;
    enter(operation, RATE_JOB);
    QuotaEnforcer.JobSlot slot = security.quotas().acquireJobSlot(principal.tenant());
    try {
      Job job = box.submit(principal.tenant(), type, body);
      jobSlots.hold(job.id(), slot);
      if (box.job(principal.tenant(), job.id()).state().isTerminal()) {
        jobSlots.release(job.id());
      }
      return job;
    } catch (RuntimeException e) {
      slot.close();
      throw e;
    }
  }

  /**
   * A job of the tenant.
   *
   * @param id the job
   * @return its snapshot
   * @throws NotFoundException with {@code JOB_NOT_FOUND} also for another tenant's job
   */
  public Job job(JobId id) {
    enter(Operation.JOB_READ, RATE_READ);
    return box.job(principal.tenant(), id);
  }

  /**
   * The tenant's recent jobs.
   *
   * @param limit the most to return
   * @return newest first
   */
  public List<Job> jobs(int limit) {
    enter(Operation.JOB_READ, RATE_READ);
    return box.jobs().list(principal.tenant(), limit);
  }

  /**
   * Waits for a job of the tenant.
   *
   * @param id the job
   * @param timeout the longest to wait
   * @return the latest snapshot
   */
  public Job awaitJob(JobId id, Duration timeout) {
    enter(Operation.JOB_READ, RATE_READ);
    return box.awaitJob(principal.tenant(), id, timeout);
  }

  /**
   * Requests cancellation of a job of the tenant.
   *
   * @param id the job
   * @return the snapshot after the request
   */
  public Job cancel(JobId id) {
    enter(Operation.JOB_CANCEL, RATE_JOB);
    return box.cancelJob(principal.tenant(), id);
  }

  /**
   * The manifest of a job's artifacts.
   *
   * @param id the job
   * @return the manifest
   * @throws NotFoundException with {@code ARTIFACT_NOT_FOUND} when there is none in the tenant
   */
  public ArtifactManifest manifest(JobId id) {
    enter(Operation.ARTIFACT_READ, RATE_READ);
    return box.manifest(principal.tenant(), id)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.ARTIFACT_NOT_FOUND, "Job " + id + " has no artifacts"));
  }

  /**
   * Opens an artifact; the caller closes the stream.
   *
   * @param id the job
   * @param name the artifact
   * @return its bytes
   * @throws NotFoundException with {@code ARTIFACT_NOT_FOUND} when it does not exist in the tenant
   */
  public InputStream openArtifact(JobId id, ArtifactName name) {
    enter(Operation.ARTIFACT_READ, RATE_READ);
    return box.artifacts()
        .open(principal.tenant(), id, name)
        .orElseThrow(
            () ->
                new NotFoundException(
                    ErrorCode.ARTIFACT_NOT_FOUND,
                    "Artifact " + name + " of job " + id + " does not exist"));
  }

  /**
   * Classifies a table's columns for PII and stores the result; later query results, profiles and
   * KPI rows are masked by it.
   *
   * @param table the table, one of the principal's granted tables
   * @return the classification
   * @throws AccessDeniedException with reason {@code table_not_granted} for a table outside the
   *     principal's grants: classifying reads the table and the result names its columns
   */
  public TableClassification classify(TableRef table) {
    enter(Operation.INGEST, RATE_JOB);
    security.access().grants().checkTables(principal, Set.of(table.name()), Operation.INGEST);
    return security.classifications().classify(principal.tenant(), table);
  }

  /**
   * Stores a secret of the tenant; no operation ever returns its value.
   *
   * @param name the secret's name
   * @param value its value
   */
  public void storeSecret(String name, SecretValue value) {
    enter(Operation.SECRETS_MANAGE, RATE_ADMIN);
    box.secrets().store(principal.tenant(), name, value);
  }

  /**
   * Deletes artifacts and finished job records older than the given age (all tenants: retention is
   * a deployment-wide policy, so only admins may run it).
   *
   * @param olderThan the retention period
   * @return what was removed
   */
  public PruneResult prune(Duration olderThan) {
    enter(Operation.RETENTION_MANAGE, RATE_ADMIN);
    return box.prune(olderThan);
  }

  /**
   * Starts an OAuth2 authorization for a connector provider.
   *
   * @param provider the configured provider name
   * @return where to send the user's browser, and the state
   */
  public AuthorizationStart oauthInitiate(String provider) {
    enter(Operation.OAUTH_CONNECT, RATE_ADMIN);
    return security.oauth().orElseThrow(DataBox::oauthNotConfigured).initiate(principal, provider);
  }

  /**
   * Completes an OAuth2 authorization: checks the state, exchanges the code and stores the tokens
   * encrypted through the secrets provider.
   *
   * @param provider the provider
   * @param code the authorization code
   * @param state the state from {@link #oauthInitiate}
   * @return the connection, without token material
   */
  public OAuthConnection oauthCallback(String provider, String code, String state) {
    enter(Operation.OAUTH_CONNECT, RATE_ADMIN);
    return security
        .oauth()
        .orElseThrow(DataBox::oauthNotConfigured)
        .callback(principal, provider, code, state);
  }

  private static Set<String> withinHostRestriction(Set<String> granted, QueryOptions options) {
    if (options.allowedTables() == null) {
      return granted;
    }
    Set<String> both = new HashSet<>(granted);
    both.retainAll(options.allowedTables());
    return both;
  }

  private void enter(Operation operation, String rateClass) {
    security.access().authorize(principal, operation);
    security
        .rateLimiter()
        .enforce(new RateLimitKey(principal.tenant(), principal.subject(), rateClass));
  }

  private void audit(String control, String reason, ErrorCode code, Operation operation) {
    security
        .audit()
        .denied(
            new Denial(
                control, reason, code, principal.tenant(), principal.subject(), operation.id()));
  }

  @Override
  public String toString() {
    return "SecuredBox[" + principal.tenant() + "/" + principal.subject() + "]";
  }

  static SecuredBox of(DataBox box, UdbSecurity security, JobSlots slots, Principal principal) {
    Objects.requireNonNull(principal, "principal");
    return new SecuredBox(box, security, slots, principal);
  }
}
