package io.udb.spring.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every API request a correlation id: the client's {@value #HEADER} when it is a plausible
 * id, else a new UUID. The id is echoed in the response header, put in the log MDC as {@code
 * correlationId} while the request is served, and carried by every problem response.
 */
public final class CorrelationIdFilter extends OncePerRequestFilter {
  /** The request and response header. */
  public static final String HEADER = "X-Correlation-Id";

  private static final String ATTRIBUTE = CorrelationIdFilter.class.getName();
  private static final String MDC_KEY = "correlationId";
  private static final Pattern VALID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  /**
   * The correlation id of a request.
   *
   * @param request the request
   * @return its id; a new one when the filter did not run (e.g. outside the API's paths)
   */
  public static String correlationId(HttpServletRequest request) {
    Object id = request.getAttribute(ATTRIBUTE);
    if (id instanceof String value) {
      return value;
    }
    String created = UUID.randomUUID().toString();
    request.setAttribute(ATTRIBUTE, created);
    return created;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String given = request.getHeader(HEADER);
    String id =
        given != null && VALID.matcher(given).matches() ? given : UUID.randomUUID().toString();
    request.setAttribute(ATTRIBUTE, id);
    response.setHeader(HEADER, id);
    String previous = MDC.get(MDC_KEY);
    MDC.put(MDC_KEY, id);
    try {
      chain.doFilter(request, response);
    } finally {
      if (previous == null) {
        MDC.remove(MDC_KEY);
      } else {
        MDC.put(MDC_KEY, previous);
      }
    }
  }
}
