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
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.json.Json;
import java.math.BigInteger;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CloudEventJsonTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123Z");
  private static final TenantId ACME = TenantId.of("acme");

  private final EventFactory factory =
      new EventFactory(URI.create("/udb/node-1"), Clock.fixed(NOW, ZoneOffset.UTC), () -> "e-1");

  private static EventEnvelope envelope(String subject, Map<String, Object> data) {
    return new EventEnvelope(
        "1.0",
        "e-1",
        URI.create("/udb/node-1"),
        EventTypes.INGEST_COMPLETED,
        NOW,
        subject,
        "application/json",
        data,
        ACME,
        "corr-1",
        "1");
  }

  @Test
  void writesAttributesInCloudEventsOrderOnOneLine() {
    EventEnvelope event = envelope("jobs/j-1", mapOf("table", "t", "rowsRead", 2L));

    assertThat(CloudEventJson.encode(event))
        .isEqualTo(
            "{\"specversion\":\"1.0\",\"id\":\"e-1\",\"source\":\"/udb/node-1\","
                + "\"type\":\"udb.ingest.completed\",\"time\":\"2026-11-27T10:00:00.123Z\","
                + "\"subject\":\"jobs/j-1\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"table\":\"t\",\"rowsRead\":2},\"tenant\":\"acme\","
                + "\"correlationid\":\"corr-1\",\"schemaversion\":\"1\"}");
  }

  @Test
  void omitsSubjectWhenNull() {
    Map<String, Object> json = Json.readObject(CloudEventJson.encode(envelope(null, Map.of())));

    assertThat(json).doesNotContainKey("subject").containsKey("datacontenttype");
  }

  @Test
  void writesTimeInUtcWithExactlyThreeFractionDigits() {
    assertThat(CloudEventJson.formatTime(Instant.parse("2026-11-27T10:00:00Z")))
        .isEqualTo("2026-11-27T10:00:00.000Z");
    assertThat(CloudEventJson.formatTime(Instant.parse("2026-01-02T03:04:05.987654Z")))
        .isEqualTo("2026-01-02T03:04:05.987Z");
  }

  @Test
  void roundTripsEveryEventTypeTheFactoryBuilds() {
    Job created =
        Job.created(JobId.of("j-1"), ACME, JobType.INGEST, NOW.minusSeconds(5), "corr", "node");
    Job failed =
        created
            .started(NOW.minusSeconds(3))
            .progressed(0.37, "load")
            .failed(NOW, new JobError(ErrorCode.INGEST_BAD_FORMAT, "Bad \"quote\"\n", "load"));
    List<EventEnvelope> events =
        List.of(
            factory.jobCreated(created),
            factory.jobStateChanged(failed, JobState.RUNNING),
            factory.ingestCompleted(
                ACME,
                "corr",
                mapOf("table", "t", "rowsRead", 3, "rowsLoaded", 2, "rowsRejected", 1)),
            factory.analyzeCompleted(
                ACME,
                "corr",
                mapOf(
                    "jobId", "j-1",
                    "tables", List.of("t"),
                    "stages", List.of(mapOf("name", "profile", "status", "succeeded")),
                    "artifacts", List.of())),
            factory.analyzeFailed(
                ACME,
                "corr",
                mapOf("jobId", "j-1", "stage", "kpi", "error", mapOf("code", "X", "message", "m"))),
            factory.securityDenied(ACME, "corr", "FORBIDDEN", null, "sql.query"));

    for (EventEnvelope event : events) {
      assertThat(CloudEventJson.decode(CloudEventJson.encode(event))).isEqualTo(event);
    }
  }

  @Test
  void roundTripsNumbersInCanonicalForm() {
    EventEnvelope event =
        factory.create(
            EventTypes.INGEST_COMPLETED,
            ACME,
            "corr",
            null,
            mapOf(
                "int",
                1,
                "long",
                1L << 40,
                "big",
                BigInteger.TWO.pow(70),
                "float",
                0.25f,
                "double",
                1e20,
                "list",
                List.of(1, 2.5)));

    assertThat(event.data())
        .containsEntry("int", 1L)
        .containsEntry("long", 1L << 40)
        .containsEntry("big", BigInteger.TWO.pow(70))
        .containsEntry("float", 0.25)
        .containsEntry("double", 1e20)
        .containsEntry("list", List.of(1L, 2.5));
    assertThat(CloudEventJson.decode(CloudEventJson.encode(event))).isEqualTo(event);
  }

  @Test
  void decodesTimeWithAnOffsetAsTheSameInstant() {
    String json =
        CloudEventJson.encode(envelope(null, Map.of()))
            .replace("2026-11-27T10:00:00.123Z", "2026-11-27T11:00:00.123+01:00");

    assertThat(CloudEventJson.decode(json).time()).isEqualTo(NOW);
  }

  @Test
  void decodedDataIsImmutable() {
    EventEnvelope decoded =
        CloudEventJson.decode(
            CloudEventJson.encode(envelope(null, mapOf("nested", mapOf("a", List.of(1))))));

    @SuppressWarnings("unchecked") // the test built this very shape
    Map<String, Object> nested = (Map<String, Object>) decoded.data().get("nested");

    assertThatThrownBy(() -> nested.put("b", 2)).isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void refusesAnotherSpecVersion() {
    String json = CloudEventJson.encode(envelope(null, Map.of())).replace("\"1.0\"", "\"0.3\"");

    assertInvalid(json, "specversion");
  }

  @Test
  void refusesAMissingRequiredAttribute() {
    Map<String, Object> attributes = CloudEventJson.toMap(envelope(null, Map.of()));
    attributes.remove("correlationid");

    assertInvalid(Json.write(attributes), "correlationid");
  }

  @Test
  void refusesDataThatIsNotAnObject() {
    Map<String, Object> attributes = CloudEventJson.toMap(envelope(null, Map.of()));
    attributes.put("data", List.of(1, 2));

    assertInvalid(Json.write(attributes), "data");
  }

  @Test
  void refusesAMalformedTime() {
    Map<String, Object> attributes = CloudEventJson.toMap(envelope(null, Map.of()));
    attributes.put("time", "yesterday");

    assertInvalid(Json.write(attributes), "time");
  }

  @Test
  void refusesAMalformedTenant() {
    Map<String, Object> attributes = CloudEventJson.toMap(envelope(null, Map.of()));
    attributes.put("tenant", "../other");

    assertThatThrownBy(() -> CloudEventJson.decode(Json.write(attributes)))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.TENANT_INVALID));
  }

  private static void assertInvalid(String json, String attribute) {
    assertThatThrownBy(() -> CloudEventJson.decode(json))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("'" + attribute + "'");
  }
}
