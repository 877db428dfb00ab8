package io.udb.security.audit;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import java.util.Objects;

/**
 * One refusal by a security control. Holds no secret material: never a token, password or key.
 *
 * @param control which control refused: {@code authentication}, {@code authorization}, {@code
 *     sql_guard}, {@code rate_limit} or {@code quota}
 * @param reason a short stable token, e.g. {@code expired}, {@code role_too_low}, used as a metric
 *     tag
 * @param code the error code reported to the caller
 * @param tenant the tenant, when known (not for a token that failed verification)
 * @param principal the principal's subject, when known
 * @param operation what was attempted, e.g. {@code sql.query}
 */
public record Denial(
    String control,
    String reason,
    ErrorCode code,
    TenantId tenant,
    String principal,
    String operation) {
  /** Validates the required fields. */
  public Denial {
    Objects.requireNonNull(control, "control");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(operation, "operation");
  }
}
