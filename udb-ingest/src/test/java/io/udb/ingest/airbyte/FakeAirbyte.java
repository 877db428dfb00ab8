package io.udb.ingest.airbyte;

import io.udb.ingest.http.FakeApi;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the Airbyte API v1 in the test JVM, on a real HTTP server: {@code POST /v1/jobs}
 * starts a job, {@code GET /v1/jobs/{jobId}} moves it along its script one step per call, {@code
 * DELETE /v1/jobs/{jobId}} cancels it, {@code GET /v1/connections/{id}} describes a connection.
 * Bearer authentication as Airbyte does it; errors as problem JSON.
 */
final class FakeAirbyte implements AutoCloseable {
  static final String TOKEN = "airbyte-app-token";

  /** How a connection's jobs behave. */
  enum Script {
    SUCCEED(List.of("running", "running", "succeeded")),
    FAIL(List.of("running", "failed")),
    STUCK(List.of("running")),
    INCOMPLETE_THEN_SUCCEED(List.of("running", "incomplete", "running", "succeeded")),
    CANCELLED_IN_AIRBYTE(List.of("running", "cancelled")),
    FLAKY(List.of("running", "succeeded"));

    private final List<String> statuses;

    Script(List<String> statuses) {
      this.statuses = statuses;
    }
  }

  private static final class Job {
    final long id;
    final String connectionId;
    final Script script;
    volatile String status = "pending";
    int step;

    Job(long id, String connectionId, Script script) {
      this.id = id;
      this.connectionId = connectionId;
      this.script = script;
    }
  }

  private final FakeApi api = new FakeApi();
  private final Map<String, Script> connections = new ConcurrentHashMap<>();
  private final Map<String, Runnable> onSuccess = new ConcurrentHashMap<>();
  private final Map<Long, Job> jobs = new ConcurrentHashMap<>();
  private final AtomicLong ids = new AtomicLong(9000);
  private final AtomicInteger failuresToServe = new AtomicInteger();

  FakeAirbyte() {
    api.route("/v1/jobs", this::jobs);
    api.route("/v1/connections/", this::connection);
  }

  /** Declares a connection whose jobs follow the script; the hook runs when one succeeds. */
  FakeAirbyte connection(String connectionId, Script script, Runnable whenSucceeded) {
    connections.put(connectionId, script);
    onSuccess.put(connectionId, whenSucceeded);
    return this;
  }

  /** The base URL of the API, ending in /v1. */
  String apiUrl() {
    return api.base() + "/v1";
  }

  List<FakeApi.Request> requests() {
    return api.requests();
  }

  List<FakeApi.Request> requests(String method, String pathPrefix) {
    return api.requests(pathPrefix).stream().filter(r -> r.method().equals(method)).toList();
  }

  private void jobs(com.sun.net.httpserver.HttpExchange exchange, FakeApi.Request request)
      throws Exception {
    if (!authorized(exchange, request)) {
      return;
    }
    String path = request.uri().getPath();
    if (path.equals("/v1/jobs") && request.method().equals("POST")) {
      Map<String, Object> body = io.udb.core.json.Json.readObject(request.body());
      String connectionId = String.valueOf(body.get("connectionId"));
      Script script = connections.get(connectionId);
      if (!"sync".equals(body.get("jobType"))) {
        problem(exchange, 400, "bad-request", "jobType must be sync or reset");
      } else if (script == null) {
        problem(exchange, 404, "not-found", "Connection " + connectionId + " not found");
      } else {
        Job job = new Job(ids.incrementAndGet(), connectionId, script);
        jobs.put(job.id, job);
        FakeApi.json(exchange, 200, json(job));
      }
      return;
    }
    Job job = jobs.get(Long.parseLong(path.substring("/v1/jobs/".length())));
    if (job == null) {
      problem(exchange, 404, "not-found", "Job not found");
      return;
    }
    switch (request.method()) {
      case "GET" -> {
        if (job.script == Script.FLAKY && failuresToServe.getAndIncrement() < 2) {
          problem(exchange, 503, "unavailable", "The server is busy");
          return;
        }
        advance(job);
        FakeApi.json(exchange, 200, json(job));
      }
      case "DELETE" -> {
        job.status = "cancelled";
        FakeApi.json(exchange, 200, json(job));
      }
      default -> problem(exchange, 405, "method-not-allowed", "Method not allowed");
    }
  }

  private synchronized void advance(Job job) {
    if (job.status.equals("succeeded")
        || job.status.equals("failed")
        || job.status.equals("cancelled")) {
      return;
    }
    List<String> statuses = job.script.statuses;
    job.status = statuses.get(Math.min(job.step, statuses.size() - 1));
    job.step++;
    if (job.status.equals("succeeded")) {
      onSuccess.getOrDefault(job.connectionId, () -> {}).run();
    }
  }

  private void connection(com.sun.net.httpserver.HttpExchange exchange, FakeApi.Request request)
      throws Exception {
    if (!authorized(exchange, request)) {
      return;
    }
    String id = request.uri().getPath().substring("/v1/connections/".length());
    if (!connections.containsKey(id)) {
      problem(exchange, 404, "not-found", "Connection " + id + " not found");
      return;
    }
    FakeApi.json(
        exchange,
        200,
        "{\"connectionId\": \""
            + id
            + "\", \"name\": \"Shop to Postgres\", \"sourceId\": \"s-1\", \"destinationId\":"
            + " \"d-1\", \"workspaceId\": \"w-1\", \"status\": \"active\", \"schedule\":"
            + " {\"scheduleType\": \"manual\"}}");
  }

  private static boolean authorized(
      com.sun.net.httpserver.HttpExchange exchange, FakeApi.Request request) throws Exception {
    if (("Bearer " + TOKEN).equals(request.header("Authorization"))) {
      return true;
    }
    problem(exchange, 401, "unauthorized", "Invalid or expired access token");
    return false;
  }

  private static void problem(
      com.sun.net.httpserver.HttpExchange exchange, int status, String title, String detail)
      throws Exception {
    FakeApi.send(
        exchange,
        status,
        "application/problem+json",
        "{\"type\": \"https://reference.airbyte.com/reference/errors\", \"title\": \""
            + title
            + "\", \"status\": "
            + status
            + ", \"detail\": \""
            + detail
            + "\"}");
  }

  private static String json(Job job) {
    List<String> fields = new ArrayList<>();
    fields.add("\"jobId\": " + job.id);
    fields.add("\"status\": \"" + job.status + "\"");
    fields.add("\"jobType\": \"sync\"");
    fields.add("\"connectionId\": \"" + job.connectionId + "\"");
    fields.add("\"startTime\": \"2024-05-01T10:00:00Z\"");
    fields.add("\"lastUpdatedAt\": \"" + Instant.now() + "\"");
    if (job.status.equals("succeeded")) {
      fields.add("\"duration\": \"PT12S\"");
      fields.add("\"rowsSynced\": 2");
      fields.add("\"bytesSynced\": 512");
    }
    return "{" + String.join(", ", fields) + "}";
  }

  @Override
  public void close() {
    api.close();
  }
}
