package io.udb.quality.check;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.core.json.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Validates JSON against the module's published schemas with networknt's validator. */
final class JsonSchemas {
  static final String REQUEST_ID = "https://udb.io/schemas/quality/quality-request.schema.json";
  static final String RESULT_ID = "https://udb.io/schemas/quality/quality-result.schema.json";

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12,
          builder ->
              builder.schemas(
                  Map.of(
                      REQUEST_ID, resource(CheckJson.SCHEMA_RESOURCE),
                      RESULT_ID, resource(QualityReport.SCHEMA_RESOURCE))));

  private JsonSchemas() {}

  /**
   * The violations of a JSON text.
   *
   * @param schemaId the schema's {@code $id}
   * @param json the JSON text
   * @return one line per violation; empty when valid
   */
  static List<String> violations(String schemaId, String json) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(schemaId));
    List<Error> errors = schema.validate(Json.mapper().readTree(json), context -> {});
    return errors.stream().map(Error::toString).toList();
  }

  static String resource(String path) {
    try (InputStream in = JsonSchemas.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
