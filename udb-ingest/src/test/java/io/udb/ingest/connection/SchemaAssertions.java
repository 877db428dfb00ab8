package io.udb.ingest.connection;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.core.json.Json;
import java.util.List;

/**
 * Checks connector configuration schemas and sample configurations with networknt's validator (the
 * reference) and UDB's run-time {@link ConfigSchemaValidator}, which must agree with it.
 */
public final class SchemaAssertions {
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final String META_SCHEMA = "https://json-schema.org/draft/2020-12/schema";

  private SchemaAssertions() {}

  /**
   * The violations networknt finds.
   *
   * @param schemaJson the schema
   * @param config the configuration in its JSON form
   * @return one line per violation
   */
  public static List<String> referenceViolations(String schemaJson, Object config) {
    Schema schema = REGISTRY.getSchema(schemaJson);
    List<Error> errors = schema.validate(Json.mapper().valueToTree(config));
    return errors.stream().map(Error::toString).toList();
  }

  /** Asserts the schema is a valid draft 2020-12 schema. */
  public static void assertValidSchema(String schemaJson) {
    Schema meta = REGISTRY.getSchema(SchemaLocation.of(META_SCHEMA));
    List<Error> errors = meta.validate(Json.mapper().readTree(schemaJson));
    assertThat(errors).as("meta-schema violations").isEmpty();
  }

  /** Asserts both validators accept the configuration. */
  public static void assertAccepted(String schemaJson, Object config) {
    assertThat(referenceViolations(schemaJson, config)).as("networknt on %s", config).isEmpty();
    assertThat(ConfigSchemaValidator.of(schemaJson).validate(config))
        .as("ConfigSchemaValidator on %s", config)
        .isEmpty();
  }

  /**
   * Asserts both validators refuse the configuration.
   *
   * @return UDB's violations, for further checks
   */
  public static List<String> assertRefused(String schemaJson, Object config) {
    assertThat(referenceViolations(schemaJson, config)).as("networknt on %s", config).isNotEmpty();
    List<String> ours = ConfigSchemaValidator.of(schemaJson).validate(config);
    assertThat(ours).as("ConfigSchemaValidator on %s", config).isNotEmpty();
    return ours;
  }
}
