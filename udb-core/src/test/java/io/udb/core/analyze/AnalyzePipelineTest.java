package io.udb.core.analyze;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.udb.api.ErrorCode;
import io.udb.api.Principal;
import io.udb.api.Role;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.artifact.ArtifactName;
import io.udb.api.engine.SqlSession;
import io.udb.api.engine.TableRef;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.core.DataBox;
import io.udb.core.event.EventSchemaAssertions;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.json.Json;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.MicrometerMetrics;
import io.udb.security.authz.AccessDeniedException;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's semantics with fake stages, without any capability module: order, skipping,
 * failure (code, stage, artifacts kept, event), cancellation, progress, spans, metrics, access.
 */
class AnalyzePipelineTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final InMemoryEventSink events = new InMemoryEventSink();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider tracer =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final List<String> trace = new CopyOnWriteArrayList<>();
  private DataBox box;

  @BeforeEach
  void setUp() {
    box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of())
            .eventSink(events)
            .metrics(MicrometerMetrics.of(registry))
            .openTelemetry(OpenTelemetrySdk.builder().setTracerProvider(tracer).build())
            .build();
    try (SqlSession session = box.openSession(ACME)) {
      session.execute("CREATE TABLE orders (id INTEGER)", List.of());
      session.execute("CREATE TABLE \"Sales 2024\" (id INTEGER)", List.of());
    }
  }

  @AfterEach
  void tearDown() {
    box.close();
    tracer.close();
  }

  private Job await(Job job) {
    Job done = box.awaitJob(ACME, job.id(), WAIT);
    assertThat(done.state().isTerminal()).as("job %s finished", job.id()).isTrue();
    return done;
  }

  private List<String> manifest(Job job) {
    return box.manifest(ACME, job.id()).orElseThrow().artifacts().stream()
        .map(a -> a.name().value())
        .toList();
  }

  private Map<String, Object> summary(Job job) throws IOException {
    try (InputStream in =
        box.artifacts()
            .open(ACME, job.id(), ArtifactName.of(AnalyzePipeline.SUMMARY_ARTIFACT))
            .orElseThrow()) {
      return Json.readObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> stages(Map<String, Object> result) {
    return (List<Map<String, Object>>) result.get("stages");
  }

  private double timerCount(String stage, String outcome) {
    Timer timer =
        registry
            .find(MetricNames.ANALYZE_STAGE)
            .tag("stage", stage)
            .tag("outcome", outcome)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void runsTheStagesInTheirOrderAndReportsEach() throws IOException {
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(
            List.of(
                FakeStage.writing("c", 300, trace),
                FakeStage.writing("a", 100, trace),
                FakeStage.writing("b", 200, trace)));
    assertThat(pipeline.stageNames()).containsExactly("a", "b", "c");

    Job job =
        await(
            new AnalyzeService(pipeline)
                .submit(box, ACME, AnalyzeRequest.ofTables("orders", "Sales 2024")));

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(trace).containsExactly("a", "b", "c");
    Map<String, Object> result = job.result();
    assertThat(result.get("tables")).isEqualTo(List.of("orders", "Sales 2024"));
    assertThat(stages(result)).extracting(s -> s.get("stage")).containsExactly("a", "b", "c");
    assertThat(stages(result)).extracting(s -> s.get("status")).containsOnly("succeeded");
    assertThat(stages(result).get(0).get("summary")).isEqualTo(Map.of("tables", 2));
    // Two tables: each table's artifacts carry its prefix, so they never overwrite each other.
    assertThat(stages(result).get(0).get("artifacts"))
        .isEqualTo(List.of("orders.a.txt", "Sales_2024.a.txt"));
    assertThat(manifest(job))
        .containsExactlyInAnyOrder(
            "orders.a.txt",
            "Sales_2024.a.txt",
            "orders.b.txt",
            "Sales_2024.b.txt",
            "orders.c.txt",
            "Sales_2024.c.txt",
            "analyze.json");
    assertThat(summary(job)).isEqualTo(Json.readObject(Json.write(result)));
    assertThat(job.progress()).isEqualTo(1.0);

    List<EventEnvelope> completed = events.events(EventTypes.ANALYZE_COMPLETED);
    assertThat(completed).hasSize(1);
    EventSchemaAssertions.assertValid(completed.get(0));
    assertThat(completed.get(0).subject()).isEqualTo("jobs/" + job.id().value());
    assertThat(completed.get(0).data().get("artifacts").toString()).contains("analyze.json");
    assertThat(events.events(EventTypes.ANALYZE_FAILED)).isEmpty();
    assertThat(timerCount("b", "succeeded")).isEqualTo(1);
  }

  @Test
  void eachStageIsASpanUnderTheJobSpan() {
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(
            List.of(FakeStage.writing("a", 1, trace), FakeStage.writing("b", 2, trace)));

    Job job =
        await(new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders")));

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    List<SpanData> finished = spans.getFinishedSpanItems();
    SpanData jobSpan =
        finished.stream()
            .filter(s -> s.getName().equals("udb.job analyze"))
            .findFirst()
            .orElseThrow();
    for (String stage : List.of("a", "b")) {
      SpanData span =
          finished.stream()
              .filter(s -> s.getName().equals("udb.stage " + stage))
              .findFirst()
              .orElseThrow();
      assertThat(span.getParentSpanId()).isEqualTo(jobSpan.getSpanId());
      assertThat(span.getTraceId()).isEqualTo(jobSpan.getTraceId());
    }
  }

  @Test
  void oneTableKeepsTheStagesOwnArtifactNames() {
    AnalyzePipeline pipeline = AnalyzePipeline.of(List.of(FakeStage.writing("a", 1, trace)));

    Job job =
        await(new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders")));

    assertThat(manifest(job)).containsExactlyInAnyOrder("a.txt", "analyze.json");
  }

  @Test
  void stagesNamedInSkipDoNotRunAndAreReportedSkipped() {
    FakeStage skipped = FakeStage.writing("b", 2, trace);
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(
            List.of(FakeStage.writing("a", 1, trace), skipped, FakeStage.writing("c", 3, trace)));

    Job job =
        await(
            new AnalyzeService(pipeline)
                .submit(box, ACME, AnalyzeRequest.ofTables("orders").skipping("b")));

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(skipped.runs).isEmpty();
    assertThat(trace).containsExactly("a", "c");
    Map<String, Object> b = stages(job.result()).get(1);
    assertThat(b.get("status")).isEqualTo("skipped");
    assertThat(b.get("elapsedMs")).isEqualTo(0L);
    assertThat(b.get("summary")).isEqualTo(Map.of("reason", "skipped by the request"));
    assertThat(manifest(job)).doesNotContain("b.txt");
    assertThat(timerCount("b", "skipped")).isEqualTo(1);
    assertThat(timerCount("b", "succeeded")).isZero();
  }

  @Test
  void aStageWithNothingToDoReportsItselfSkipped() {
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(
            List.of(new FakeStage("kpi", 1, context -> StageResult.skipped("no KPI definitions"))));

    Job job =
        await(new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders")));

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(stages(job.result()).get(0))
        .containsEntry("status", "skipped")
        .containsEntry("summary", Map.of("reason", "no KPI definitions"));
    assertThat(timerCount("kpi", "skipped")).isEqualTo(1);
  }

  @Test
  void aFailingStageFailsTheJobNamingItAndKeepsTheArtifactsBefore() throws IOException {
    FakeStage after = FakeStage.writing("c", 3, trace);
    FakeStage failing =
        new FakeStage(
            "b",
            2,
            context -> {
              context.job().writeArtifact("b-partial.txt", "text/plain", new byte[] {1});
              // The failure comes from a step of the stage: the job still blames the stage.
              return context
                  .job()
                  .stage(
                      "inner",
                      () -> {
                        throw new UdbException(
                            ErrorCode.SQL_EXECUTION_ERROR, "Column \"nope\" not found");
                      });
            });
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(List.of(FakeStage.writing("a", 1, trace), failing, after));

    Job job =
        await(new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders")));

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().stage()).isEqualTo("b");
    assertThat(job.error().code()).isEqualTo(ErrorCode.SQL_EXECUTION_ERROR);
    assertThat(job.error().message()).isEqualTo("Stage b failed: Column \"nope\" not found");
    assertThat(after.runs).isEmpty();
    assertThat(manifest(job)).containsExactlyInAnyOrder("a.txt", "b-partial.txt", "analyze.json");

    Map<String, Object> summary = summary(job);
    assertThat(stages(summary))
        .extracting(s -> s.get("status"))
        .containsExactly("succeeded", "failed");
    assertThat(stages(summary).get(1).get("artifacts")).isEqualTo(List.of("b-partial.txt"));
    assertThat(summary.get("error"))
        .isEqualTo(
            Map.of(
                "code",
                "SQL_EXECUTION_ERROR",
                "message",
                "Stage b failed: Column \"nope\" not found",
                "stage",
                "b"));

    List<EventEnvelope> failed = events.events(EventTypes.ANALYZE_FAILED);
    assertThat(failed).hasSize(1);
    EventSchemaAssertions.assertValid(failed.get(0));
    assertThat(failed.get(0).data())
        .containsEntry("stage", "b")
        .containsEntry(
            "error",
            Map.of(
                "code",
                "SQL_EXECUTION_ERROR",
                "message",
                "Stage b failed: Column \"nope\" not found"));
    assertThat(failed.get(0).data().get("artifacts").toString()).contains("a.txt", "b-partial.txt");
    assertThat(events.events(EventTypes.ANALYZE_COMPLETED)).isEmpty();
    assertThat(timerCount("b", "failed")).isEqualTo(1);
  }

  @Test
  void anUnexpectedFailureIsAnalyzeFailed() {
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(
            List.of(
                new FakeStage(
                    "profile",
                    1,
                    context -> {
                      throw new IllegalStateException("bug");
                    })));

    Job job =
        await(new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders")));

    assertThat(job.state()).isEqualTo(JobState.FAILED);
    assertThat(job.error().code()).isEqualTo(ErrorCode.ANALYZE_FAILED);
    assertThat(job.error().stage()).isEqualTo("profile");
    assertThat(job.error().message())
        .startsWith("Stage profile failed unexpectedly (IllegalStateException)")
        .doesNotContain("bug");
  }

  @Test
  void cancellationInsideAStageStopsTheJobBeforeTheNextStage() throws Exception {
    CountDownLatch inside = new CountDownLatch(1);
    FakeStage after = FakeStage.writing("c", 3, trace);
    FakeStage looping =
        new FakeStage(
            "b",
            2,
            context -> {
              context.job().progress(0.5);
              inside.countDown();
              // A stage's loop checks cancellation between its units of work.
              while (true) {
                context.job().throwIfCancelled();
                Thread.onSpinWait();
              }
            });
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(List.of(FakeStage.writing("a", 1, trace), looping, after));

    Job job = new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders"));
    assertThat(inside.await(60, TimeUnit.SECONDS)).isTrue();
    Job running = box.job(ACME, job.id());
    assertThat(running.stage()).isEqualTo("b");
    // Stage b of two (a, b, c) at half way: within its share of the job.
    assertThat(running.progress()).isBetween(0.3, 0.65);
    box.cancelJob(ACME, job.id());
    Job done = await(job);

    assertThat(done.state()).isEqualTo(JobState.CANCELLED);
    assertThat(after.runs).isEmpty();
    assertThat(events.events(EventTypes.ANALYZE_FAILED)).isEmpty();
    assertThat(events.events(EventTypes.ANALYZE_COMPLETED)).isEmpty();
    assertThat(timerCount("b", "cancelled")).isEqualTo(1);
    assertThat(manifest(done)).contains("a.txt");
  }

  @Test
  void aStageAddsTablesForTheStagesAfterIt() {
    FakeStage sync =
        new FakeStage(
            "sync",
            1,
            context -> {
              context.addLoadedTable(TableRef.of("Sales 2024"));
              return StageResult.succeeded(Map.of());
            });
    FakeStage profile = FakeStage.writing("profile", 2, trace);
    AnalyzePipeline pipeline = AnalyzePipeline.of(List.of(sync, profile));

    Job job =
        await(new AnalyzeService(pipeline).submit(box, ACME, AnalyzeRequest.ofTables("orders")));

    assertThat(job.result().get("tables")).isEqualTo(List.of("orders", "Sales 2024"));
    AnalyzeContext seen = profile.runs.get(0);
    assertThat(seen.tables()).containsExactly(TableRef.of("orders"), TableRef.of("Sales 2024"));
    assertThat(seen.loadedTables()).containsExactly(TableRef.of("Sales 2024"));
    assertThat(manifest(job)).contains("orders.profile.txt", "Sales_2024.profile.txt");
  }

  @Test
  void requestsThePipelineCannotServeAreRefusedBeforeAJobIsCreated() {
    AnalyzeService service =
        new AnalyzeService(AnalyzePipeline.of(List.of(FakeStage.writing("profile", 1, trace))));

    assertThatThrownBy(
            () -> service.submit(box, ACME, AnalyzeRequest.ofTables("orders").skipping("drift")))
        .isInstanceOf(UdbException.class)
        .hasMessageContaining("'skip' names the stage 'drift', which does not exist")
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThatThrownBy(
            () ->
                service.submit(
                    box,
                    ACME,
                    AnalyzeRequest.ofTables("orders")
                        .withKpis(List.of(Map.of("name", "n", "measure", "id")))))
        .hasMessageContaining("'kpis' needs the analyze stage 'kpi', which is not installed");
    assertThatThrownBy(() -> service.submit(box, ACME, AnalyzeRequest.ofTables("missing")))
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.TABLE_NOT_FOUND);
    assertThat(box.jobs().list(ACME, 10)).isEmpty();
  }

  @Test
  void aViewerCannotStartAnAnalyzeJob() {
    AnalyzeService service =
        new AnalyzeService(AnalyzePipeline.of(List.of(FakeStage.writing("profile", 1, trace))));
    Principal viewer = Principal.of("vera", ACME, Role.VIEWER);

    assertThatThrownBy(() -> service.submit(box.as(viewer), AnalyzeRequest.ofTables("orders")))
        .isInstanceOf(AccessDeniedException.class)
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.FORBIDDEN);
    assertThat(box.jobs().list(ACME, 10)).isEmpty();
    assertThat(events.events(EventTypes.SECURITY_DENIED)).hasSize(1);
  }

  @Test
  void anAnalystRunsTheJobAsItselfHoldingAJobSlot() {
    FakeStage profile = FakeStage.writing("profile", 1, trace);
    AnalyzeService service = new AnalyzeService(AnalyzePipeline.of(List.of(profile)));
    Principal analyst = Principal.of("ann", ACME, Role.ANALYST);

    Job job = await(service.submit(box.as(analyst), AnalyzeRequest.ofTables("orders")));

    assertThat(job.state()).isEqualTo(JobState.SUCCEEDED);
    assertThat(job.type().name()).isEqualTo("analyze");
    assertThat(profile.runs.get(0).principal()).contains(analyst);
  }

  @Test
  void stagesWithTheSameNameAreRefusedAndAGivenStageReplacesADiscoveredOne() {
    assertThatThrownBy(
            () ->
                AnalyzePipeline.of(
                    List.of(FakeStage.writing("a", 1, trace), FakeStage.writing("a", 2, trace))))
        .extracting(e -> ((UdbException) e).code())
        .isEqualTo(ErrorCode.PLUGIN_AMBIGUOUS);
    FakeStage replacement = FakeStage.writing("a", 5, trace);
    AnalyzePipeline pipeline =
        AnalyzePipeline.of(
                List.of(FakeStage.writing("a", 1, trace), FakeStage.writing("b", 2, trace)))
            .withStages(List.of(replacement));
    assertThat(pipeline.stageNames()).containsExactly("b", "a");
    assertThat(pipeline.stages().get(1)).isSameAs(replacement);
  }

  @Test
  void discoversStagesThroughTheServiceLoader(@TempDir Path dir) throws Exception {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    Files.writeString(
        services.resolve(AnalyzeStage.class.getName()), DiscoverableStage.class.getName() + "\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader())) {
      AnalyzePipeline pipeline = AnalyzePipeline.discover(loader);
      assertThat(pipeline.stageNames()).containsExactly("discoverable");
    }

    Files.writeString(services.resolve(AnalyzeStage.class.getName()), "com.example.Missing\n");
    try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, loader())) {
      assertThatThrownBy(() -> AnalyzePipeline.discover(loader))
          .hasMessageContaining("An analyze stage could not be loaded")
          .hasMessageContaining("com.example.Missing")
          .extracting(e -> ((UdbException) e).code())
          .isEqualTo(ErrorCode.PLUGIN_BROKEN);
    }
  }

  private static ClassLoader loader() {
    return AnalyzePipelineTest.class.getClassLoader();
  }

  @Test
  void requestsReadFromJsonStrictly() {
    AnalyzeRequest request =
        AnalyzeRequest.fromJson(
            "{\"tables\":[\"orders\",\"ORDERS\"],\"connectionIds\":[],"
                + "\"kpis\":[{\"name\":\"n\",\"measure\":\"id\",\"aggregation\":\"count\"}],"
                + "\"checks\":[{\"check\":\"completeness\",\"column\":\"id\",\"min\":1}],"
                + "\"skip\":[\"drift\"]}");
    assertThat(request.tables()).containsExactly(TableRef.of("orders"));
    assertThat(request.kpis()).hasSize(1);
    assertThat(request.checks().get(0)).containsEntry("column", "id");
    assertThat(request.skip()).containsExactly("drift");
    assertThat(AnalyzeRequest.fromJson(request.toJson())).isEqualTo(request);

    List<String> refusals = new ArrayList<>();
    for (String json :
        List.of(
            "{}",
            "{\"tables\":\"orders\"}",
            "{\"tables\":[\"orders\"],\"extra\":1}",
            "{\"tables\":[\"orders\"],\"kpis\":[1]}",
            "{\"tables\":[\"orders\"],\"skip\":[\"DRIFT\"]}",
            "[1]")) {
      try {
        AnalyzeRequest.fromJson(json);
      } catch (UdbException e) {
        assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
        refusals.add(e.getMessage());
      }
    }
    assertThat(refusals)
        .hasSize(6)
        .anySatisfy(m -> assertThat(m).contains("at least one table"))
        .anySatisfy(m -> assertThat(m).contains("'tables' must be a list of strings"))
        .anySatisfy(m -> assertThat(m).contains("Unknown field 'extra'"))
        .anySatisfy(m -> assertThat(m).contains("'kpis' must be a list of objects"));
  }

  /** A stage for the discovery test. */
  public static final class DiscoverableStage implements AnalyzeStage {
    @Override
    public String name() {
      return "discoverable";
    }

    @Override
    public int order() {
      return 1;
    }

    @Override
    public StageResult run(AnalyzeContext context) {
      return StageResult.succeeded(Map.of());
    }
  }
}
