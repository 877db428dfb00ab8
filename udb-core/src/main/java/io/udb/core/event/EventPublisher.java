package io.udb.core.event;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans each event out to a fixed list of sinks, in order. A sink that throws is logged at WARN (its
 * class and the event's type and id, never the data) and counted, and the other sinks still receive
 * the event. Closing the publisher closes every sink. Thread-safe when the sinks are.
 */
public final class EventPublisher implements EventSink {
  private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);

  private final List<EventSink> sinks;
  private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * A publisher over the given sinks.
   *
   * @param sinks the sinks, each receiving every event; the publisher owns and closes them
   */
  public EventPublisher(List<? extends EventSink> sinks) {
    this.sinks = List.copyOf(sinks);
  }

  /** The sinks, in delivery order. */
  public List<EventSink> sinks() {
    return sinks;
  }

  /**
   * Delivers the event to every sink.
   *
   * @param event the event
   * @throws UdbException with {@link ErrorCode#UNAVAILABLE} after {@link #close()}
   */
  @Override
  public void publish(EventEnvelope event) {
    Objects.requireNonNull(event, "event");
    if (closed.get()) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "The event publisher is closed");
    }
    for (EventSink sink : sinks) {
      try {
        sink.publish(event);
      } catch (Exception | LinkageError e) {
        // A plugin sink may fail in any way, including a class missing from its jar; one broken
        // sink must not cost the others their events.
        failures.computeIfAbsent(sink.getClass().getName(), k -> new LongAdder()).increment();
        LOG.warn(
            "Event sink {} failed to publish event type={} id={}",
            sink.getClass().getName(),
            event.type(),
            event.id(),
            e);
      }
    }
  }

  /**
   * How many events each sink class failed to publish, by class name; classes that never failed are
   * absent.
   *
   * @return a sorted snapshot
   */
  public Map<String, Long> failures() {
    Map<String, Long> out = new TreeMap<>();
    failures.forEach((sink, count) -> out.put(sink, count.sum()));
    return out;
  }

  /** Closes every sink once; a sink that fails to close is logged and the others still close. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    for (EventSink sink : sinks) {
      try {
        sink.close();
      } catch (Exception | LinkageError e) {
        LOG.warn("Event sink {} failed to close", sink.getClass().getName(), e);
      }
    }
  }
}
