package io.udb.spring.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;

/**
 * Answers every exception raised while Spring MVC serves a request under the API's base path — from
 * UDB's endpoints and from Spring itself (no handler, wrong method, unreadable body, upload too
 * large) — with an {@code application/problem+json} body. It runs before Spring's own resolvers and
 * leaves requests outside the base path to them, so the host's own error handling is untouched.
 */
public final class ApiExceptionResolver implements HandlerExceptionResolver, Ordered {
  private static final Logger LOG = LoggerFactory.getLogger(ApiExceptionResolver.class);

  private final String basePath;
  private final ProblemMapper problems;

  /**
   * A resolver.
   *
   * @param basePath the API's base path
   * @param problems maps and writes problems
   */
  public ApiExceptionResolver(String basePath, ProblemMapper problems) {
    this.basePath = basePath;
    this.problems = problems;
  }

  @Override
  public ModelAndView resolveException(
      HttpServletRequest request, HttpServletResponse response, Object handler, Exception error) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
      return null;
    }
    if (response.isCommitted()) {
      LOG.warn(
          "Error after the response to {} {} was committed (correlation id {}): {}",
          request.getMethod(),
          path,
          CorrelationIdFilter.correlationId(request),
          error.toString());
      return new ModelAndView();
    }
    try {
      if (error instanceof HttpRequestMethodNotSupportedException method
          && method.getSupportedHttpMethods() != null) {
        response.setHeader(
            HttpHeaders.ALLOW,
            String.join(
                ", ",
                method.getSupportedHttpMethods().stream().map(HttpMethod::name).sorted().toList()));
      }
      problems.write(problems.toProblem(error, request), response);
    } catch (IOException e) {
      LOG.debug("Could not write the problem response to {}: {}", path, e.toString());
    }
    return new ModelAndView();
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }
}
