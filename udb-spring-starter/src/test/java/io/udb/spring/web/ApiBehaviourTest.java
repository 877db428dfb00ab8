package io.udb.spring.web;

import static io.udb.spring.web.WebFixtures.as;
import static io.udb.spring.web.WebFixtures.json;
import static io.udb.spring.web.WebTestApplication.ACME;
import static io.udb.spring.web.WebTestApplication.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.udb.api.JobId;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * What each endpoint answers, through MockMvc against the real services: the contract's field names
 * on real data (testdata/seattle-weather.csv), problem+json for every kind of error, tenant
 * isolation (404, never 403, for another tenant's job or artifact) and conditional artifact
 * downloads.
 */
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@SuppressWarnings("unchecked") // JSON trees are read as maps and lists of Object
class ApiBehaviourTest {
  private static final TenantId WEATHER = TenantId.of("weather-co");

  @Autowired MockMvc mvc;
  @Autowired DataBox box;

  @Test
  void uploadedWeatherFlowsThroughTablesSqlProfileQualityDriftAndKpisWithTheContractsFields()
      throws Exception {
    Map<String, Object> ingest = upload(WEATHER, "weather");
    assertThat(ingest)
        .containsEntry("table", "weather")
        .containsEntry("rowsRead", 1461)
        .containsEntry("rowsLoaded", 1461)
        .containsEntry("rowsRejected", 0);
    assertThat(columnNames(ingest.get("columns")))
        .containsExactly("date", "precipitation", "temp_max", "temp_min", "wind", "weather");
    upload(WEATHER, "weather_ref");

    List<Object> tables = list(call(get("/udb/tables"), WEATHER, Role.VIEWER, 200));
    assertThat(tables).hasSize(2);
    Map<String, Object> weather =
        (Map<String, Object>)
            tables.stream()
                .filter(t -> ((Map<String, Object>) t).get("name").equals("weather"))
                .findFirst()
                .orElseThrow();
    assertThat(weather.get("rowCount")).isEqualTo(1461);
    assertThat(columnNames(weather.get("columns"))).hasSize(6);

    Map<String, Object> sql =
        json(
            call(
                jsonBody(
                    post("/udb/sql"),
                    Map.of(
                        "sql",
                        "SELECT weather, count(*) AS days FROM weather GROUP BY weather ORDER BY days DESC")),
                WEATHER,
                Role.ANALYST,
                200));
    assertThat(sql).containsKeys("columns", "rows", "rowCount", "truncated", "elapsedMs");
    assertThat(columnNames(sql.get("columns"))).containsExactly("weather", "days");
    assertThat((List<Object>) sql.get("rows")).first().isEqualTo(List.of("rain", 641));
    assertThat(sql).containsEntry("rowCount", 5).containsEntry("truncated", false);
    Map<String, Object> capped =
        json(
            call(
                jsonBody(post("/udb/sql"), Map.of("sql", "SELECT * FROM weather", "maxRows", 3)),
                WEATHER,
                Role.ANALYST,
                200));
    assertThat(capped).containsEntry("rowCount", 3).containsEntry("truncated", true);

    Map<String, Object> profile = runJob(WEATHER, post("/udb/profile"), Map.of("table", "weather"));
    assertThat(profile)
        .containsEntry("table", "weather")
        .containsEntry("rowCount", 1461)
        .containsKeys("duplicateRows", "columns", "alerts");
    Map<String, Object> precipitation = column(profile, "precipitation");
    assertThat(precipitation.get("kind")).isEqualTo("numeric");
    assertThat(precipitation.keySet())
        .contains(
            "name",
            "kind",
            "count",
            "missing",
            "distinct",
            "min",
            "max",
            "mean",
            "std",
            "quantiles");
    assertThat(((Map<String, Object>) precipitation.get("quantiles")).keySet())
        .contains("0.05", "0.25", "0.5", "0.75", "0.95");
    assertThat(column(profile, "weather").get("kind")).isEqualTo("categorical");

    Map<String, Object> quality =
        runJob(WEATHER, post("/udb/quality"), Map.of("table", "weather", "suggest", true));
    assertThat(quality).containsKeys("passed", "checks");
    assertThat((List<Object>) quality.get("checks"))
        .isNotEmpty()
        .allSatisfy(
            c ->
                assertThat(((Map<String, Object>) c).keySet())
                    .contains("check", "column", "status", "metric", "message"));

    Map<String, Object> drift =
        runJob(
            WEATHER, post("/udb/drift"), Map.of("reference", "weather_ref", "current", "weather"));
    assertThat(drift)
        .containsEntry("datasetDrift", false)
        .containsEntry("numberOfDriftedColumns", 0)
        .containsKeys("driftShare", "columns");
    assertThat((List<Object>) drift.get("columns"))
        .isNotEmpty()
        .allSatisfy(
            c ->
                assertThat(((Map<String, Object>) c).keySet())
                    .contains(
                        "column",
                        "kind",
                        "stattest",
                        "statistic",
                        "pValue",
                        "threshold",
                        "drifted"));

    Map<String, Object> kpis =
        runJob(
            WEATHER,
            post("/udb/kpis"),
            Map.of(
                "kpis",
                List.of(
                    Map.of(
                        "name",
                        "rain",
                        "table",
                        "weather",
                        "measure",
                        "precipitation",
                        "aggregation",
                        "sum",
                        "timeColumn",
                        "date",
                        "grain",
                        "month"))));
    assertThat(kpis).containsKeys("kpis", "narrative");
    Map<String, Object> rain = (Map<String, Object>) ((List<Object>) kpis.get("kpis")).get(0);
    assertThat(rain.keySet())
        .contains(
            "name",
            "period",
            "value",
            "previousPeriod",
            "previousValue",
            "change",
            "changePct",
            "elapsedMs");
    assertThat(rain.get("period")).asString().startsWith("2015-12");
  }

  @Test
  void everyErrorIsAProblemWithAStableCodeAndNoStackTrace() throws Exception {
    assertProblem(call(get("/udb/no-such-endpoint"), ACME, Role.ADMIN, 404), "ENDPOINT_NOT_FOUND");
    MvcResult wrongMethod = call(delete("/udb/tables"), ACME, Role.ADMIN, 405);
    assertProblem(wrongMethod, "METHOD_NOT_ALLOWED");
    assertThat(wrongMethod.getResponse().getHeader("Allow")).isEqualTo("GET");
    assertProblem(
        call(
            post("/udb/sql").contentType(MediaType.TEXT_PLAIN).content("SELECT 1"),
            ACME,
            Role.ANALYST,
            415),
        "MEDIA_TYPE_NOT_SUPPORTED");
    assertProblem(
        call(
            post("/udb/sql").contentType(MediaType.APPLICATION_JSON).content("{\"sql\": "),
            ACME,
            Role.ANALYST,
            400),
        "INVALID_ARGUMENT");
    assertProblem(
        call(
            jsonBody(post("/udb/sql"), Map.of("sql", "SELECT * FROM read_csv('/etc/passwd')")),
            ACME,
            Role.ANALYST,
            400),
        "SQL_FORBIDDEN");
    assertProblem(
        call(jsonBody(post("/udb/sql"), Map.of("sql", "DROP TABLE x")), ACME, Role.ANALYST, 400),
        "SQL_NOT_SELECT");
    assertProblem(
        call(
            jsonBody(post("/udb/profile"), Map.of("table", "t", "extra", 1)),
            ACME,
            Role.ANALYST,
            400),
        "INVALID_ARGUMENT");
    assertProblem(
        call(
            jsonBody(post("/udb/kpis"), Map.of("kpis", List.of(Map.of("name", "x")))),
            ACME,
            Role.ANALYST,
            400),
        "INVALID_ARGUMENT");
    assertProblem(
        call(multipart("/udb/ingest/upload").param("table", "t"), ACME, Role.ANALYST, 400),
        "INVALID_ARGUMENT");
    assertProblem(call(get("/udb/jobs/not a job"), ACME, Role.VIEWER, 404), "JOB_NOT_FOUND");
    assertProblem(
        call(get("/udb/tables").header("Authorization", "Bearer not.a.jwt"), null, null, 401),
        "UNAUTHENTICATED");
    String otherIssuer =
        WebTestApplication.token("eve", ACME, Role.ADMIN)
            .replaceFirst("\\.[^.]+$", ".c2lnbmF0dXJl");
    MvcResult forged =
        call(get("/udb/tables").header("Authorization", "Bearer " + otherIssuer), null, null, 401);
    assertProblem(forged, "UNAUTHENTICATED");
    assertThat(json(forged)).containsEntry("reason", "bad_signature");
  }

  @Test
  void problemCarriesTheRequestsCorrelationId() throws Exception {
    MvcResult result =
        call(
            get("/udb/jobs/" + JobId.random().value()).header("X-Correlation-Id", "req-42"),
            ACME,
            Role.VIEWER,
            404);
    assertThat(json(result))
        .containsEntry("correlationId", "req-42")
        .containsEntry("instance", result.getRequest().getRequestURI());
    assertThat(result.getResponse().getHeader("X-Correlation-Id")).isEqualTo("req-42");
  }

  @Test
  void anotherTenantsJobAndArtifactsAreNotFoundAndItsTablesInvisible() throws Exception {
    upload(ACME, "secret_sales");
    String jobId = startedJob(ACME, post("/udb/profile"), Map.of("table", "secret_sales"));
    box.awaitJob(ACME, JobId.of(jobId), Duration.ofMinutes(2));
    call(get("/udb/artifact/" + jobId + "/profile.json"), ACME, Role.VIEWER, 200);

    MvcResult job = call(get("/udb/jobs/" + jobId), GLOBEX, Role.ADMIN, 404);
    MvcResult missing = call(get("/udb/jobs/" + JobId.random().value()), GLOBEX, Role.ADMIN, 404);
    assertThat(json(job).get("code"))
        .isEqualTo(json(missing).get("code"))
        .isEqualTo("JOB_NOT_FOUND");
    assertProblem(
        call(get("/udb/artifact_manifest/" + jobId), GLOBEX, Role.ADMIN, 404),
        "ARTIFACT_NOT_FOUND");
    assertProblem(
        call(get("/udb/artifact/" + jobId + "/profile.json"), GLOBEX, Role.ADMIN, 404),
        "ARTIFACT_NOT_FOUND");
    List<Object> globexTables = list(call(get("/udb/tables"), GLOBEX, Role.ADMIN, 200));
    assertThat(globexTables)
        .noneMatch(t -> ((Map<String, Object>) t).get("name").equals("secret_sales"));
    assertProblem(
        call(
            jsonBody(post("/udb/sql"), Map.of("sql", "SELECT * FROM secret_sales")),
            GLOBEX,
            Role.ADMIN,
            400),
        "SQL_UNKNOWN_TABLE");
  }

  @Test
  void artifactIsStreamedWithItsContentTypeAndSha256ETagAndRevalidatesTo304() throws Exception {
    upload(ACME, "etag_table");
    String jobId = startedJob(ACME, post("/udb/profile"), Map.of("table", "etag_table"));
    box.awaitJob(ACME, JobId.of(jobId), Duration.ofMinutes(2));
    Map<String, Object> manifest =
        json(call(get("/udb/artifact_manifest/" + jobId), ACME, Role.VIEWER, 200));
    assertThat(manifest).containsEntry("jobId", jobId);
    Map<String, Object> html =
        ((List<Object>) manifest.get("artifacts"))
            .stream()
                .map(a -> (Map<String, Object>) a)
                .filter(a -> a.get("name").equals("profile.html"))
                .findFirst()
                .orElseThrow();
    assertThat(html.keySet()).containsExactly("name", "contentType", "size", "sha256", "createdAt");

    MvcResult download =
        mvc.perform(as(get("/udb/artifact/" + jobId + "/profile.html"), ACME, Role.VIEWER))
            .andReturn();
    MvcResult full =
        download.getRequest().isAsyncStarted()
            ? mvc.perform(
                    org.springframework.test.web.servlet.request.MockMvcRequestBuilders
                        .asyncDispatch(download))
                .andReturn()
            : download;
    assertThat(full.getResponse().getStatus()).isEqualTo(200);
    byte[] body = full.getResponse().getContentAsByteArray();
    assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body)))
        .isEqualTo(html.get("sha256"));
    assertThat(body).hasSize(((Number) html.get("size")).intValue());
    assertThat(MediaType.parseMediaType(full.getResponse().getContentType()))
        .isEqualTo(MediaType.parseMediaType((String) html.get("contentType")));
    assertThat(full.getResponse().getHeader("ETag")).isEqualTo("\"" + html.get("sha256") + "\"");

    MvcResult notModified =
        call(
            get("/udb/artifact/" + jobId + "/profile.html")
                .header("If-None-Match", "\"" + html.get("sha256") + "\""),
            ACME,
            Role.VIEWER,
            304);
    assertThat(notModified.getResponse().getContentAsByteArray()).isEmpty();
    call(
        get("/udb/artifact/" + jobId + "/profile.html").header("If-None-Match", "\"other\""),
        ACME,
        Role.VIEWER,
        200);
    assertProblem(
        call(get("/udb/artifact/" + jobId + "/nope.txt"), ACME, Role.VIEWER, 404),
        "ARTIFACT_NOT_FOUND");
  }

  @Test
  void discoveredPostgresConnectionSyncsIntoATable() throws Exception {
    String schema = WebFixtures.postgresSchemaWithSales();
    try {
      TenantId tenant = TenantId.of("sources-co");
      Map<String, Object> connected =
          json(
              call(
                  jsonBody(
                      post("/udb/sources/discover_connect"),
                      Map.of("connector", "jdbc", "config", WebFixtures.jdbcConfig(schema))),
                  tenant,
                  Role.ANALYST,
                  200));
      assertThat(connected).containsKeys("connectionId", "streams");
      assertThat((List<Object>) connected.get("streams"))
          .extracting(s -> ((Map<String, Object>) s).get("name"))
          .containsExactly("sales");
      String connectionId = (String) connected.get("connectionId");

      Map<String, Object> sync =
          runJob(tenant, post("/udb/sources/" + connectionId + "/sync"), Map.of("mode", "full"));
      assertThat(sync).containsEntry("rowsLoaded", 3);
      Map<String, Object> count =
          json(
              call(
                  jsonBody(
                      post("/udb/sql"), Map.of("sql", "SELECT sum(amount) AS total FROM sales")),
                  tenant,
                  Role.ANALYST,
                  200));
      assertThat(((List<Object>) ((List<Object>) count.get("rows")).get(0)).get(0))
          .asString()
          .startsWith("35.75");

      assertProblem(
          call(post("/udb/sources/" + connectionId + "/sync"), GLOBEX, Role.ADMIN, 404),
          "CONNECTION_NOT_FOUND");
      List<Object> connectors = list(call(get("/udb/sources"), tenant, Role.ANALYST, 200));
      assertThat(connectors)
          .extracting(c -> ((Map<String, Object>) c).get("name"))
          .contains("jdbc", "csv", "http");
      assertThat(connectors)
          .allSatisfy(
              c ->
                  assertThat(((Map<String, Object>) c).get("configurationSchema"))
                      .isInstanceOf(Map.class));
    } finally {
      WebFixtures.dropSchema(schema);
    }
  }

  @Test
  void storedSecretIsNeverEchoed() throws Exception {
    MvcResult stored =
        call(
            jsonBody(put("/udb/admin/secrets/db-password"), Map.of("value", "hunter2-very-secret")),
            ACME,
            Role.ADMIN,
            204);
    assertThat(stored.getResponse().getContentAsString()).isEmpty();
    assertThat(box.secrets().resolve(ACME, "db-password").orElseThrow().reveal())
        .isEqualTo("hunter2-very-secret");
    assertProblem(
        call(
            jsonBody(put("/udb/admin/secrets/db-password"), Map.of("value", 42)),
            ACME,
            Role.ADMIN,
            400),
        "INVALID_ARGUMENT");
  }

  @Test
  void statusListsVersionPluginsBySpiAndFeatures() throws Exception {
    Map<String, Object> status = json(call(get("/udb/status"), ACME, Role.VIEWER, 200));
    assertThat(status).containsKeys("version", "plugins", "pluginsInUse", "features");
    Map<String, Object> plugins = (Map<String, Object>) status.get("plugins");
    assertThat(plugins.keySet())
        .contains("JobStore", "ArtifactStore", "EventSink", "SecretsProvider", "Connector");
    assertThat((List<Object>) plugins.get("Connector"))
        .extracting(p -> ((Map<String, Object>) p).get("name"))
        .contains("csv", "jdbc");
    assertThat((Map<String, Object>) status.get("features"))
        .containsEntry("profile", true)
        .containsEntry("kpis", true)
        .containsEntry("authentication", true);
  }

  @Test
  void eventSchemasAndOauthInitiateAnswerTheirDocuments() throws Exception {
    Map<String, Object> schemas = json(call(get("/udb/events/schema"), null, null, 200));
    assertThat(((Map<String, Object>) schemas.get("envelope")).get("$id"))
        .asString()
        .endsWith("envelope.v1.json");
    assertThat((Map<String, Object>) schemas.get("types"))
        .containsKeys("udb.job.created", "udb.job.state.changed", "udb.security.denied");

    Map<String, Object> start =
        json(call(get("/udb/oauth/demo/initiate"), ACME, Role.ANALYST, 200));
    assertThat(start).containsEntry("provider", "demo").containsKeys("state", "expiresAt");
    assertThat(start.get("authorizationUri"))
        .asString()
        .startsWith("http://127.0.0.1:9/authorize?")
        .contains("code_challenge_method=S256");
    assertProblem(
        call(get("/udb/oauth/nope/initiate"), ACME, Role.ANALYST, 400), "INVALID_ARGUMENT");
  }

  private Map<String, Object> upload(TenantId tenant, String table) throws Exception {
    MvcResult accepted =
        call(
            multipart("/udb/ingest/upload")
                .file(
                    new MockMultipartFile(
                        "file",
                        "seattle-weather.csv",
                        "text/csv",
                        WebFixtures.seattleWeatherBytes()))
                .param("table", table),
            tenant,
            Role.ANALYST,
            202);
    String jobId = (String) json(accepted).get("jobId");
    assertThat(accepted.getResponse().getHeader("Location")).isEqualTo("/udb/jobs/" + jobId);
    return finished(tenant, jobId);
  }

  private String startedJob(
      TenantId tenant, AbstractMockHttpServletRequestBuilder<?> request, Object body)
      throws Exception {
    Map<String, Object> accepted = json(call(jsonBody(request, body), tenant, Role.ANALYST, 202));
    assertThat(accepted.keySet()).containsExactly("jobId");
    return (String) accepted.get("jobId");
  }

  private Map<String, Object> runJob(
      TenantId tenant, AbstractMockHttpServletRequestBuilder<?> request, Object body)
      throws Exception {
    return finished(tenant, startedJob(tenant, request, body));
  }

  /** Waits for the job through the box, then reads it through the API; its result. */
  private Map<String, Object> finished(TenantId tenant, String jobId) throws Exception {
    box.awaitJob(tenant, JobId.of(jobId), Duration.ofMinutes(2));
    Map<String, Object> job = json(call(get("/udb/jobs/" + jobId), tenant, Role.VIEWER, 200));
    assertThat(job.keySet())
        .containsExactly(
            "jobId",
            "type",
            "state",
            "progress",
            "createdAt",
            "startedAt",
            "finishedAt",
            "durationMs",
            "result",
            "error");
    assertThat(job.get("state"))
        .as("job %s: %s", jobId, job.get("error"))
        .isEqualTo(JobState.SUCCEEDED.name());
    assertThat(job).containsEntry("error", null);
    @SuppressWarnings("unchecked")
    Map<String, Object> result = (Map<String, Object>) job.get("result");
    return result;
  }

  private MvcResult call(
      AbstractMockHttpServletRequestBuilder<?> request, TenantId tenant, Role role, int status)
      throws Exception {
    MvcResult result = mvc.perform(role == null ? request : as(request, tenant, role)).andReturn();
    assertThat(result.getResponse().getStatus())
        .as(result.getResponse().getContentAsString())
        .isEqualTo(status);
    return result;
  }

  private static void assertProblem(MvcResult result, String code) throws Exception {
    assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
    String body = result.getResponse().getContentAsString(StandardCharsets.UTF_8);
    assertThat(body).doesNotContain("Exception", "\tat ", "java.", "springframework");
    Map<String, Object> problem = json(result);
    assertThat(problem)
        .containsEntry("code", code)
        .containsEntry("status", result.getResponse().getStatus())
        .containsKeys("type", "title", "detail", "correlationId");
  }

  private static AbstractMockHttpServletRequestBuilder<?> jsonBody(
      AbstractMockHttpServletRequestBuilder<?> request, Object body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(Json.write(body));
  }

  private static List<Object> list(MvcResult result) throws Exception {
    return Json.mapper().readValue(result.getResponse().getContentAsByteArray(), List.class);
  }

  private static List<Object> columnNames(Object columns) {
    return ((List<Object>) columns)
        .stream().map(c -> ((Map<String, Object>) c).get("name")).toList();
  }

  private static Map<String, Object> column(Map<String, Object> profile, String name) {
    return ((List<Object>) profile.get("columns"))
        .stream()
            .map(c -> (Map<String, Object>) c)
            .filter(c -> name.equals(c.get("name")))
            .findFirst()
            .orElseThrow();
  }
}
