package io.udb.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The run-time validator refuses invalid configurations and says where. */
class ConfigSchemaValidatorTest {
  private static final String SCHEMA =
      """
      {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "required": ["name"],
        "additionalProperties": false,
        "$defs": {"port": {"type": "integer", "minimum": 1, "maximum": 65535}},
        "properties": {
          "name": {"type": "string", "minLength": 2, "maxLength": 8, "pattern": "^[a-z]+$"},
          "port": {"$ref": "#/$defs/port"},
          "ratio": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": 1},
          "step": {"type": "number", "multipleOf": 0.5},
          "mode": {"enum": ["a", "b"]},
          "fixed": {"const": 3},
          "tags": {"type": "array", "items": {"type": "string"}, "minItems": 1, "maxItems": 3,
                   "uniqueItems": true},
          "pair": {"type": "array", "prefixItems": [{"type": "string"}, {"type": "integer"}]},
          "labels": {"type": "object", "propertyNames": {"pattern": "^[a-z]+$"},
                     "additionalProperties": {"type": "string"}, "maxProperties": 2},
          "extra": {"type": "object", "patternProperties": {"^x-": {"type": "boolean"}},
                    "additionalProperties": false},
          "auth": {
            "type": "object",
            "properties": {"type": {"enum": ["none", "key"]}, "key": {"type": "string"}},
            "if": {"properties": {"type": {"const": "key"}}},
            "then": {"required": ["key"]},
            "else": {"not": {"required": ["key"]}}
          },
          "source": {"oneOf": [{"required": ["query"]}, {"required": ["table"]}]},
          "either": {"anyOf": [{"type": "string"}, {"type": "integer"}]},
          "both": {"allOf": [{"type": "integer"}, {"minimum": 10}]},
          "pin": {"type": "object", "dependentRequired": {"user": ["password"]}}
        }
      }
      """;

  @Test
  void acceptsWhatTheReferenceAccepts() {
    for (Map<String, Object> config :
        List.<Map<String, Object>>of(
            Map.of("name", "ab"),
            Map.of("name", "abc", "port", 8080, "ratio", 0.5, "step", 1.5, "mode", "a", "fixed", 3),
            Map.of("name", "ab", "tags", List.of("x", "y"), "pair", List.of("p", 3)),
            Map.of("name", "ab", "labels", Map.of("a", "1"), "extra", Map.of("x-on", true)),
            Map.of("name", "ab", "auth", Map.of("type", "key", "key", "k")),
            Map.of("name", "ab", "auth", Map.of("type", "none")),
            Map.of("name", "ab", "source", Map.of("query", "q"), "either", 3, "both", 12),
            Map.of("name", "ab", "pin", Map.of("user", "u", "password", "p")),
            Map.of("name", "ab", "port", 80.0))) {
      SchemaAssertions.assertAccepted(SCHEMA, config);
    }
  }

  @Test
  void refusesWhatTheReferenceRefusesAndSaysWhere() {
    assertThat(SchemaAssertions.assertRefused(SCHEMA, Map.of()))
        .anySatisfy(m -> assertThat(m).startsWith("/: ").contains("'name'").contains("required"));
    assertThat(SchemaAssertions.assertRefused(SCHEMA, Map.of("name", "ab", "other", 1)))
        .anySatisfy(
            m -> assertThat(m).startsWith("/: ").contains("'other'").contains("not defined"));
    assertThat(SchemaAssertions.assertRefused(SCHEMA, Map.of("name", "ab", "port", 0)))
        .anySatisfy(m -> assertThat(m).startsWith("/port: ").contains("1"));
    assertThat(SchemaAssertions.assertRefused(SCHEMA, Map.of("name", "ab", "port", 1.5)))
        .anySatisfy(m -> assertThat(m).startsWith("/port: ").contains("integer"));
    assertThat(SchemaAssertions.assertRefused(SCHEMA, Map.of("name", "A1")))
        .anySatisfy(m -> assertThat(m).startsWith("/name: ").contains("^[a-z]+$"));
    for (Map<String, Object> config :
        List.<Map<String, Object>>of(
            Map.of("name", "a"),
            Map.of("name", "abcdefghi"),
            Map.of("name", "ab", "ratio", 1),
            Map.of("name", "ab", "step", 0.7),
            Map.of("name", "ab", "mode", "c"),
            Map.of("name", "ab", "fixed", 4),
            Map.of("name", "ab", "tags", List.of()),
            Map.of("name", "ab", "tags", List.of("x", "x")),
            Map.of("name", "ab", "tags", List.of("a", "b", "c", "d")),
            Map.of("name", "ab", "pair", List.of("p", "q")),
            Map.of("name", "ab", "labels", Map.of("A", "1")),
            Map.of("name", "ab", "labels", Map.of("a", "1", "b", "2", "c", "3")),
            Map.of("name", "ab", "extra", Map.of("x-on", "yes")),
            Map.of("name", "ab", "extra", Map.of("y", true)),
            Map.of("name", "ab", "auth", Map.of("type", "key")),
            Map.of("name", "ab", "auth", Map.of("type", "none", "key", "k")),
            Map.of("name", "ab", "source", Map.of("query", "q", "table", "t")),
            Map.of("name", "ab", "source", Map.of()),
            Map.of("name", "ab", "either", true),
            Map.of("name", "ab", "both", 5),
            Map.of("name", "ab", "pin", Map.of("user", "u")))) {
      SchemaAssertions.assertRefused(SCHEMA, config);
    }
  }
}
