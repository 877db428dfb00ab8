package io.udb.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.plugin.PluginContext;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class InMemoryEventSinkTest {
  private final TestEvents events = new TestEvents();

  private static InMemoryEventSink create(Map<String, String> settings) {
    return (InMemoryEventSink)
        new InMemoryEventSinkFactory()
            .create(new PluginContext(Settings.of(settings), null, Clock.systemUTC()));
  }

  @Test
  void keepsEventsInOrder() {
    InMemoryEventSink sink = new InMemoryEventSink();
    EventEnvelope first = events.denied("a");
    EventEnvelope second = events.ingested("t");

    sink.publish(first);
    sink.publish(second);

    assertThat(sink.events()).containsExactly(first, second);
    assertThat(sink.events(EventTypes.INGEST_COMPLETED)).containsExactly(second);
    assertThat(sink.events(EventTypes.JOB_CREATED)).isEmpty();
  }

  @Test
  void dropsTheOldestWhenFullAndCountsIt() {
    InMemoryEventSink sink = new InMemoryEventSink(2);
    EventEnvelope a = events.denied("a");
    EventEnvelope b = events.denied("b");
    EventEnvelope c = events.denied("c");

    sink.publish(a);
    sink.publish(b);
    sink.publish(c);

    assertThat(sink.events()).containsExactly(b, c);
    assertThat(sink.dropped()).isEqualTo(1);
  }

  @Test
  void snapshotIsUnaffectedByLaterEvents() {
    InMemoryEventSink sink = new InMemoryEventSink();
    sink.publish(events.denied("a"));

    List<EventEnvelope> snapshot = sink.events();
    sink.publish(events.denied("b"));

    assertThat(snapshot).hasSize(1);
    assertThatThrownBy(() -> snapshot.add(events.denied("c")))
        .isInstanceOf(UnsupportedOperationException.class);
  }

  @Test
  void clearRemovesEventsAndResetsCounters() throws InterruptedException {
    InMemoryEventSink sink = new InMemoryEventSink(1);
    sink.publish(events.denied("a"));
    sink.publish(events.denied("b"));

    sink.clear();

    assertThat(sink.events()).isEmpty();
    assertThat(sink.dropped()).isZero();
    assertThat(sink.awaitCount(1, Duration.ZERO)).isFalse();
  }

  @Test
  void keepsEveryConcurrentPublishAccountedFor() throws InterruptedException {
    InMemoryEventSink sink = new InMemoryEventSink(100);
    int threads = 4;
    int perThread = 500;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      List<EventEnvelope> batch = new ArrayList<>();
      for (int i = 0; i < perThread; i++) {
        batch.add(events.denied("op"));
      }
      Thread worker =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                  return;
                }
                batch.forEach(sink::publish);
              });
      worker.start();
      workers.add(worker);
    }

    start.countDown();
    for (Thread worker : workers) {
      worker.join();
    }

    assertThat(sink.events()).hasSize(100).doesNotHaveDuplicates();
    assertThat(sink.dropped()).isEqualTo(threads * perThread - 100);
  }

  @Test
  void awaitCountReturnsOnceEventsArriveFromAnotherThread() throws InterruptedException {
    InMemoryEventSink sink = new InMemoryEventSink(2);
    Thread publisher =
        new Thread(
            () -> {
              for (int i = 0; i < 3; i++) {
                sink.publish(events.denied("op-" + i));
              }
            });

    publisher.start();
    boolean reached = sink.awaitCount(3, Duration.ofMinutes(1));
    publisher.join();

    // Counts events published, so it also covers one that was dropped.
    assertThat(reached).isTrue();
    assertThat(sink.dropped()).isEqualTo(1);
  }

  @Test
  void awaitCountReturnsFalseWhenTheTimeoutPasses() throws InterruptedException {
    InMemoryEventSink sink = new InMemoryEventSink();
    sink.publish(events.denied("a"));

    assertThat(sink.awaitCount(2, Duration.ofMillis(20))).isFalse();
    assertThat(sink.awaitCount(1, Duration.ZERO)).isTrue();
  }

  @Test
  void refusesACapacityBelowOne() {
    assertThatThrownBy(() -> new InMemoryEventSink(0)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void factoryReadsCapacityAndDefaultsTo10000() {
    assertThat(create(Map.of("capacity", "3")).capacity()).isEqualTo(3);
    assertThat(create(Map.of()).capacity()).isEqualTo(10_000);
  }

  @Test
  void factoryRefusesACapacityBelowOne() {
    assertThatThrownBy(() -> create(Map.of("capacity", "0")))
        .isInstanceOfSatisfying(
            ConfigurationException.class,
            e -> assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID))
        .hasMessageContaining("'capacity'");
  }

  @Test
  void factoryIsTheLowPriorityBuiltInNamedMemory() {
    InMemoryEventSinkFactory factory = new InMemoryEventSinkFactory();

    assertThat(factory.name()).isEqualTo("memory");
    assertThat(factory.priority()).isEqualTo(-100);
  }
}
