package io.udb.api;

/**
 * Stable error codes. The name of each constant is the {@code code} field of an HTTP problem
 * response and never changes once released; new codes may be added.
 */
public enum ErrorCode {
  /** An argument is malformed or out of range. */
  INVALID_ARGUMENT(Category.INVALID_INPUT),
  /** A tenant id is not valid. */
  TENANT_INVALID(Category.INVALID_INPUT),
  /** A configuration value is missing or malformed. */
  CONFIG_INVALID(Category.CONFIGURATION),
  /** No plugin with the requested name was found. */
  PLUGIN_NOT_FOUND(Category.CONFIGURATION),
  /** Several plugins match and none is selected. */
  PLUGIN_AMBIGUOUS(Category.CONFIGURATION),
  /** A plugin could not be loaded or created. */
  PLUGIN_BROKEN(Category.CONFIGURATION),
  /** The SQL text could not be parsed. */
  SQL_PARSE_ERROR(Category.INVALID_INPUT),
  /** The SQL is not a single SELECT statement. */
  SQL_NOT_SELECT(Category.INVALID_INPUT),
  /** More than one statement was given. */
  SQL_MULTIPLE_STATEMENTS(Category.INVALID_INPUT),
  /** The SQL uses a function, table function or object that user SQL may not use. */
  SQL_FORBIDDEN(Category.INVALID_INPUT),
  /** The SQL names a table that does not exist in the caller's tenant. */
  SQL_UNKNOWN_TABLE(Category.INVALID_INPUT),
  /** The query failed while running (e.g. a type error, division by zero). */
  SQL_EXECUTION_ERROR(Category.INVALID_INPUT),
  /** The query was stopped by its timeout. */
  SQL_TIMEOUT(Category.LIMIT),
  /** The query was stopped by a memory or other resource limit. */
  SQL_RESOURCE_LIMIT(Category.LIMIT),
  /** An input file or stream has a format that cannot be read. */
  INGEST_BAD_FORMAT(Category.INVALID_INPUT),
  /** An input (upload, document, stream) is larger than the configured limit. */
  INPUT_TOO_LARGE(Category.LIMIT),
  /** A document is encrypted or password-protected and cannot be read. */
  DOCUMENT_ENCRYPTED(Category.INVALID_INPUT),
  /** A table does not exist in the tenant. */
  TABLE_NOT_FOUND(Category.NOT_FOUND),
  /** A saved connection does not exist in the tenant. */
  CONNECTION_NOT_FOUND(Category.NOT_FOUND),
  /** A drift or metric baseline does not exist in the tenant. */
  BASELINE_NOT_FOUND(Category.NOT_FOUND),
  /** A job does not exist in the tenant. */
  JOB_NOT_FOUND(Category.NOT_FOUND),
  /** A job was refused, e.g. because the tenant's job queue is full. */
  JOB_REJECTED(Category.LIMIT),
  /** A job was cancelled. */
  JOB_CANCELLED(Category.CONFLICT),
  /** A job failed for a reason not covered by a more specific code. */
  JOB_FAILED(Category.INTERNAL),
  /** A job was left unfinished by a process that stopped. */
  JOB_ABANDONED(Category.INTERNAL),
  /** A stage of an analyze job failed; the job error names the stage. */
  ANALYZE_FAILED(Category.INTERNAL),
  /** A tenant's database is held by another node or process. */
  TENANT_LOCKED(Category.CONFLICT),
  /** An artifact does not exist. */
  ARTIFACT_NOT_FOUND(Category.NOT_FOUND),
  /** An artifact name is not valid or would leave the tenant's folder. */
  ARTIFACT_NAME_INVALID(Category.INVALID_INPUT),
  /** A secret does not exist. */
  SECRET_NOT_FOUND(Category.NOT_FOUND),
  /** The secrets provider cannot store secrets. */
  SECRETS_READ_ONLY(Category.CONFLICT),
  /** No or invalid credentials. */
  UNAUTHENTICATED(Category.UNAUTHENTICATED),
  /** The caller's role is too low, or the resource is outside its grants. */
  FORBIDDEN(Category.FORBIDDEN),
  /** Too many requests; retry later. */
  RATE_LIMITED(Category.RATE_LIMITED),
  /** A tenant quota is exhausted. */
  QUOTA_EXCEEDED(Category.LIMIT),
  /** Reading or writing storage failed. */
  STORAGE_ERROR(Category.INTERNAL),
  /** The analytics engine failed for a reason that is not the caller's. */
  ENGINE_ERROR(Category.INTERNAL),
  /** The component is shut down. */
  UNAVAILABLE(Category.UNAVAILABLE),
  /** An unexpected internal fault. */
  INTERNAL(Category.INTERNAL),
  /** No HTTP endpoint has the requested path. */
  ENDPOINT_NOT_FOUND(Category.NOT_FOUND),
  /** The HTTP endpoint exists but not for this method (reported as HTTP 405). */
  METHOD_NOT_ALLOWED(Category.INVALID_INPUT),
  /** The request body's media type is not one the endpoint reads (reported as HTTP 415). */
  MEDIA_TYPE_NOT_SUPPORTED(Category.INVALID_INPUT),
  /**
   * The tenant's analytics engine does not offer the operation, e.g. ad-hoc SQL or uploads on the
   * Spark engine (reported as HTTP 501).
   */
  ENGINE_OPERATION_UNSUPPORTED(Category.INVALID_INPUT);

  /** How an error is to be treated by callers and mapped to protocols. */
  public enum Category {
    /** The caller sent something wrong (HTTP 400). */
    INVALID_INPUT,
    /** Credentials missing or invalid (HTTP 401). */
    UNAUTHENTICATED,
    /** Not allowed (HTTP 403). */
    FORBIDDEN,
    /** The thing does not exist for this caller (HTTP 404). */
    NOT_FOUND,
    /** The request conflicts with the state of a resource (HTTP 409). */
    CONFLICT,
    /** A limit stopped the work (HTTP 422). */
    LIMIT,
    /** Too many requests (HTTP 429). */
    RATE_LIMITED,
    /** The deployment is misconfigured (HTTP 500, fails start-up). */
    CONFIGURATION,
    /** Temporarily unavailable (HTTP 503). */
    UNAVAILABLE,
    /** A fault of the server itself (HTTP 500). */
    INTERNAL
  }

  private final Category category;

  ErrorCode(Category category) {
    this.category = category;
  }

  /** The category that decides how the error is reported. */
  public Category category() {
    return category;
  }
}
