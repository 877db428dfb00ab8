package io.udb.spring.web;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Request and response bodies, encoded with UDB's own JSON mapper rather than the host's: the
 * contract's field names and number formats must not change with the host's Jackson settings.
 */
final class JsonBodies {
  private JsonBodies() {}

  /**
   * Parses a request body that must be a JSON object.
   *
   * @param body the raw body, possibly empty
   * @param emptyAllowed whether an empty body counts as {@code {}}
   * @return the object
   * @throws UdbException with {@code INVALID_ARGUMENT} for anything else
   */
  static JsonNode object(byte[] body, boolean emptyAllowed) {
    if (body == null || body.length == 0 || new String(body, StandardCharsets.UTF_8).isBlank()) {
      if (emptyAllowed) {
        return Json.mapper().createObjectNode();
      }
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The request body must be a JSON object");
    }
    JsonNode node;
    try {
      node = Json.mapper().readTree(body);
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT,
          "The request body is not valid JSON: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      throw new UdbException(ErrorCode.INVALID_ARGUMENT, "The request body must be a JSON object");
    }
    return node;
  }

  /**
   * A required string field.
   *
   * @param node the object
   * @param field the field
   * @return its value
   */
  static String requiredString(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || !value.isString() || value.stringValue().isBlank()) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "The field '" + field + "' is required: a non-empty string");
    }
    return value.stringValue();
  }

  /**
   * A JSON response.
   *
   * @param status the status
   * @param value a JSON-compatible value
   * @return the response
   */
  static ResponseEntity<byte[]> json(HttpStatus status, Object value) {
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_JSON)
        .body(Json.write(value).getBytes(StandardCharsets.UTF_8));
  }

  /** A 200 JSON response. */
  static ResponseEntity<byte[]> ok(Object value) {
    return json(HttpStatus.OK, value);
  }

  /**
   * The 202 answer to a request that started a job: {@code {"jobId"}}, and where to follow it.
   *
   * @param job the job
   * @param basePath the API's base path
   * @return the response
   */
  static ResponseEntity<byte[]> accepted(Job job, String basePath) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("jobId", job.id().value());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .header("Location", basePath + "/jobs/" + job.id().value())
        .contentType(MediaType.APPLICATION_JSON)
        .body(Json.write(body).getBytes(StandardCharsets.UTF_8));
  }
}
