package io.udb.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobManagerTracingTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final JobType ANALYZE = JobType.ANALYZE;
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final AttributeKey<String> TENANT = AttributeKey.stringKey("udb.tenant");
  private static final AttributeKey<String> JOB_ID = AttributeKey.stringKey("udb.job.id");

  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final SdkTracerProvider tracerProvider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(exporter)).build();

  @AfterEach
  void closeTracer() {
    tracerProvider.close();
  }

  private DataBox tracedBox() {
    return DataBox.builder()
        .inMemory()
        .eventSinks(List.of())
        .openTelemetry(OpenTelemetrySdk.builder().setTracerProvider(tracerProvider).build())
        .build();
  }

  private SpanData span(String name) {
    List<SpanData> named =
        exporter.getFinishedSpanItems().stream().filter(s -> s.getName().equals(name)).toList();
    assertThat(named).as("spans named %s", name).hasSize(1);
    return named.get(0);
  }

  @Test
  void jobWithTwoStagesYieldsAJobSpanWithAChildSpanPerStage() {
    try (DataBox box = tracedBox()) {
      Job job =
          box.submit(
              ACME,
              ANALYZE,
              context -> {
                context.stage("load", () -> 1);
                context.stage("profile", () -> 2);
                return Map.of();
              });
      assertThat(box.awaitJob(ACME, job.id(), WAIT).state()).isEqualTo(JobState.SUCCEEDED);

      SpanData jobSpan = span("udb.job analyze");
      SpanData load = span("udb.stage load");
      SpanData profile = span("udb.stage profile");
      assertThat(jobSpan.getParentSpanContext().isValid()).isFalse();
      for (SpanData stage : List.of(load, profile)) {
        assertThat(stage.getParentSpanId()).isEqualTo(jobSpan.getSpanId());
        assertThat(stage.getTraceId()).isEqualTo(jobSpan.getTraceId());
        assertThat(stage.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
      }
      for (SpanData span : List.of(jobSpan, load, profile)) {
        assertThat(span.getAttributes().get(TENANT)).isEqualTo("acme");
        assertThat(span.getAttributes().get(JOB_ID)).isEqualTo(job.id().value());
      }
      assertThat(jobSpan.getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
      assertThat(jobSpan.getAttributes().get(AttributeKey.stringKey("udb.job.state")))
          .isEqualTo("SUCCEEDED");
      assertThat(exporter.getFinishedSpanItems()).hasSize(3);
    }
  }

  @Test
  void failedStageAndItsJobHaveErrorStatus() {
    try (DataBox box = tracedBox()) {
      Job job =
          box.submit(
              ACME,
              ANALYZE,
              context -> {
                context.stage("load", () -> 1);
                return context.stage(
                    "profile",
                    () -> {
                      throw new UdbException(ErrorCode.SQL_TIMEOUT, "Profiling timed out");
                    });
              });
      assertThat(box.awaitJob(ACME, job.id(), WAIT).state()).isEqualTo(JobState.FAILED);

      SpanData profile = span("udb.stage profile");
      assertThat(profile.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
      assertThat(profile.getEvents()).extracting(e -> e.getName()).contains("exception");
      assertThat(span("udb.stage load").getStatus().getStatusCode()).isNotEqualTo(StatusCode.ERROR);
      assertThat(span("udb.job analyze").getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    }
  }

  @Test
  void jobsRunWithoutAnSdk() {
    AtomicBoolean spanWasValid = new AtomicBoolean(true);
    try (DataBox box = DataBox.builder().inMemory().eventSinks(List.of()).build()) {
      Job job =
          box.submit(
              ACME,
              ANALYZE,
              context ->
                  context.stage(
                      "profile",
                      () -> {
                        spanWasValid.set(Span.current().getSpanContext().isValid());
                        return Map.of("ok", true);
                      }));

      Job done = box.awaitJob(ACME, job.id(), WAIT);

      assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
      assertThat(done.result()).isEqualTo(Map.of("ok", true));
      assertThat(spanWasValid).isFalse();
    }
  }

  @Test
  void jobSpanHasEndedWhenWaitersWake() throws Exception {
    try (DataBox box = tracedBox()) {
      CountDownLatch started = new CountDownLatch(1);
      CountDownLatch gate = new CountDownLatch(1);
      Job job =
          box.submit(
              ACME,
              ANALYZE,
              context -> {
                started.countDown();
                gate.await();
                return Map.of();
              });
      assertThat(started.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      AtomicReference<List<String>> endedWhenDone = new AtomicReference<>();
      CountDownLatch hookRan = new CountDownLatch(1);
      box.jobs()
          .running(ACME, job.id())
          .orElseThrow()
          .done
          .thenRun(
              () -> {
                endedWhenDone.set(
                    exporter.getFinishedSpanItems().stream().map(SpanData::getName).toList());
                hookRan.countDown();
              });

      gate.countDown();

      assertThat(hookRan.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(endedWhenDone.get()).contains("udb.job analyze");
    }
  }
}
