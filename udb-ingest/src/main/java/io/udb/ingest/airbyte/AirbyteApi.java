package io.udb.ingest.airbyte;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import io.udb.ingest.http.ResilientHttpClient;
import io.udb.ingest.http.RetryPolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The calls UDB makes to the Airbyte API v1: {@code POST /jobs} (trigger a sync), {@code GET
 * /jobs/{jobId}} (its status), {@code DELETE /jobs/{jobId}} (cancel it) and {@code GET
 * /connections/{connectionId}} (check the connection). Every call authenticates with the bearer
 * token and is retried on 429, 5xx and connection failures.
 *
 * <p>A retried {@code POST /jobs} whose first attempt reached Airbyte may meet a sync that is
 * already running; Airbyte then answers 409, reported as {@code JOB_REJECTED}.
 */
final class AirbyteApi {
  private static final Set<Integer> RETRY_STATUSES = Set.of(429, 500, 502, 503, 504);

  private final ResilientHttpClient http;
  private final AirbyteSettings settings;
  private final RetryPolicy retry;

  AirbyteApi(ResilientHttpClient http, AirbyteSettings settings) {
    this.http = http;
    this.settings = settings;
    this.retry =
        new RetryPolicy(
            settings.maxRetries(),
            Duration.ofMillis(500),
            Duration.ofSeconds(30),
            Duration.ofMinutes(5),
            RETRY_STATUSES);
  }

  /** Triggers a sync of the connection. */
  AirbyteJob createSync(ResilientHttpClient.Deadline deadline, BooleanSupplier cancelled) {
    String body = Json.write(Map.of("connectionId", settings.connectionId(), "jobType", "sync"));
    JsonNode answer =
        call(
            request("/jobs").POST(HttpRequest.BodyPublishers.ofString(body)),
            "start a sync of connection " + settings.connectionId(),
            deadline,
            cancelled);
    return job(answer);
  }

  /** The job's current state. */
  AirbyteJob job(long jobId, ResilientHttpClient.Deadline deadline, BooleanSupplier cancelled) {
    return job(call(request("/jobs/" + jobId).GET(), "read job " + jobId, deadline, cancelled));
  }

  /** Cancels the job. */
  AirbyteJob cancel(long jobId, ResilientHttpClient.Deadline deadline) {
    return job(
        call(request("/jobs/" + jobId).DELETE(), "cancel job " + jobId, deadline, () -> false));
  }

  /** The Airbyte connection, to check that it exists and the token works. */
  JsonNode connection(ResilientHttpClient.Deadline deadline) {
    String id = URLEncoder.encode(settings.connectionId(), StandardCharsets.UTF_8);
    return call(
        request("/connections/" + id).GET(),
        "read connection " + settings.connectionId(),
        deadline,
        () -> false);
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(settings.apiUrl() + path))
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer " + settings.token().reveal());
  }

  private JsonNode call(
      HttpRequest.Builder request,
      String what,
      ResilientHttpClient.Deadline deadline,
      BooleanSupplier cancelled) {
    ResilientHttpClient.Response response;
    try {
      response = http.send(request.build(), retry, deadline, cancelled);
    } catch (UdbException e) {
      if (e.code() == ErrorCode.UNAVAILABLE || e.code() == ErrorCode.RATE_LIMITED) {
        throw new UdbException(
            e.code(), "The Airbyte API could not " + what + ": " + e.getMessage(), e);
      }
      throw e;
    }
    int status = response.status();
    if (status == 401 || status == 403) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "The Airbyte API refused the token (HTTP "
              + status
              + ") when asked to "
              + what
              + "; check the secret 'token' and its permissions");
    }
    if (status == 409) {
      throw new UdbException(
          ErrorCode.JOB_REJECTED,
          "Airbyte refused to " + what + " (HTTP 409): " + detail(response) + "; try again later");
    }
    if (status == 404) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Airbyte could not "
              + what
              + ": not found (HTTP 404); check 'connection-id' and 'api-url'");
    }
    if (!response.ok()) {
      throw new UdbException(
          status >= 500 ? ErrorCode.UNAVAILABLE : ErrorCode.CONFIG_INVALID,
          "Airbyte could not " + what + " (HTTP " + status + "): " + detail(response));
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(response.body());
    } catch (JacksonException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new UdbException(
          ErrorCode.UNAVAILABLE,
          "The Airbyte API answered the request to "
              + what
              + " with something other than a JSON object");
    }
    return node;
  }

  private static AirbyteJob job(JsonNode node) {
    JsonNode id = node.get("jobId");
    if (id == null || !id.canConvertToLong()) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "The Airbyte API answered a job without jobId");
    }
    String rawStatus = text(node, "status");
    return new AirbyteJob(
        id.longValue(),
        AirbyteJobStatus.of(rawStatus),
        rawStatus,
        text(node, "jobType"),
        text(node, "connectionId"),
        text(node, "startTime"),
        text(node, "lastUpdatedAt"),
        text(node, "duration"),
        number(node, "rowsSynced"),
        number(node, "bytesSynced"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value != null && value.canConvertToLong() ? value.longValue() : null;
  }

  /** The problem detail of an error answer, cut short. */
  private static String detail(ResilientHttpClient.Response response) {
    String text = new String(response.body(), StandardCharsets.UTF_8);
    try {
      JsonNode node = Json.mapper().readTree(text);
      if (node != null && node.isObject()) {
        for (String field : new String[] {"detail", "message", "title"}) {
          if (node.hasNonNull(field)) {
            text = node.get(field).asString();
            break;
          }
        }
      }
    } catch (JacksonException e) {
      // not JSON: show the start of the text
    }
    String line = text.replaceAll("\\p{Cntrl}", " ").strip();
    return line.length() > 200 ? line.substring(0, 200) + "..." : line;
  }
}
