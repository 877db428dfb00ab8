package io.udb.core.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class EventPublisherTest {
  private final Logger logger = (Logger) LoggerFactory.getLogger(EventPublisher.class);
  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final TestEvents events = new TestEvents();

  /** A sink that always fails, the way a broken plugin would. */
  static final class BrokenSink implements EventSink {
    final List<String> closed = new ArrayList<>();

    @Override
    public void publish(EventEnvelope event) {
      throw new IllegalStateException("broker unreachable");
    }

    @Override
    public void close() {
      closed.add("closed");
      throw new IllegalStateException("cannot flush");
    }
  }

  @BeforeEach
  void captureLog() {
    appender.start();
    logger.addAppender(appender);
  }

  @AfterEach
  void releaseLog() {
    logger.detachAppender(appender);
  }

  @Test
  void deliversToEverySinkInOrder() {
    InMemoryEventSink first = new InMemoryEventSink();
    InMemoryEventSink second = new InMemoryEventSink();
    EventEnvelope event = events.denied("a");

    try (EventPublisher publisher = new EventPublisher(List.of(first, second))) {
      publisher.publish(event);
    }

    assertThat(first.events()).containsExactly(event);
    assertThat(second.events()).containsExactly(event);
  }

  @Test
  void aThrowingSinkDoesNotCostTheOthersTheirEvents() {
    InMemoryEventSink before = new InMemoryEventSink();
    InMemoryEventSink after = new InMemoryEventSink();
    EventPublisher publisher = new EventPublisher(List.of(before, new BrokenSink(), after));
    EventEnvelope a = events.denied("a");
    EventEnvelope b = events.denied("b");

    publisher.publish(a);
    publisher.publish(b);

    assertThat(before.events()).containsExactly(a, b);
    assertThat(after.events()).containsExactly(a, b);
    assertThat(publisher.failures()).isEqualTo(Map.of(BrokenSink.class.getName(), 2L));
  }

  @Test
  void logsAFailureWithSinkTypeAndIdButNoData() {
    EventPublisher publisher = new EventPublisher(List.of(new BrokenSink()));
    EventEnvelope event = events.denied("secret-operation-name");

    publisher.publish(event);

    assertThat(appender.list)
        .singleElement()
        .satisfies(
            line -> {
              assertThat(line.getLevel()).isEqualTo(Level.WARN);
              assertThat(line.getFormattedMessage())
                  .contains(BrokenSink.class.getName())
                  .contains(event.type())
                  .contains(event.id())
                  .doesNotContain("secret-operation-name")
                  .doesNotContain("alice");
              assertThat(line.getThrowableProxy().getMessage()).isEqualTo("broker unreachable");
            });
  }

  @Test
  void countsNoFailuresWhenAllSinksSucceed() {
    EventPublisher publisher = new EventPublisher(List.of(new InMemoryEventSink()));

    publisher.publish(events.denied("a"));

    assertThat(publisher.failures()).isEmpty();
  }

  @Test
  void closesEverySinkEvenWhenOneFailsToClose() {
    List<String> closed = new ArrayList<>();
    EventSink first = new RecordingSink("first", closed);
    BrokenSink broken = new BrokenSink();
    EventSink last = new RecordingSink("last", closed);
    EventPublisher publisher = new EventPublisher(List.of(first, broken, last));

    publisher.close();
    publisher.close();

    assertThat(closed).containsExactly("first", "last");
    assertThat(broken.closed).hasSize(1);
  }

  @Test
  void refusesToPublishAfterClose() {
    InMemoryEventSink sink = new InMemoryEventSink();
    EventPublisher publisher = new EventPublisher(List.of(sink));
    publisher.close();

    assertThatThrownBy(() -> publisher.publish(events.denied("late")))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThat(sink.events()).isEmpty();
  }

  private record RecordingSink(String name, List<String> closed) implements EventSink {
    @Override
    public void publish(EventEnvelope event) {}

    @Override
    public void close() {
      closed.add(name);
    }
  }
}
