package io.udb.ingest.connection;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.udb.api.event.EventEnvelope;
import io.udb.core.event.CloudEventJson;
import io.udb.core.event.EventSchemas;
import io.udb.core.json.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Validates emitted events against their published JSON Schemas with networknt's validator. */
final class EventValidation {
  private static final EventSchemas SCHEMAS = EventSchemas.load();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(
          SpecificationVersion.DRAFT_2020_12, builder -> builder.schemas(textsById()));

  private EventValidation() {}

  /** The violations of an event; empty when valid. */
  static List<String> violations(EventEnvelope event) {
    Schema schema = REGISTRY.getSchema(SchemaLocation.of(SCHEMAS.idOf(event.type())));
    List<Error> errors =
        schema.validate(
            Json.mapper().readTree(CloudEventJson.encode(event)),
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
