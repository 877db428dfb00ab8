package io.udb.kpi;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import java.util.Objects;

/**
 * A KPI definition that cannot be computed: the message names the KPI and the field to fix. The
 * code is {@link ErrorCode#INVALID_ARGUMENT}, or the SQL guard's code when a SQL fragment of the
 * definition was refused by it.
 */
public final class InvalidKpiException extends UdbException {
  private static final long serialVersionUID = 1L;

  /** The KPI's name as given (may be empty when the name itself is missing). */
  private final String kpi;

  /** The definition field at fault, e.g. {@code measure}. */
  private final String field;

  /**
   * Creates the exception with {@link ErrorCode#INVALID_ARGUMENT}.
   *
   * @param kpi the KPI's name
   * @param field the field at fault
   * @param problem what is wrong with it and what to do
   */
  public InvalidKpiException(String kpi, String field, String problem) {
    this(ErrorCode.INVALID_ARGUMENT, kpi, field, problem, null);
  }

  /**
   * Creates the exception with another code and a cause.
   *
   * @param code the stable code
   * @param kpi the KPI's name
   * @param field the field at fault
   * @param problem what is wrong with it and what to do
   * @param cause the underlying failure, for logs only
   */
  public InvalidKpiException(
      ErrorCode code, String kpi, String field, String problem, Throwable cause) {
    super(code, "KPI '" + kpi + "', field '" + field + "': " + problem, cause);
    this.kpi = Objects.requireNonNull(kpi, "kpi");
    this.field = Objects.requireNonNull(field, "field");
  }

  /** The KPI's name as given. */
  public String kpi() {
    return kpi;
  }

  /** The definition field at fault. */
  public String field() {
    return field;
  }
}
