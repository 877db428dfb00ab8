package io.udb.core;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.event.EventSchemaAssertions;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.job.JobLimits;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DataBoxEventsTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final JobType INGEST = JobType.INGEST;
  private static final Duration WAIT = Duration.ofSeconds(30);

  @Test
  void eachJobEmitsCreatedRunningAndItsTerminalStateAndEveryEventIsValid() throws Exception {
    InMemoryEventSink sink = new InMemoryEventSink();
    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).eventSink(sink).build()) {
      Job succeeded = box.submit(ACME, INGEST, context -> Map.of("rows", 10));
      Job failed =
          box.submit(
              ACME,
              INGEST,
              context ->
                  context.stage(
                      "load",
                      () -> {
                        throw new UdbException(ErrorCode.INGEST_BAD_FORMAT, "Line 3 is not CSV");
                      }));
      CountDownLatch started = new CountDownLatch(1);
      Job cancelled =
          box.submit(
              ACME,
              INGEST,
              context -> {
                started.countDown();
                new CountDownLatch(1).await();
                return Map.of();
              });
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      box.cancelJob(ACME, cancelled.id());

      assertThat(box.awaitJob(ACME, succeeded.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(box.awaitJob(ACME, failed.id(), WAIT).state()).isEqualTo(JobState.FAILED);
      assertThat(box.awaitJob(ACME, cancelled.id(), WAIT).state()).isEqualTo(JobState.CANCELLED);

      assertLifecycle(sink, succeeded, "SUCCEEDED");
      assertLifecycle(sink, failed, "FAILED");
      assertLifecycle(sink, cancelled, "CANCELLED");
      EventEnvelope failure = eventsOf(sink, failed).get(2);
      assertThat(failure.data().get("error"))
          .isEqualTo(
              Map.of("code", "INGEST_BAD_FORMAT", "message", "Line 3 is not CSV", "stage", "load"));
      assertThat(eventsOf(sink, succeeded).get(2).data()).doesNotContainKey("result");
      assertThat(sink.events()).hasSize(9);
      sink.events().forEach(EventSchemaAssertions::assertValid);
    }
  }

  @Test
  void cancelledQueuedJobGoesFromCreatedStraightToCancelled() throws Exception {
    InMemoryEventSink sink = new InMemoryEventSink();
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .eventSink(sink)
            .jobLimits(new JobLimits(2, 1, 10))
            .build()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch gate = new CountDownLatch(1);
      Job first =
          box.submit(
              ACME,
              INGEST,
              context -> {
                started.countDown();
                gate.await();
                return Map.of();
              });
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      Job queued = box.submit(ACME, INGEST, context -> Map.of());

      box.cancelJob(ACME, queued.id());
      gate.countDown();
      box.awaitJob(ACME, first.id(), WAIT);

      assertThat(eventsOf(sink, queued))
          .extracting(DataBoxEventsTest::summary)
          .containsExactly(
              EventTypes.JOB_CREATED + " null->CREATED",
              EventTypes.JOB_STATE_CHANGED + " CREATED->CANCELLED");
      sink.events().forEach(EventSchemaAssertions::assertValid);
    }
  }

  @Test
  void throwingEventSinkDoesNotBreakJobsAndIsCounted() {
    InMemoryEventSink sink = new InMemoryEventSink();
    EventSink broken =
        event -> {
          throw new IllegalStateException("broker unreachable");
        };
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .eventSink(broken)
            .eventSink(sink)
            .build()) {
      Job job = box.submit(ACME, INGEST, context -> Map.of("rows", 1));

      assertThat(box.awaitJob(ACME, job.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(box.eventSinkFailures()).isEqualTo(Map.of(broken.getClass().getName(), 3L));
      assertLifecycle(sink, job, "SUCCEEDED");
    }
  }

  private static void assertLifecycle(InMemoryEventSink sink, Job job, String terminal) {
    List<EventEnvelope> events = eventsOf(sink, job);
    assertThat(events)
        .extracting(DataBoxEventsTest::summary)
        .containsExactly(
            EventTypes.JOB_CREATED + " null->CREATED",
            EventTypes.JOB_STATE_CHANGED + " CREATED->RUNNING",
            EventTypes.JOB_STATE_CHANGED + " RUNNING->" + terminal);
    for (EventEnvelope event : events) {
      assertThat(event.tenant()).isEqualTo(ACME);
      assertThat(event.correlationid()).isEqualTo(job.correlationId());
      assertThat(event.data())
          .containsEntry("jobId", job.id().value())
          .containsEntry("type", "ingest");
    }
  }

  private static List<EventEnvelope> eventsOf(InMemoryEventSink sink, Job job) {
    List<EventEnvelope> out = new ArrayList<>();
    for (EventEnvelope event : sink.events()) {
      if (("jobs/" + job.id()).equals(event.subject())) {
        out.add(event);
      }
    }
    return out;
  }

  private static String summary(EventEnvelope event) {
    return event.type()
        + " "
        + event.data().get("previousState")
        + "->"
        + event.data().get("state");
  }
}
