package io.udb.api.event;

/**
 * Receives UDB's events.
 *
 * <p>Contract: thread-safe; {@link #publish} is called on the thread that caused the event and
 * should return quickly (buffer and deliver asynchronously when delivery is slow); a sink may
 * throw, in which case UDB logs and counts the failure and other sinks still receive the event;
 * delivery is at-least-once where the sink can guarantee it, so consumers deduplicate by {@code
 * id}.
 */
public interface EventSink extends AutoCloseable {

  /**
   * Delivers one event.
   *
   * @param event the event
   */
  void publish(EventEnvelope event);

  /** Flushes and releases resources; the default does nothing. */
  @Override
  default void close() {}
}
