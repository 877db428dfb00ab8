package io.udb.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.api.event.EventEnvelope;
import io.udb.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Validates events against their published JSON Schemas with networknt's validator, resolving each
 * type's reference to the envelope's schema from the same class path resources that {@link
 * EventSchemas} serves. Formats ({@code date-time}, {@code uri-reference}) are asserted, not just
 * annotated. For use by any test that emits events.
 */
public final class EventSchemaAssertions {
  private static final EventSchemas SCHEMAS = EventSchemas.load();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(textsById()));

  private EventSchemaAssertions() {}

  /**
   * Asserts that an event is valid against its type's schema (and so against the envelope's).
   *
   * @param event the event
   */
  public static void assertValid(EventEnvelope event) {
    String json = CloudEventJson.encode(event);
    assertThat(violations(event.type(), json))
        .as("violations of %s by %s", SCHEMAS.idOf(event.type()), json)
        .isEmpty();
  }

  /**
   * The schema violations of an event.
   *
   * @param event the event
   * @return one line per violation; empty when valid
   */
  public static List<String> violations(EventEnvelope event) {
    return violations(event.type(), CloudEventJson.encode(event));
  }

  /**
   * The violations of a structured CloudEvent given as attributes, for events that an {@link
   * EventEnvelope} cannot hold (e.g. a malformed tenant).
   *
   * @param type the event type whose schema to apply
   * @param attributes the event's attributes, as {@link CloudEventJson#toMap} gives them
   * @return one line per violation; empty when valid
   */
  public static List<String> violations(String type, Map<String, ?> attributes) {
    return violations(type, Json.write(attributes));
  }

  /**
   * The violations of a structured CloudEvent given as JSON text.
   *
   * @param type the event type whose schema to apply
   * @param eventJson the event
   * @return one line per violation; empty when valid
   */
  public static List<String> violations(String type, String eventJson) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(SCHEMAS.idOf(type)));
    List<Error> errors =
        schema.validate(
            Json.mapper().readTree(eventJson),
            context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
    return errors.stream().map(Error::toString).toList();
  }

  private static Map<String, String> textsById() {
    Map<String, String> byId = new LinkedHashMap<>();
    byId.put(EventSchemas.ENVELOPE_ID, SCHEMAS.envelope());
    SCHEMAS.byType().forEach((type, text) -> byId.put(SCHEMAS.idOf(type), text));
    return byId;
  }
}
