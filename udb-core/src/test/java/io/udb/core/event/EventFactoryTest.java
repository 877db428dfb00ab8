package io.udb.core.event;

import static io.udb.core.event.EventSchemaAssertions.assertValid;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

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
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EventFactoryTest {
  private static final Instant NOW = Instant.parse("2026-11-27T10:00:00.123456789Z");
  private static final Instant CREATED = Instant.parse("2026-11-27T09:59:00Z");
  private static final Instant STARTED = Instant.parse("2026-11-27T09:59:30.250Z");
  private static final TenantId ACME = TenantId.of("acme");

  private final AtomicInteger ids = new AtomicInteger();
  private final EventFactory factory =
      new EventFactory(
          URI.create("/udb/node-1"),
          Clock.fixed(NOW, ZoneOffset.UTC),
          () -> "evt-" + ids.incrementAndGet());

  private static Job createdJob() {
    return Job.created(JobId.of("job-1"), ACME, JobType.ANALYZE, CREATED, "corr-1", "node-1");
  }

  @Test
  void schemaVersionsCoverExactlyTheKnownTypes() {
    assertThat(EventFactory.SCHEMA_VERSIONS.keySet()).isEqualTo(Set.copyOf(EventTypes.ALL));
    assertThat(EventFactory.SCHEMA_VERSIONS.values()).containsOnly("1");
  }

  @Test
  void jobCreatedCarriesTheJobsIdentityTimingAndSchemaVersion() {
    EventEnvelope event = factory.jobCreated(createdJob());

    assertThat(event.specversion()).isEqualTo("1.0");
    assertThat(event.id()).isEqualTo("evt-1");
    assertThat(event.source()).isEqualTo(URI.create("/udb/node-1"));
    assertThat(event.type()).isEqualTo(EventTypes.JOB_CREATED);
    assertThat(event.time()).isEqualTo(Instant.parse("2026-11-27T10:00:00.123Z"));
    assertThat(event.subject()).isEqualTo("jobs/job-1");
    assertThat(event.datacontenttype()).isEqualTo("application/json");
    assertThat(event.tenant()).isEqualTo(ACME);
    assertThat(event.correlationid()).isEqualTo("corr-1");
    assertThat(event.schemaversion()).isEqualTo("1");
    assertThat(event.data())
        .containsExactly(
            entry("jobId", "job-1"),
            entry("type", "analyze"),
            entry("state", "CREATED"),
            entry("progress", 0.0),
            entry("stage", null),
            entry("createdAt", "2026-11-27T09:59:00.000Z"),
            entry("startedAt", null),
            entry("finishedAt", null),
            entry("durationMs", null),
            entry("error", null));
    assertValid(event);
  }

  @Test
  void jobStateChangedCarriesPreviousStateAndDuration() {
    Job running = createdJob().started(STARTED).progressed(0.5, "profile");

    EventEnvelope event = factory.jobStateChanged(running, JobState.CREATED);

    assertThat(event.type()).isEqualTo(EventTypes.JOB_STATE_CHANGED);
    assertThat(event.data())
        .contains(
            entry("state", "RUNNING"),
            entry("previousState", "CREATED"),
            entry("progress", 0.5),
            entry("stage", "profile"),
            entry("startedAt", "2026-11-27T09:59:30.250Z"),
            entry("durationMs", 29_873L));
    assertValid(event);
  }

  @Test
  void failedJobEventCarriesTheError() {
    Job failed =
        createdJob()
            .started(STARTED)
            .failed(NOW, new JobError(ErrorCode.ENGINE_ERROR, "Out of disk", "profile"));

    EventEnvelope event = factory.jobStateChanged(failed, JobState.RUNNING);

    assertThat(event.data())
        .contains(
            entry("state", "FAILED"),
            entry("finishedAt", "2026-11-27T10:00:00.123Z"),
            entry("durationMs", 29_873L),
            entry(
                "error",
                mapOf("code", "ENGINE_ERROR", "message", "Out of disk", "stage", "profile")));
    assertValid(event);
  }

  @Test
  void everyLifecycleTransitionProducesAValidEvent() {
    Job created = createdJob();
    Job running = created.started(STARTED);
    List<EventEnvelope> events =
        List.of(
            factory.jobStateChanged(running, JobState.CREATED),
            factory.jobStateChanged(running.succeeded(NOW, Map.of("rows", 1)), JobState.RUNNING),
            factory.jobStateChanged(
                running.cancelled(NOW, new JobError(ErrorCode.JOB_CANCELLED, "Cancelled", null)),
                JobState.RUNNING),
            factory.jobStateChanged(
                created.failed(NOW, new JobError(ErrorCode.JOB_ABANDONED, "Node stopped", null)),
                JobState.CREATED),
            factory.jobStateChanged(
                created.cancelled(NOW, new JobError(ErrorCode.JOB_CANCELLED, "Cancelled", null)),
                JobState.CREATED));

    events.forEach(EventSchemaAssertions::assertValid);
    assertThat(events)
        .extracting(e -> e.data().get("state"))
        .containsExactly("RUNNING", "SUCCEEDED", "CANCELLED", "FAILED", "CANCELLED");
  }

  @Test
  void neverIncludesTheJobResult() {
    Job succeeded =
        createdJob()
            .started(STARTED)
            .succeeded(NOW, Map.of("customerEmail", "someone@example.com"));

    EventEnvelope event = factory.jobStateChanged(succeeded, JobState.RUNNING);

    assertThat(event.data()).doesNotContainKey("result");
    assertThat(CloudEventJson.encode(event)).doesNotContain("someone@example.com");
    assertValid(event);
  }

  @Test
  void refusesATransitionTheLifecycleDoesNotAllow() {
    Job running = createdJob().started(STARTED);

    assertThatThrownBy(() -> factory.jobStateChanged(running, JobState.SUCCEEDED))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("SUCCEEDED to RUNNING");
  }

  @Test
  void ingestCompletedIsValidAndNamesItsJob() {
    EventEnvelope event =
        factory.ingestCompleted(
            ACME,
            "corr-2",
            mapOf(
                "jobId", "job-7",
                "table", "orders",
                "rowsRead", 10,
                "rowsLoaded", 9,
                "rowsRejected", 1));

    assertThat(event.subject()).isEqualTo("jobs/job-7");
    assertThat(event.data()).containsEntry("rowsRead", 10L);
    assertValid(event);
  }

  @Test
  void ingestCompletedWithoutJobHasNoSubject() {
    EventEnvelope event =
        factory.ingestCompleted(
            ACME,
            "corr-2",
            mapOf("table", "orders", "rowsRead", 0, "rowsLoaded", 0, "rowsRejected", 0));

    assertThat(event.subject()).isNull();
    assertValid(event);
  }

  @Test
  void refusesIngestDataWithoutRowCounts() {
    assertThatThrownBy(
            () -> factory.ingestCompleted(ACME, "corr", mapOf("table", "t", "rowsLoaded", 1)))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("'rowsRead'");
  }

  @Test
  void analyzeCompletedIsValid() {
    EventEnvelope event =
        factory.analyzeCompleted(
            ACME,
            "corr-3",
            mapOf(
                "jobId",
                "job-9",
                "tables",
                List.of("orders", "customers"),
                "stages",
                List.of(
                    mapOf("name", "ingest", "status", "succeeded", "durationMs", 120),
                    mapOf("name", "drift", "status", "skipped")),
                "artifacts",
                List.of(mapOf("name", "profile.html", "contentType", "text/html", "size", 2048))));

    assertThat(event.subject()).isEqualTo("jobs/job-9");
    assertValid(event);
  }

  @Test
  void analyzeFailedIsValid() {
    EventEnvelope event =
        factory.analyzeFailed(
            ACME,
            "corr-4",
            mapOf(
                "jobId",
                "job-9",
                "stage",
                "quality",
                "error",
                mapOf("code", "SQL_EXECUTION_ERROR", "message", "Division by zero")));

    assertThat(event.subject()).isEqualTo("jobs/job-9");
    assertValid(event);
  }

  @Test
  void securityDeniedIsValidWithAndWithoutPrincipal() {
    EventEnvelope known = factory.securityDenied(ACME, "req-1", "FORBIDDEN", "alice", "sql.query");
    EventEnvelope anonymous =
        factory.securityDenied(ACME, "req-2", "UNAUTHENTICATED", null, "jobs.list");

    assertThat(known.data())
        .containsExactly(
            entry("reason", "FORBIDDEN"),
            entry("principal", "alice"),
            entry("operation", "sql.query"));
    assertThat(anonymous.data()).containsEntry("principal", null);
    assertThat(known.subject()).isNull();
    assertValid(known);
    assertValid(anonymous);
  }

  @Test
  void createBuildsAnyKnownType() {
    EventEnvelope event =
        factory.create(
            EventTypes.INGEST_COMPLETED,
            ACME,
            "corr-5",
            "tables/orders",
            mapOf("table", "orders", "rowsRead", 3, "rowsLoaded", 3, "rowsRejected", 0));

    assertThat(event.subject()).isEqualTo("tables/orders");
    assertValid(event);
  }

  @Test
  void createRefusesAnUnknownType() {
    assertThatThrownBy(() -> factory.create("udb.job.exploded", ACME, "corr", null, Map.of()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("udb.job.exploded")
        .hasMessageContaining(EventTypes.JOB_CREATED);
  }

  @Test
  void createRefusesDataThatIsNotJson() {
    Map<String, Object> data = mapOf("table", "t", "owner", mapOf("id", JobId.of("j-1")));

    assertThatThrownBy(() -> factory.create(EventTypes.INGEST_COMPLETED, ACME, "corr", null, data))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("data.owner.id")
        .hasMessageContaining(JobId.class.getName());
  }

  @Test
  void createRefusesANumberJsonCannotHold() {
    Map<String, Object> data = mapOf("ratio", Double.NaN);

    assertThatThrownBy(() -> factory.create(EventTypes.INGEST_COMPLETED, ACME, "corr", null, data))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT))
        .hasMessageContaining("data.ratio");
  }

  @Test
  void dataIsDetachedFromTheCallersMap() {
    Map<String, Object> nested = new LinkedHashMap<>(mapOf("code", "X", "message", "m"));
    Map<String, Object> data = mapOf("jobId", "job-1", "stage", "kpi", "error", nested);

    EventEnvelope event = factory.analyzeFailed(ACME, "corr", data);
    nested.put("message", "changed");

    assertThat(event.data().get("error")).isEqualTo(mapOf("code", "X", "message", "m"));
  }

  @Test
  void usesRandomUuidsByDefault() {
    EventFactory defaults =
        new EventFactory(URI.create("/udb/node-1"), Clock.fixed(NOW, ZoneOffset.UTC));

    EventEnvelope first = defaults.jobCreated(createdJob());
    EventEnvelope second = defaults.jobCreated(createdJob());

    assertThat(first.id())
        .matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
        .isNotEqualTo(second.id());
  }

  /** An insertion-ordered map that, unlike {@link Map#of}, allows null values. */
  static Map<String, Object> mapOf(Object... keysAndValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }
}
