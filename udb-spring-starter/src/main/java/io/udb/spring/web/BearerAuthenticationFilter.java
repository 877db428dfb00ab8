package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.DataBox;
import io.udb.core.SecuredBox;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates every API request except the public ones ({@code healthz}, {@code readyz}, {@code
 * events/schema}, {@code openapi.yaml}): the {@code Authorization: Bearer <JWT>} header is verified
 * by {@link DataBox#authenticate} (UDB's own verifier, configured under {@code
 * udb.security.auth.*}), and the resulting {@link SecuredBox} — the only way the endpoints reach
 * data — is stored in the request for them. A missing or refused token is answered here with 401
 * and an {@code UNAUTHENTICATED} problem; the refusal is audited by the verifier.
 */
public final class BearerAuthenticationFilter extends OncePerRequestFilter {
  private static final String ATTRIBUTE = BearerAuthenticationFilter.class.getName() + ".caller";
  private static final Set<String> PUBLIC =
      Set.of("/healthz", "/readyz", "/events/schema", "/openapi.yaml");

  private final String basePath;
  private final ObjectProvider<DataBox> box;
  private final ProblemMapper problems;

  /**
   * A filter.
   *
   * @param basePath the API's base path, e.g. {@code /udb}
   * @param box the data box, when the host has one
   * @param problems writes the refusals
   */
  public BearerAuthenticationFilter(
      String basePath, ObjectProvider<DataBox> box, ProblemMapper problems) {
    this.basePath = basePath;
    this.box = box;
    this.problems = problems;
  }

  /**
   * The authenticated caller of a request.
   *
   * @param request the request
   * @return the caller's secured view of the box
   * @throws UdbException with {@code UNAUTHENTICATED} when the request was not authenticated
   */
  public static SecuredBox caller(HttpServletRequest request) {
    if (request.getAttribute(ATTRIBUTE) instanceof SecuredBox caller) {
      return caller;
    }
    throw new UdbException(ErrorCode.UNAUTHENTICATED, "A bearer token is required");
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (!path.equals(basePath) && !path.startsWith(basePath + "/")) {
      return true;
    }
    return PUBLIC.contains(path.substring(basePath.length()));
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    SecuredBox caller;
    try {
      DataBox dataBox = box.getIfAvailable();
      if (dataBox == null) {
        throw new UdbException(
            ErrorCode.UNAVAILABLE, "UDB is not configured in this application (no DataBox bean)");
      }
      String header = request.getHeader(HttpHeaders.AUTHORIZATION);
      caller = dataBox.authenticate(header == null ? "" : header);
    } catch (UdbException e) {
      problems.write(problems.toProblem(e, request), response);
      return;
    }
    request.setAttribute(ATTRIBUTE, caller);
    chain.doFilter(request, response);
  }
}
