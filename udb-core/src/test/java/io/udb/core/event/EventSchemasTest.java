package io.udb.core.event;

import static io.udb.core.event.EventFactoryTest.mapOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobType;
import io.udb.core.json.Json;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class EventSchemasTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123Z");
  private static final TenantId ACME = TenantId.of("acme");

  private final EventSchemas schemas = EventSchemas.load();
  private final EventFactory factory =
      new EventFactory(URI.create("/udb/node-1"), Clock.fixed(NOW, ZoneOffset.UTC));

  private EventEnvelope jobCreated() {
    return factory.jobCreated(
        Job.created(JobId.of("j-1"), ACME, JobType.INGEST, NOW, "corr-1", "node-1"));
  }

  @Test
  void loadsTheEnvelopeAndOneDraft202012SchemaPerType() {
    assertThat(schemas.byType().keySet()).containsExactlyElementsOf(EventTypes.ALL);
    assertThat(Json.readObject(schemas.envelope()))
        .containsEntry("$id", EventSchemas.ENVELOPE_ID)
        .containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema");
    schemas
        .byType()
        .forEach(
            (type, text) -> {
              Map<String, Object> schema = Json.readObject(text);
              assertThat(schema)
                  .containsEntry("$id", "https://udb.io/schemas/events/" + type + ".v1.json")
                  .containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema")
                  .containsEntry("allOf", List.of(Map.of("$ref", EventSchemas.ENVELOPE_ID)));
              assertThat(schemas.idOf(type)).isEqualTo(schema.get("$id"));
            });
  }

  @Test
  void versionOfFollowsTheFactory() {
    for (String type : EventTypes.ALL) {
      assertThat(schemas.versionOf(type)).isEqualTo(EventFactory.SCHEMA_VERSIONS.get(type));
    }
  }

  @Test
  void versionOfRefusesAnUnknownType() {
    assertThatThrownBy(() -> schemas.versionOf("udb.nope"))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("udb.nope");
  }

  @Test
  void byTypeIsImmutable() {
    assertThatThrownBy(() -> schemas.byType().put("x", "{}"))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void aValidEventHasNoViolations() {
    assertThat(EventSchemaAssertions.violations(jobCreated())).isEmpty();
  }

  @Test
  void reportsABadTenant() {
    assertThat(violationsAfter(attributes -> attributes.put("tenant", "Acme Corp")))
        .anySatisfy(v -> assertThat(v).contains("tenant"));
  }

  @Test
  void reportsAMissingJobId() {
    assertThat(violationsAfter(attributes -> data(attributes).remove("jobId")))
        .anySatisfy(v -> assertThat(v).contains("jobId"));
  }

  @Test
  void reportsAnUnknownState() {
    assertThat(violationsAfter(attributes -> data(attributes).put("state", "DONE")))
        .anySatisfy(v -> assertThat(v).contains("state"));
  }

  @Test
  void reportsAnIncludedJobResult() {
    assertThat(violationsAfter(attributes -> data(attributes).put("result", Map.of("rows", 1))))
        .isNotEmpty();
  }

  @Test
  void reportsATypeOtherThanTheSchemas() {
    assertThat(violationsAfter(attributes -> attributes.put("type", EventTypes.ANALYZE_FAILED)))
        .anySatisfy(v -> assertThat(v).contains("type"));
  }

  @Test
  void reportsAMissingEnvelopeAttribute() {
    assertThat(violationsAfter(attributes -> attributes.remove("correlationid")))
        .anySatisfy(v -> assertThat(v).contains("correlationid"));
  }

  @Test
  void reportsATimeWithoutMilliseconds() {
    assertThat(violationsAfter(attributes -> attributes.put("time", "2026-11-27T10:00:00Z")))
        .anySatisfy(v -> assertThat(v).contains("time"));
  }

  @Test
  void reportsAnInvalidDateTime() {
    assertThat(violationsAfter(attributes -> attributes.put("time", "2026-13-45T10:00:00.000Z")))
        .anySatisfy(v -> assertThat(v).contains("time"));
  }

  @Test
  void reportsNegativeIngestRowCounts() {
    EventEnvelope ingest =
        factory.ingestCompleted(
            ACME, "corr", mapOf("table", "t", "rowsRead", 1, "rowsLoaded", 1, "rowsRejected", -1));

    assertThat(EventSchemaAssertions.violations(ingest))
        .anySatisfy(v -> assertThat(v).contains("rowsRejected"));
  }

  @Test
  void reportsASecurityEventWithoutOperation() {
    EventEnvelope denied = factory.securityDenied(ACME, "corr", "FORBIDDEN", "alice", "sql");
    Map<String, Object> attributes = CloudEventJson.toMap(denied);
    Map<String, Object> data = new LinkedHashMap<>(denied.data());
    data.remove("operation");
    attributes.put("data", data);

    assertThat(EventSchemaAssertions.violations(EventTypes.SECURITY_DENIED, attributes))
        .anySatisfy(v -> assertThat(v).contains("operation"));
  }

  @Test
  void toleratesUnknownDataFieldsForForwardCompatibility() {
    assertThat(violationsAfter(attributes -> data(attributes).put("addedInV2", true))).isEmpty();
  }

  private List<String> violationsAfter(Consumer<Map<String, Object>> change) {
    Map<String, Object> attributes = CloudEventJson.toMap(jobCreated());
    attributes.put("data", new LinkedHashMap<>(jobCreated().data()));
    change.accept(attributes);
    return EventSchemaAssertions.violations(EventTypes.JOB_CREATED, attributes);
  }

  @SuppressWarnings("unchecked") // violationsAfter puts a mutable copy of the data there
  private static Map<String, Object> data(Map<String, Object> attributes) {
    return (Map<String, Object>) attributes.get("data");
  }
}
