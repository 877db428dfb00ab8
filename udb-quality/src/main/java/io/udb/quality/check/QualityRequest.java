package io.udb.quality.check;

import io.udb.api.UdbException;
import io.udb.api.engine.TableRef;
import io.udb.core.json.Json;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The body of {@code POST /udb/quality}: {@code {"table", "checks": [...]}} or {@code {"table",
 * "suggest": true}} (both together run the given checks followed by the suggested ones), with an
 * optional {@code "quarantine": true}. Its JSON Schema is {@value CheckJson#SCHEMA_RESOURCE}.
 *
 * @param table the table to check
 * @param suite the given checks (possibly none)
 * @param suggest whether to add suggested checks
 * @param quarantine whether to quarantine violating rows
 */
public record QualityRequest(
    TableRef table, CheckSuite suite, boolean suggest, boolean quarantine) {
  private static final Set<String> FIELDS = Set.of("table", "checks", "suggest", "quarantine");

  /**
   * Validates the request.
   *
   * @throws InvalidCheckException when it has neither checks nor suggestion
   */
  public QualityRequest {
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(suite, "suite");
    if (suite.checks().isEmpty() && !suggest) {
      throw new InvalidCheckException(
          -1, "checks", "give at least one check, or \"suggest\": true");
    }
  }

  /**
   * Parses a request body.
   *
   * @param json the JSON text
   * @return the request
   * @throws InvalidCheckException when it is malformed
   */
  public static QualityRequest parse(String json) {
    JsonNode node;
    try {
      node = Json.mapper().readTree(json);
    } catch (JacksonException e) {
      throw new InvalidCheckException(-1, null, "not valid JSON: " + e.getOriginalMessage());
    }
    return parse(node);
  }

  /**
   * Parses a request body.
   *
   * @param node the JSON object
   * @return the request
   * @throws InvalidCheckException when it is malformed
   */
  public static QualityRequest parse(JsonNode node) {
    if (node == null || !node.isObject()) {
      throw new InvalidCheckException(-1, null, "expected a JSON object");
    }
    for (String field : node.propertyNames()) {
      if (!FIELDS.contains(field)) {
        throw new InvalidCheckException(
            -1,
            field.length() > 60 ? field.substring(0, 60) + "..." : field,
            "unknown field; allowed: table, checks, suggest, quarantine");
      }
    }
    JsonNode tableNode = node.get("table");
    if (tableNode == null || !tableNode.isString()) {
      throw new InvalidCheckException(-1, "table", "required, a table name");
    }
    TableRef table;
    try {
      table = TableRef.of(tableNode.stringValue());
    } catch (UdbException e) {
      throw new InvalidCheckException(-1, "table", e.getMessage());
    }
    JsonNode checks = node.get("checks");
    CheckSuite suite =
        checks == null || checks.isNull()
            ? new CheckSuite(table, List.of())
            : CheckJson.parseSuite(table, checks);
    return new QualityRequest(table, suite, flag(node, "suggest"), flag(node, "quarantine"));
  }

  private static boolean flag(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return false;
    }
    if (!value.isBoolean()) {
      throw new InvalidCheckException(-1, field, "expected true or false");
    }
    return value.booleanValue();
  }
}
