package io.udb.exampleplugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.api.job.Job;
import io.udb.api.job.JobType;
import io.udb.api.plugin.PluginContext;
import io.udb.core.DataBox;
import io.udb.core.event.CloudEventJson;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CloudEventsFileSinkTest {
  private static final TenantId TENANT = TenantId.of("acme");

  @TempDir Path storage;

  private static List<EventEnvelope> read(Path file) throws Exception {
    List<EventEnvelope> events = new ArrayList<>();
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      events.add(CloudEventJson.decode(line));
    }
    return events;
  }

  @Test
  void aDataBoxSelectsTheSinkByNameAndWritesItsJobEvents() throws Exception {
    Job done;
    try (DataBox box =
        DataBox.builder().storageRoot(storage).eventSinks(List.of("cloudevents-file")).build()) {
      assertThat(box.plugins())
          .anySatisfy(
              plugin -> {
                assertThat(plugin.name()).isEqualTo("cloudevents-file");
                assertThat(plugin.className())
                    .isEqualTo(CloudEventsFileSinkFactory.class.getName());
              });
      Job job = box.submit(TENANT, JobType.of("report"), context -> Map.of("ok", true));
      done = box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
    }

    List<EventEnvelope> events = read(storage.resolve("events/cloudevents.jsonl"));
    assertThat(events)
        .extracting(EventEnvelope::type)
        .containsExactly("udb.job.created", "udb.job.state.changed", "udb.job.state.changed");
    assertThat(events)
        .allSatisfy(
            e -> {
              assertThat(e.tenant()).isEqualTo(TENANT);
              assertThat(e.subject()).contains(done.id().toString());
            });
  }

  @Test
  void keepsOnlyTheConfiguredTypesAndAppendsAcrossRestarts() throws Exception {
    Path file = storage.resolve("out/finished.jsonl");
    for (int run = 0; run < 2; run++) {
      try (DataBox box =
          DataBox.builder()
              .storageRoot(storage)
              .eventSinks(List.of("cloudevents-file"))
              .settings(
                  Settings.of(
                      Map.of(
                          "event-sink.cloudevents-file.path", file.toString(),
                          "event-sink.cloudevents-file.types", "udb.job.state.changed",
                          "event-sink.cloudevents-file.fsync", "true")))
              .build()) {
        Job job = box.submit(TENANT, JobType.of("report"), context -> Map.of());
        box.awaitJob(TENANT, job.id(), Duration.ofMinutes(1));
      }
    }

    assertThat(read(file))
        .hasSize(4)
        .extracting(EventEnvelope::type)
        .containsOnly("udb.job.state.changed");
  }

  @Test
  void concurrentPublishersNeverInterleaveLines() throws Exception {
    Path file = storage.resolve("concurrent.jsonl");
    int threads = 8;
    int perThread = 250;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (EventSink sink = new CloudEventsFileSink(file, Set.of(), false)) {
      List<Future<?>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        futures.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < perThread; i++) {
                    sink.publish(event(thread + "-" + i, "x".repeat(2_000 + i)));
                  }
                }));
      }
      for (Future<?> future : futures) {
        future.get(1, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }

    List<EventEnvelope> events = read(file);
    Set<String> ids = new HashSet<>();
    events.forEach(e -> ids.add(e.id()));
    assertThat(events).hasSize(threads * perThread);
    assertThat(ids).hasSize(threads * perThread);
  }

  private static EventEnvelope event(String id, String payload) {
    return new EventEnvelope(
        EventEnvelope.SPEC_VERSION,
        id,
        URI.create("/udb/test"),
        "udb.test.happened",
        Instant.parse("2026-01-02T03:04:05Z"),
        "tests/" + id,
        EventEnvelope.JSON,
        Map.of("payload", payload),
        TENANT,
        "corr-" + id,
        "1");
  }

  @Test
  void refusesUnknownSettingsAndRelativePathsWithoutAStorageRoot() {
    CloudEventsFileSinkFactory factory = new CloudEventsFileSinkFactory();

    assertThatThrownBy(
            () ->
                factory.create(
                    new PluginContext(
                        Settings.of(Map.of("file", "x.jsonl")), storage, Clock.systemUTC())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith("Unknown setting 'file' of the cloudevents-file sink");
    assertThatThrownBy(
            () -> factory.create(new PluginContext(Settings.empty(), null, Clock.systemUTC())))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("give an absolute path");
  }
}
