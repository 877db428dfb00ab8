package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import io.udb.security.auth.AuthenticationException;
import io.udb.security.authz.AccessDeniedException;
import io.udb.security.authz.QuotaExceededException;
import io.udb.security.ratelimit.RateLimitedException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.ServletRequestBindingException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.multipart.support.MissingServletRequestPartException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * Turns every exception of a request to the API into a {@link Problem} and writes it. UDB's own
 * exceptions keep their code and message; Spring MVC's (unknown path, wrong method or media type,
 * unreadable body, upload too large) get a code of their own; anything else is a server fault: its
 * detail says only that, with the correlation id under which the cause is logged.
 */
public final class ProblemMapper {
  private static final Logger LOG = LoggerFactory.getLogger(ProblemMapper.class);

  /**
   * The problem for an exception.
   *
   * @param error what was thrown
   * @param request the request
   * @return the problem; server faults are logged here with the request's correlation id
   */
  public Problem toProblem(Throwable error, HttpServletRequest request) {
    String path = request.getRequestURI();
    String correlationId = CorrelationIdFilter.correlationId(request);
    if (error instanceof UdbException udb) {
      return fromUdb(udb, path, correlationId);
    }
    if (error instanceof MaxUploadSizeExceededException
        || error instanceof MultipartException multipart && isSizeLimit(multipart)) {
      return problem(
          ErrorCode.INPUT_TOO_LARGE,
          "The upload is larger than the server accepts; send a smaller file",
          path,
          correlationId);
    }
    if (error instanceof HttpRequestMethodNotSupportedException method) {
      return problem(
          ErrorCode.METHOD_NOT_ALLOWED,
          "Method "
              + method.getMethod()
              + " is not allowed here; allowed: "
              + allowed(method.getSupportedHttpMethods()),
          path,
          correlationId);
    }
    if (error instanceof HttpMediaTypeNotSupportedException media) {
      return problem(
          ErrorCode.MEDIA_TYPE_NOT_SUPPORTED,
          "Content type "
              + (media.getContentType() == null ? "(none)" : media.getContentType())
              + " is not supported here; send "
              + media.getSupportedMediaTypes(),
          path,
          correlationId);
    }
    if (error instanceof HttpMediaTypeNotAcceptableException) {
      return new Problem(
          HttpStatus.NOT_ACCEPTABLE,
          ErrorCode.INVALID_ARGUMENT,
          "The endpoint cannot produce the media type the Accept header asks for",
          path,
          correlationId,
          null,
          null);
    }
    if (error instanceof NoHandlerFoundException || error instanceof NoResourceFoundException) {
      return problem(
          ErrorCode.ENDPOINT_NOT_FOUND,
          "There is no endpoint " + request.getMethod() + " " + path + "; see docs/api.md",
          path,
          correlationId);
    }
    if (error instanceof HttpMessageNotReadableException) {
      return problem(
          ErrorCode.INVALID_ARGUMENT,
          "The request body is missing or is not valid JSON",
          path,
          correlationId);
    }
    if (error instanceof MissingServletRequestPartException part) {
      return problem(
          ErrorCode.INVALID_ARGUMENT,
          "The multipart part '" + part.getRequestPartName() + "' is required",
          path,
          correlationId);
    }
    if (error instanceof MethodArgumentTypeMismatchException mismatch) {
      return problem(
          ErrorCode.INVALID_ARGUMENT,
          "The value of '" + mismatch.getName() + "' is not valid",
          path,
          correlationId);
    }
    if (error instanceof ServletRequestBindingException || error instanceof MultipartException) {
      return problem(
          ErrorCode.INVALID_ARGUMENT,
          "The request is incomplete or malformed: " + safeMessage(error),
          path,
          correlationId);
    }
    LOG.error(
        "Unexpected error serving {} {} (correlation id {})",
        request.getMethod(),
        path,
        correlationId,
        error);
    return internal(path, correlationId);
  }

  /**
   * Writes a problem as the response.
   *
   * @param problem the problem
   * @param response the response, not yet committed
   * @throws IOException when the client is gone
   */
  public void write(Problem problem, HttpServletResponse response) throws IOException {
    response.resetBuffer();
    response.setStatus(problem.status().value());
    response.setContentType(Problem.MEDIA_TYPE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    if (problem.retryAfterSeconds() != null) {
      response.setHeader(HttpHeaders.RETRY_AFTER, problem.retryAfterSeconds());
    }
    if (problem.status() == HttpStatus.UNAUTHORIZED) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
    }
    byte[] body = Json.write(problem.toJson()).getBytes(StandardCharsets.UTF_8);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
    response.flushBuffer();
  }

  private Problem fromUdb(UdbException error, String path, String correlationId) {
    ErrorCode code = error.code();
    HttpStatus status = Problem.statusOf(code);
    String reason = null;
    Duration retryAfter = null;
    if (error instanceof RateLimitedException limited) {
      reason = limited.operationClass();
      retryAfter = limited.retryAfter();
    } else if (error instanceof QuotaExceededException quota) {
      reason = quota.quota();
      retryAfter = quota.retryAfter().orElse(null);
    } else if (error instanceof AccessDeniedException denied) {
      reason = denied.reason();
    } else if (error instanceof AuthenticationException refused) {
      reason = refused.reason();
    }
    if (code.category() == ErrorCode.Category.INTERNAL) {
      LOG.error("{} serving {} (correlation id {})", code, path, correlationId, error);
      return new Problem(
          status,
          code,
          "The server failed to complete the request; quote correlation id " + correlationId,
          path,
          correlationId,
          null,
          null);
    }
    if (status.is5xxServerError()) {
      LOG.error(
          "{} serving {} (correlation id {}): {}", code, path, correlationId, error.getMessage());
    } else {
      LOG.debug(
          "{} serving {} (correlation id {}): {}", code, path, correlationId, error.getMessage());
    }
    return new Problem(status, code, error.getMessage(), path, correlationId, reason, retryAfter);
  }

  private static Problem problem(ErrorCode code, String detail, String path, String correlationId) {
    return new Problem(Problem.statusOf(code), code, detail, path, correlationId, null, null);
  }

  private static Problem internal(String path, String correlationId) {
    return new Problem(
        HttpStatus.INTERNAL_SERVER_ERROR,
        ErrorCode.INTERNAL,
        "The server failed to complete the request; quote correlation id " + correlationId,
        path,
        correlationId,
        null,
        null);
  }

  private static boolean isSizeLimit(MultipartException error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      String name = t.getClass().getSimpleName();
      if (name.contains("SizeLimitExceeded") || name.contains("SizeException")) {
        return true;
      }
    }
    return false;
  }

  private static String allowed(Set<HttpMethod> methods) {
    if (methods == null || methods.isEmpty()) {
      return "none";
    }
    return methods.stream().map(HttpMethod::name).sorted().collect(Collectors.joining(", "));
  }

  /** A Spring message without class names, which Spring's binding messages do not contain. */
  private static String safeMessage(Throwable error) {
    String message = error.getMessage();
    if (message == null || message.contains("Exception") || message.contains("java.")) {
      return "check the parameters against docs/api.md";
    }
    return message;
  }
}
