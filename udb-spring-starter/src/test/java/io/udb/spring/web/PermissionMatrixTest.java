package io.udb.spring.web;

import static io.udb.spring.web.WebFixtures.as;
import static io.udb.spring.web.WebFixtures.json;
import static io.udb.spring.web.WebTestApplication.ACME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.multipart;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;

import io.udb.api.Role;
import io.udb.api.job.Job;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.json.Json;
import io.udb.ingest.connection.ConnectionService;
import io.udb.ingest.file.FileIngestService;
import io.udb.ingest.load.LoadOptions;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockMultipartFile;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.AbstractMockHttpServletRequestBuilder;

/**
 * Every endpoint × every role (none, viewer, analyst, admin) against the permission table of {@code
 * docs/security.md}: below the endpoint's role a caller gets 401 (no token) or 403 {@code
 * FORBIDDEN} with reason {@code role_too_low}; at or above it, the endpoint's success status.
 */
@SpringBootTest(classes = WebTestApplication.class)
@AutoConfigureMockMvc
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {
  @Autowired MockMvc mvc;
  @Autowired DataBox box;
  @Autowired ConnectionService connections;
  @Autowired FileIngestService ingest;

  private String jobId;
  private String connectionId;
  private String schema;

  /** One endpoint: its lowest role (null for public), the request, the status when allowed. */
  record Endpoint(
      String name, Role role, Supplier<AbstractMockHttpServletRequestBuilder<?>> request, int ok) {
    @Override
    public String toString() {
      return name;
    }
  }

  @BeforeAll
  void createResources() throws Exception {
    Job job =
        box.submit(
            ACME,
            JobType.of("report"),
            ctx -> {
              ctx.writeArtifact(
                  "report.json",
                  "application/json",
                  "{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
              return Map.of("ok", true);
            });
    box.awaitJob(ACME, job.id(), Duration.ofMinutes(1));
    jobId = job.id().value();
    Job load =
        ingest.submitFile(
            ACME, WebFixtures.seattleWeather(), "matrix_table", LoadOptions.defaults());
    box.awaitJob(ACME, load.id(), Duration.ofMinutes(1));
    schema = WebFixtures.postgresSchemaWithSales();
    connectionId = connections.create(ACME, "jdbc", WebFixtures.jdbcConfig(schema), Map.of()).id();
  }

  @AfterAll
  void dropSchema() throws Exception {
    WebFixtures.dropSchema(schema);
  }

  Stream<Arguments> matrix() {
    List<Endpoint> endpoints =
        List.of(
            new Endpoint("GET healthz", null, () -> get("/udb/healthz"), 200),
            new Endpoint("GET readyz", null, () -> get("/udb/readyz"), 200),
            new Endpoint("GET events/schema", null, () -> get("/udb/events/schema"), 200),
            new Endpoint("GET openapi.yaml", null, () -> get("/udb/openapi.yaml"), 200),
            new Endpoint("GET status", Role.VIEWER, () -> get("/udb/status"), 200),
            new Endpoint("GET tables", Role.VIEWER, () -> get("/udb/tables"), 200),
            new Endpoint("GET jobs/{id}", Role.VIEWER, () -> get("/udb/jobs/" + jobId), 200),
            new Endpoint(
                "GET artifact_manifest/{id}",
                Role.VIEWER,
                () -> get("/udb/artifact_manifest/" + jobId),
                200),
            new Endpoint(
                "GET artifact/{id}/{name}",
                Role.VIEWER,
                () -> get("/udb/artifact/" + jobId + "/report.json"),
                200),
            new Endpoint(
                "POST ingest/upload",
                Role.ANALYST,
                () ->
                    multipart("/udb/ingest/upload")
                        .file(
                            new MockMultipartFile(
                                "file",
                                "small.csv",
                                "text/csv",
                                "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)))
                        .param("table", "matrix_upload"),
                202),
            new Endpoint(
                "POST sql",
                Role.ANALYST,
                () -> withJson(post("/udb/sql"), Map.of("sql", "SELECT 1 AS one")),
                200),
            new Endpoint(
                "POST profile",
                Role.ANALYST,
                () -> withJson(post("/udb/profile"), Map.of("table", "matrix_upload")),
                202),
            new Endpoint(
                "POST quality",
                Role.ANALYST,
                () ->
                    withJson(
                        post("/udb/quality"), Map.of("table", "matrix_upload", "suggest", true)),
                202),
            new Endpoint(
                "POST drift",
                Role.ANALYST,
                () ->
                    withJson(
                        post("/udb/drift"),
                        Map.of("reference", "matrix_upload", "current", "matrix_upload")),
                202),
            new Endpoint(
                "POST kpis",
                Role.ANALYST,
                () ->
                    withJson(
                        post("/udb/kpis"),
                        Map.of(
                            "kpis",
                            List.of(
                                Map.of(
                                    "name", "total",
                                    "table", "matrix_upload",
                                    "measure", "a",
                                    "aggregation", "sum")))),
                202),
            new Endpoint(
                "POST analyze",
                Role.ANALYST,
                () ->
                    withJson(
                        post("/udb/analyze"),
                        Map.of("tables", List.of("matrix_table"), "skip", List.of("drift"))),
                202),
            new Endpoint("GET sources", Role.ANALYST, () -> get("/udb/sources"), 200),
            new Endpoint(
                "POST sources/discover_connect",
                Role.ANALYST,
                () ->
                    withJson(
                        post("/udb/sources/discover_connect"),
                        Map.of("connector", "jdbc", "config", WebFixtures.jdbcConfig(schema))),
                200),
            new Endpoint(
                "POST sources/{id}/sync",
                Role.ANALYST,
                () -> {
                  awaitSyncs(); // one sync per connection runs at a time (JOB_REJECTED otherwise)
                  return post("/udb/sources/" + connectionId + "/sync");
                },
                202),
            new Endpoint(
                "GET oauth/{provider}/initiate",
                Role.ANALYST,
                () -> get("/udb/oauth/demo/initiate"),
                200),
            new Endpoint(
                "GET oauth/{provider}/callback",
                Role.ANALYST,
                // a state nobody issued: refused by the flow (400), not by the role
                () -> get("/udb/oauth/demo/callback").param("code", "c").param("state", "s"),
                400),
            new Endpoint(
                "POST admin/prune",
                Role.ADMIN,
                () -> withJson(post("/udb/admin/prune"), Map.of("olderThanDays", 3650)),
                200),
            new Endpoint(
                "PUT admin/secrets/{name}",
                Role.ADMIN,
                () -> withJson(put("/udb/admin/secrets/matrix-secret"), Map.of("value", "s3cret")),
                204));
    List<Arguments> cases = new ArrayList<>();
    List<Role> roles = new ArrayList<>(Arrays.asList((Role) null));
    roles.addAll(List.of(Role.values()));
    for (Endpoint endpoint : endpoints) {
      for (Role role : roles) {
        cases.add(Arguments.of(endpoint, role == null ? "none" : role.externalName(), role));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("matrix")
  void endpointAnswersEachRoleAsThePermissionTableSays(Endpoint endpoint, String label, Role role)
      throws Exception {
    MvcResult result = mvc.perform(as(endpoint.request().get(), ACME, role)).andReturn();
    int status = result.getResponse().getStatus();

    if (endpoint.role() == null || (role != null && role.includes(endpoint.role()))) {
      assertThat(status).as(result.getResponse().getContentAsString()).isEqualTo(endpoint.ok());
    } else if (role == null) {
      assertThat(status).isEqualTo(401);
      assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
      assertThat(json(result)).containsEntry("code", "UNAUTHENTICATED");
      assertThat(result.getResponse().getHeader("WWW-Authenticate")).isEqualTo("Bearer");
    } else {
      assertThat(status).isEqualTo(403);
      assertThat(result.getResponse().getContentType()).startsWith("application/problem+json");
      assertThat(json(result))
          .containsEntry("code", "FORBIDDEN")
          .containsEntry("reason", "role_too_low");
    }
  }

  private void awaitSyncs() {
    for (Job job : box.jobs().list(ACME, 1000)) {
      if (job.type().equals(JobType.SYNC) && !job.state().isTerminal()) {
        box.awaitJob(ACME, job.id(), Duration.ofMinutes(1));
      }
    }
  }

  private static AbstractMockHttpServletRequestBuilder<?> withJson(
      AbstractMockHttpServletRequestBuilder<?> request, Object body) {
    return request.contentType(MediaType.APPLICATION_JSON).content(Json.write(body));
  }
}
