package io.udb.quality.profile;

import static org.assertj.core.api.Assertions.assertThat;

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

/**
 * Validates profile documents against the published {@code profile.schema.json} with networknt's
 * validator (draft 2020-12, formats asserted).
 */
public final class ProfileSchemaAssertions {
  private static final String ID = "https://udb.io/schemas/quality/profile/v1.json";
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(Map.of(ID, schema())));

  private ProfileSchemaAssertions() {}

  /** Asserts that a profile's JSON form is valid. */
  public static void assertValid(Profile profile) {
    assertValid(ProfileJson.toMap(profile));
  }

  /** Asserts that a profile document is valid. */
  public static void assertValid(Map<String, Object> document) {
    String json = Json.write(document);
    assertThat(violations(json)).as("schema violations of %s", json).isEmpty();
  }

  /**
   * The violations of a JSON text.
   *
   * @param json the document
   * @return one line per violation
   */
  public static List<String> violations(String json) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(ID));
    List<Error> errors =
        schema.validate(
            Json.mapper().readTree(json),
            context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    return errors.stream().map(Error::toString).toList();
  }

  private static String schema() {
    try (InputStream in =
        ProfileSchemaAssertions.class.getResourceAsStream(
            "/io/udb/quality/profile/profile.schema.json")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
