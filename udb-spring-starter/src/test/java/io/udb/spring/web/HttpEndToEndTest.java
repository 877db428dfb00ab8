package io.udb.spring.web;

import static io.udb.spring.web.WebTestApplication.ACME;
import static io.udb.spring.web.WebTestApplication.GLOBEX;
import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.Role;
import io.udb.core.json.Json;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;

/**
 * The API over real HTTP (embedded Tomcat, {@link HttpClient}, HS256 tokens): upload the Seattle
 * weather data, run the analyze pipeline and profile, quality, drift and KPI jobs, poll them,
 * download every artifact of each and check it against its manifest's SHA-256, and prove that a
 * second tenant sees none of it.
 */
@SpringBootTest(
    classes = WebTestApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.servlet.multipart.max-file-size=1MB",
      "spring.servlet.multipart.max-request-size=2MB"
    })
@SuppressWarnings("unchecked") // JSON trees are read as maps and lists of Object
class HttpEndToEndTest {
  @LocalServerPort int port;

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final String analyst = WebTestApplication.token("e2e-analyst", ACME, Role.ANALYST);
  private final String intruder = WebTestApplication.token("e2e-intruder", GLOBEX, Role.ADMIN);

  @Test
  void weatherAnalysisOverHttpWithVerifiedArtifactsAndNothingVisibleToAnotherTenant()
      throws Exception {
    byte[] csv = WebFixtures.seattleWeatherBytes();
    Map<String, Object> loaded = awaitSucceeded(upload(csv, "weather"));
    assertThat(((Map<String, Object>) loaded.get("result"))).containsEntry("rowsLoaded", 1461);
    awaitSucceeded(upload(csv, "weather_ref"));

    List<String> jobs = new ArrayList<>();
    String analyze =
        start(
            "/analyze",
            Map.of(
                "tables",
                List.of("weather"),
                "kpis",
                List.of(
                    Map.of(
                        "name", "rain",
                        "table", "weather",
                        "measure", "precipitation",
                        "aggregation", "sum",
                        "timeColumn", "date",
                        "grain", "month"))));
    jobs.add(analyze);
    jobs.add(start("/profile", Map.of("table", "weather")));
    jobs.add(start("/quality", Map.of("table", "weather", "suggest", true)));
    jobs.add(start("/drift", Map.of("reference", "weather_ref", "current", "weather")));
    jobs.add(
        start(
            "/kpis",
            Map.of(
                "kpis",
                List.of(
                    Map.of(
                        "name", "avg_temp",
                        "table", "weather",
                        "measure", "temp_max",
                        "aggregation", "avg",
                        "timeColumn", "date",
                        "grain", "month")))));

    int artifacts = 0;
    for (String jobId : jobs) {
      Map<String, Object> job = awaitSucceeded(jobId);
      assertThat(job.get("durationMs")).isInstanceOf(Number.class);
      HttpResponse<byte[]> manifestResponse = send(get("/artifact_manifest/" + jobId, analyst));
      assertThat(manifestResponse.statusCode()).isEqualTo(200);
      Map<String, Object> manifest = Json.readObject(text(manifestResponse));
      List<Map<String, Object>> entries = (List<Map<String, Object>>) manifest.get("artifacts");
      assertThat(entries).isNotEmpty();
      if (jobId.equals(analyze)) {
        assertThat(entries)
            .extracting(e -> e.get("name"))
            .contains("analyze.json", "profile.json", "kpis.json");
      }
      for (Map<String, Object> entry : entries) {
        String path = "/artifact/" + jobId + "/" + entry.get("name");
        HttpResponse<byte[]> download = send(get(path, analyst));
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(sha256(download.body())).isEqualTo(entry.get("sha256"));
        assertThat(
                MediaType.parseMediaType(
                    download.headers().firstValue("Content-Type").orElseThrow()))
            .isEqualTo(MediaType.parseMediaType((String) entry.get("contentType")));
        assertThat(download.headers().firstValue("ETag"))
            .contains("\"" + entry.get("sha256") + "\"");
        HttpResponse<byte[]> revalidated =
            send(
                HttpRequest.newBuilder(uri(path))
                    .header("Authorization", "Bearer " + analyst)
                    .header("If-None-Match", "\"" + entry.get("sha256") + "\"")
                    .GET()
                    .build());
        assertThat(revalidated.statusCode()).isEqualTo(304);
        assertThat(revalidated.body()).isEmpty();

        HttpResponse<byte[]> stolen = send(get(path, intruder));
        assertThat(stolen.statusCode()).isEqualTo(404);
        assertThat(Json.readObject(text(stolen))).containsEntry("code", "ARTIFACT_NOT_FOUND");
        artifacts++;
      }
      assertThat(send(get("/jobs/" + jobId, intruder)).statusCode()).isEqualTo(404);
      assertThat(send(get("/artifact_manifest/" + jobId, intruder)).statusCode()).isEqualTo(404);
    }
    // profile.json/html, quality.json/html, drift.json/html, kpis.json and a PNG + SVG chart
    assertThat(artifacts).isGreaterThanOrEqualTo(9);

    HttpResponse<byte[]> intruderTables = send(get("/tables", intruder));
    assertThat(intruderTables.statusCode()).isEqualTo(200);
    assertThat(text(intruderTables)).isEqualTo("[]");
  }

