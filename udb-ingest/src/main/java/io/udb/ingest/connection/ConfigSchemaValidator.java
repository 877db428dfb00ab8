package io.udb.ingest.connection;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.core.json.Json;
import java.util.List;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Validates a connection's configuration against its connector's JSON Schema (draft 2020-12) at run
 * time, with the networknt validator (the same library the tests use as the reference). Messages
 * start with the JSON pointer of the offending value.
 *
 * <p>Immutable and thread-safe.
 */
public final class ConfigSchemaValidator {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private final Schema schema;

  private ConfigSchemaValidator(Schema schema) {
    this.schema = schema;
  }

  /**
   * Reads a schema.
   *
   * @param schemaJson the schema's JSON text
   * @return the validator
   * @throws UdbException with {@code PLUGIN_BROKEN} when the text is not a JSON schema object
   */
  public static ConfigSchemaValidator of(String schemaJson) {
    Objects.requireNonNull(schemaJson, "schemaJson");
    try {
      JsonNode tree = Json.mapper().readTree(schemaJson);
      if (!tree.isObject()) {
        throw new UdbException(
            ErrorCode.PLUGIN_BROKEN, "A connector's configuration schema is not a JSON object");
      }
      return new ConfigSchemaValidator(REGISTRY.getSchema(tree));
    } catch (JacksonException e) {
      throw new UdbException(
          ErrorCode.PLUGIN_BROKEN, "A connector's configuration schema is not valid JSON", e);
    }
  }

  /**
   * Validates a value.
   *
   * @param instance the configuration in its JSON form (maps, lists, strings, numbers, booleans)
   * @return one message per violation; empty when valid
   */
  public List<String> validate(Object instance) {
    JsonNode node = Json.mapper().valueToTree(instance);
    List<Error> errors = schema.validate(node);
    return errors.stream().map(ConfigSchemaValidator::describe).toList();
  }

  private static String describe(Error error) {
    String location = error.getInstanceLocation().toString();
    return (location.isEmpty() ? "/" : location) + ": " + error.getMessage();
  }
}
