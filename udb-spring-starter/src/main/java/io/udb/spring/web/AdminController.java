package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.secret.SecretValue;
import io.udb.core.PruneResult;
import io.udb.core.SecuredBox;
import io.udb.security.oauth.AuthorizationStart;
import io.udb.security.oauth.OAuthConnection;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Administration and credentials: {@code POST {base}/admin/prune}, {@code PUT
 * {base}/admin/secrets/{name}} (no endpoint ever returns a secret's value) and the OAuth2
 * authorization-code flow {@code GET {base}/oauth/{provider}/initiate} and {@code callback}.
 */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class AdminController {
  /** Retention applied by a prune request without {@code olderThanDays}. */
  static final int DEFAULT_RETENTION_DAYS = 30;

  /** How {@code OAuthProviders.require} starts its message for a name it does not know. */
  private static final String UNKNOWN_PROVIDER = "No OAuth provider named ";

  /** Deletes artifacts and finished jobs older than {@code olderThanDays} (default 30). */
  @PostMapping("/admin/prune")
  public ResponseEntity<byte[]> prune(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    JsonNode node = JsonBodies.object(body, true);
    int days = DEFAULT_RETENTION_DAYS;
    for (String field : node.propertyNames()) {
      if (!field.equals("olderThanDays")) {
        throw new UdbException(ErrorCode.INVALID_ARGUMENT, "Unknown field; allowed: olderThanDays");
      }
    }
    JsonNode value = node.get("olderThanDays");
    if (value != null && !value.isNull()) {
      if (!value.isIntegralNumber() || !value.canConvertToInt() || value.intValue() < 0) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT, "'olderThanDays' must be a non-negative integer");
      }
      days = value.intValue();
    }
    PruneResult result = caller.prune(Duration.ofDays(days));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("pruned", result.artifactJobsPruned() + result.jobsDeleted());
    out.put("artifactJobsPruned", result.artifactJobsPruned());
    out.put("jobsDeleted", result.jobsDeleted());
    return JsonBodies.ok(out);
  }

  /** Stores a secret of the caller's tenant: {@code {"value"}}; 204, the value is never echoed. */
  @PutMapping(path = "/admin/secrets/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<Void> storeSecret(
      HttpServletRequest request,
      @PathVariable String name,
      @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    JsonNode node = JsonBodies.object(body, false);
    JsonNode value = node.get("value");
    if (node.size() != 1 || value == null || !value.isString()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The body must be {\"value\": \"<the secret>\"}");
    }
    caller.storeSecret(name, SecretValue.of(value.stringValue()));
    return ResponseEntity.noContent().build();
  }

  /**
   * Starts an OAuth2 authorization: {@code {"provider","state","authorizationUri","expiresAt"}};
   * send the user's browser to {@code authorizationUri}.
   */
  @GetMapping("/oauth/{provider}/initiate")
  public ResponseEntity<byte[]> oauthInitiate(
      HttpServletRequest request, @PathVariable String provider) {
    AuthorizationStart start;
    try {
      start = BearerAuthenticationFilter.caller(request).oauthInitiate(provider);
    } catch (UdbException e) {
      throw unknownProvider(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("provider", start.provider());
    out.put("state", start.state());
    out.put("authorizationUri", start.authorizationUri().toString());
    out.put("expiresAt", start.expiresAt().toString());
    return JsonBodies.ok(out);
  }

  /**
   * Completes an OAuth2 authorization with the provider's {@code code} and {@code state}: {@code
   * {"provider","tenant","expiresAt","scopes"}}, never token material.
   */
  @GetMapping("/oauth/{provider}/callback")
  public ResponseEntity<byte[]> oauthCallback(
      HttpServletRequest request,
      @PathVariable String provider,
      @RequestParam("code") String code,
      @RequestParam("state") String state) {
    OAuthConnection connection;
    try {
      connection = BearerAuthenticationFilter.caller(request).oauthCallback(provider, code, state);
    } catch (UdbException e) {
      throw unknownProvider(e);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("provider", connection.provider());
    out.put("tenant", connection.tenant().value());
    out.put("expiresAt", connection.expiresAt() == null ? null : connection.expiresAt().toString());
    out.put("scopes", connection.scopes());
    return JsonBodies.ok(out);
  }

  /**
   * A provider name the deployment does not configure is the caller's mistake, not a server fault:
   * the flow reports it as {@code CONFIG_INVALID} (its configuration lookup), the API as {@code
   * INVALID_ARGUMENT}. Every other error passes unchanged.
   */
  private static UdbException unknownProvider(UdbException e) {
    if (e.code() == ErrorCode.CONFIG_INVALID
        && e.getMessage() != null
        && e.getMessage().startsWith(UNKNOWN_PROVIDER)) {
      return new UdbException(ErrorCode.INVALID_ARGUMENT, e.getMessage());
    }
    return e;
  }
}