  @Test
  void uploadAboveTheServletContainersLimitIsAProblemNotAnErrorPage() throws Exception {
    byte[] big = new byte[1536 * 1024];
    Arrays.fill(big, (byte) '1');
    HttpResponse<byte[]> response = send(multipart(big, "huge.csv", "huge"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(Json.readObject(text(response))).containsEntry("code", "INPUT_TOO_LARGE");
  }

  @Test
  void missingTokenOverHttpIs401WithBearerChallenge() throws Exception {
    HttpResponse<byte[]> response = send(HttpRequest.newBuilder(uri("/tables")).GET().build());

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer");
    assertThat(Json.readObject(text(response))).containsEntry("code", "UNAUTHENTICATED");
  }

  private String upload(byte[] content, String table) throws Exception {
    HttpResponse<byte[]> response = send(multipart(content, "seattle-weather.csv", table));
    assertThat(response.statusCode()).as(text(response)).isEqualTo(202);
    return (String) Json.readObject(text(response)).get("jobId");
  }

  private String start(String path, Map<String, Object> body) throws Exception {
    HttpResponse<byte[]> response =
        send(
            HttpRequest.newBuilder(uri(path))
                .header("Authorization", "Bearer " + analyst)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.write(body)))
                .build());
    assertThat(response.statusCode()).as(text(response)).isEqualTo(202);
    return (String) Json.readObject(text(response)).get("jobId");
  }

  /** Polls the job until it ends (deadline two minutes); it must have succeeded. */
  private Map<String, Object> awaitSucceeded(String jobId) throws Exception {
    Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
    while (true) {
      HttpResponse<byte[]> response = send(get("/jobs/" + jobId, analyst));
      assertThat(response.statusCode()).isEqualTo(200);
      Map<String, Object> job = Json.readObject(text(response));
      String state = (String) job.get("state");
      if (List.of("SUCCEEDED", "FAILED", "CANCELLED").contains(state)) {
        assertThat(state).as("job %s: %s", jobId, job.get("error")).isEqualTo("SUCCEEDED");
        return job;
      }
      assertThat(Instant.now()).as("job %s still %s", jobId, state).isBefore(deadline);
      Thread.sleep(50);
    }
  }

  private HttpRequest multipart(byte[] content, String fileName, String table) {
    String boundary = "udb-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"table\"\r\n\r\n"
            + table
            + "\r\n");
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: text/csv\r\n\r\n");
    body.writeBytes(content);
    write(body, "\r\n--" + boundary + "--\r\n");
    return HttpRequest.newBuilder(uri("/ingest/upload"))
        .header("Authorization", "Bearer " + analyst)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
        .build();
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private HttpRequest get(String path, String token) {
    return HttpRequest.newBuilder(uri(path))
        .header("Authorization", "Bearer " + token)
        .GET()
        .build();
  }

  private URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port + "/udb" + path);
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
