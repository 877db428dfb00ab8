package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.api.job.Job;
import io.udb.core.SecuredBox;
import io.udb.core.analyze.AnalyzeRequest;
import io.udb.core.json.Json;
import io.udb.kpi.KpiDefinitions;
import io.udb.kpi.KpiOptions;
import io.udb.quality.check.QualityOptions;
import io.udb.quality.check.QualityRequest;
import io.udb.quality.drift.DriftRequest;
import io.udb.quality.profile.ProfileOptions;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;

/**
 * The endpoints that start analysis jobs of the caller: {@code POST {base}/profile}, {@code
 * quality}, {@code drift}, {@code kpis} and {@code analyze}. Each answers 202 {@code {"jobId"}};
 * the request is validated before the job is created, so a malformed one is a 400 problem.
 */
@RestController
@RequestMapping("${udb.web.base-path:/udb}")
public class JobsStartController {
  private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {};

  private final UdbServices services;
  private final UdbWebProperties properties;

  /**
   * The controller.
   *
   * @param services the UDB beans
   * @param properties the base path, for {@code Location}
   */
  public JobsStartController(UdbServices services, UdbWebProperties properties) {
    this.services = services;
    this.properties = properties;
  }

  /** Profiles a table: {@code {"table"}}. */
  @PostMapping(path = "/profile", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> profile(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    JsonNode node = JsonBodies.object(body, false);
    onlyFields(node, "table");
    TableRef table = TableRef.of(JsonBodies.requiredString(node, "table"));
    Job job = services.profiler().submit(services.box(), caller, table, ProfileOptions.defaults());
    return accepted(request, job);
  }

  /**
   * Runs data-quality checks: {@code {"table","checks":[...]}} or {@code {"table","suggest":true}}.
   */
  @PostMapping(path = "/quality", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> quality(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    QualityRequest parsed = QualityRequest.parse(JsonBodies.object(body, false));
    Job job = services.quality().submit(services.box(), caller, parsed, QualityOptions.defaults());
    return accepted(request, job);
  }

  /** Compares two tables: {@code {"reference","current","columns"?,"stattest"?,"threshold"?}}. */
  @PostMapping(path = "/drift", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> drift(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    Map<String, Object> json = Json.mapper().convertValue(JsonBodies.object(body, false), MAP);
    DriftRequest parsed = DriftRequest.fromJson(json);
    Job job = services.drift().submit(services.box(), caller, parsed);
    return accepted(request, job);
  }

  /** Computes KPIs: {@code {"kpis":[{"name","table","measure","aggregation",...}]}}. */
  @PostMapping(path = "/kpis", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> kpis(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    JsonNode node = JsonBodies.object(body, false);
    if (!node.has("kpis")) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The field 'kpis' is required: a list of KPI definitions");
    }
    Job job =
        services
            .kpis()
            .submit(
                services.box(), caller, KpiDefinitions.listFromTree(node), KpiOptions.defaults());
    return accepted(request, job);
  }

  /**
   * Runs the analyze pipeline: {@code {"tables"?,"connectionIds"?,"kpis"?,"checks"?,"skip"?}}; the
   * job's artifacts are every stage's plus {@code analyze.json}.
   */
  @PostMapping(path = "/analyze", consumes = MediaType.APPLICATION_JSON_VALUE)
  public ResponseEntity<byte[]> analyze(
      HttpServletRequest request, @RequestBody(required = false) byte[] body) {
    SecuredBox caller = BearerAuthenticationFilter.caller(request);
    Map<String, Object> json = Json.mapper().convertValue(JsonBodies.object(body, false), MAP);
    AnalyzeRequest parsed = AnalyzeRequest.fromJson(json);
    Job job = services.analyze().submit(caller, parsed);
    return accepted(request, job);
  }

  private ResponseEntity<byte[]> accepted(HttpServletRequest request, Job job) {
    return JsonBodies.accepted(job, request.getContextPath() + properties.getBasePath());
  }

  private static void onlyFields(JsonNode node, String... allowed) {
    Set<String> known = Set.of(allowed);
    for (String field : node.propertyNames()) {
      if (!known.contains(field)) {
        throw new UdbException(
            ErrorCode.INVALID_ARGUMENT,
            "Unknown field '"
                + (field.length() > 60 ? field.substring(0, 60) + "..." : field)
                + "'; allowed: "
                + String.join(", ", allowed));
      }
    }
  }
}
