package io.udb.spring.web;

import io.udb.api.ErrorCode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;

/**
 * An RFC 9457 problem as the API reports it: {@code type}, {@code title}, {@code status}, {@code
 * detail}, {@code instance}, plus UDB's stable {@code code}, the request's {@code correlationId}
 * and, when known, the refusal's {@code reason} token.
 *
 * @param status the HTTP status
 * @param code the stable error code
 * @param detail what went wrong and what to do about it; never a stack trace or a class name
 * @param instance the request path
 * @param correlationId the request's correlation id, also in the server's log
 * @param reason the stable reason token of a security refusal (e.g. {@code role_too_low}), or null
 * @param retryAfter when to retry (for the {@code Retry-After} header), or null
 */
public record Problem(
    HttpStatus status,
    ErrorCode code,
    String detail,
    String instance,
    String correlationId,
    String reason,
    Duration retryAfter) {

  /** The problem's media type. */
  public static final String MEDIA_TYPE = "application/problem+json";

  /** The prefix of each problem's {@code type}; the code in lower case follows. */
  public static final String TYPE_BASE = "https://udb.io/problems/";

  /** Checks the required fields. */
  public Problem {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(detail, "detail");
  }

  /**
   * The HTTP status of an error code: its category's (see {@link ErrorCode.Category}), except for
   * the codes HTTP has its own status for.
   *
   * @param code the code
   * @return the status
   */
  public static HttpStatus statusOf(ErrorCode code) {
    return switch (code) {
      case METHOD_NOT_ALLOWED -> HttpStatus.METHOD_NOT_ALLOWED;
      case MEDIA_TYPE_NOT_SUPPORTED -> HttpStatus.UNSUPPORTED_MEDIA_TYPE;
      case ENGINE_OPERATION_UNSUPPORTED -> HttpStatus.NOT_IMPLEMENTED;
      default ->
          switch (code.category()) {
            case INVALID_INPUT -> HttpStatus.BAD_REQUEST;
            case UNAUTHENTICATED -> HttpStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpStatus.FORBIDDEN;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case LIMIT -> HttpStatus.UNPROCESSABLE_CONTENT;
            case RATE_LIMITED -> HttpStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpStatus.SERVICE_UNAVAILABLE;
            case CONFIGURATION, INTERNAL -> HttpStatus.INTERNAL_SERVER_ERROR;
          };
    };
  }

  /** The {@code Retry-After} value in whole seconds, at least 1, or null when there is none. */
  public String retryAfterSeconds() {
    if (retryAfter == null) {
      return null;
    }
    long millis = Math.max(1, retryAfter.toMillis());
    return Long.toString((millis + 999) / 1000);
  }

  /** The JSON members, in the order RFC 9457 lists them, then the extensions. */
  public Map<String, Object> toJson() {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("type", TYPE_BASE + code.name().toLowerCase(Locale.ROOT).replace('_', '-'));
    out.put("title", status.getReasonPhrase());
    out.put("status", status.value());
    out.put("detail", detail);
    if (instance != null) {
      out.put("instance", instance);
    }
    out.put("code", code.name());
    if (correlationId != null) {
      out.put("correlationId", correlationId);
    }
    if (reason != null) {
      out.put("reason", reason);
    }
    return out;
  }
}
