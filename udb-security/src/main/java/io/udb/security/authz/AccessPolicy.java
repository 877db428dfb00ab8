package io.udb.security.authz;

import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.security.audit.Denial;
import io.udb.security.audit.SecurityAudit;
import java.util.Objects;
import java.util.Set;

/**
 * The one place where UDB decides whether a principal may perform an operation. The role check uses
 * the permission table in {@link Operation}: a principal may perform an operation when its highest
 * role includes the operation's minimum role. Statements that read tables are further checked
 * against the tenant's {@link TableGrants}.
 *
 * <p>Every refusal is reported to the {@link SecurityAudit} as control {@code authorization}.
 * Instances are immutable and thread-safe.
 */
public final class AccessPolicy {

  /** The {@link Denial#control()} of this policy's refusals. */
  public static final String CONTROL = "authorization";

  private final TableGrants grants;
  private final SecurityAudit audit;

  /** A policy with no table grants (every table of the tenant allowed) that audits nothing. */
  public AccessPolicy() {
    this(TableGrants.none(), SecurityAudit.none());
  }

  /**
   * Creates a policy.
   *
   * @param grants the table grants applied by {@link #authorize(Principal, Operation, Set)}
   * @param audit receives every refusal
   */
  public AccessPolicy(TableGrants grants, SecurityAudit audit) {
    this.grants = Objects.requireNonNull(grants, "grants");
    this.audit = Objects.requireNonNull(audit, "audit");
  }

  /**
   * Tells whether the principal's role allows the operation, without reporting anything.
   *
   * @param principal the caller
   * @param operation what it wants to do
   * @return true when its highest role includes the operation's minimum role
   */
  public boolean permits(Principal principal, Operation operation) {
    return principal.has(operation.minimumRole());
  }

  /**
   * Refuses the operation unless the principal's role allows it.
   *
   * @param principal the caller
   * @param operation what it wants to do
   * @throws AccessDeniedException with reason {@link AccessDeniedException#ROLE_TOO_LOW}
   */
  public void authorize(Principal principal, Operation operation) {
    Objects.requireNonNull(operation, "operation");
    if (permits(principal, operation)) {
      return;
    }
    audit.denied(
        new Denial(
            CONTROL,
            AccessDeniedException.ROLE_TOO_LOW,
            ErrorCode.FORBIDDEN,
            principal.tenant(),
            principal.subject(),
            operation.id()));
    throw new AccessDeniedException(
        AccessDeniedException.ROLE_TOO_LOW,
        "Operation '"
            + operation.id()
            + "' needs role '"
            + operation.minimumRole().externalName()
            + "' or higher; the caller's highest role is '"
            + principal.highestRole().externalName()
            + "'");
  }

  /**
   * Refuses the operation unless the principal's role allows it and every referenced table is
   * within its grants.
   *
   * @param principal the caller
   * @param operation what it wants to do
   * @param tablesReferenced the tenant tables the statement reads, e.g. {@code
   *     GuardedStatement.tables()}
   * @throws AccessDeniedException with reason {@link AccessDeniedException#ROLE_TOO_LOW} or {@link
   *     AccessDeniedException#TABLE_NOT_GRANTED}
   */
  public void authorize(Principal principal, Operation operation, Set<String> tablesReferenced) {
    authorize(principal, operation);
    grants.checkTables(principal, tablesReferenced, operation);
  }

  /** The table grants this policy applies. */
  public TableGrants grants() {
    return grants;
  }
}
