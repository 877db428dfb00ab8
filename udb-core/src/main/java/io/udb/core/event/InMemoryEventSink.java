package io.udb.core.event;

import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Keeps the most recent events in memory, for tests and for hosts that poll. Bounded: when full,
 * the oldest event is dropped and counted. Thread-safe.
 */
public final class InMemoryEventSink implements EventSink {
  /** The capacity used when none is configured. */
  public static final int DEFAULT_CAPACITY = 10_000;

  private final int capacity;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition arrived = lock.newCondition();
  private final Deque<EventEnvelope> buffer = new ArrayDeque<>();
  private long received;
  private long dropped;

  /** A sink holding up to {@value #DEFAULT_CAPACITY} events. */
  public InMemoryEventSink() {
    this(DEFAULT_CAPACITY);
  }

  /**
   * A sink holding up to {@code capacity} events.
   *
   * @param capacity at least 1
   * @throws IllegalArgumentException when capacity is below 1
   */
  public InMemoryEventSink(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("Capacity must be at least 1, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** The most events held at once. */
  public int capacity() {
    return capacity;
  }

  @Override
  public void publish(EventEnvelope event) {
    Objects.requireNonNull(event, "event");
    lock.lock();
    try {
      if (buffer.size() == capacity) {
        buffer.removeFirst();
        dropped++;
      }
      buffer.addLast(event);
      received++;
      arrived.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** The events held, oldest first; a snapshot that later events do not change. */
  public List<EventEnvelope> events() {
    lock.lock();
    try {
      return List.copyOf(buffer);
    } finally {
      lock.unlock();
    }
  }

  /**
   * The events held of one type, oldest first.
   *
   * @param type the event type, e.g. {@code udb.job.created}
   * @return a snapshot
   */
  public List<EventEnvelope> events(String type) {
    return events().stream().filter(e -> e.type().equals(type)).toList();
  }

  /** How many events were dropped because the buffer was full, since creation or {@link #clear}. */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Removes all events and resets the counters. */
  public void clear() {
    lock.lock();
    try {
      buffer.clear();
      received = 0;
      dropped = 0;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until at least {@code n} events were published since creation or {@link #clear}
   * (including any dropped since).
   *
   * @param n the number of events to wait for
   * @param timeout how long to wait at most
   * @return true when the count was reached, false on timeout
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitCount(int n, Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (received < n) {
        if (remaining <= 0) {
          return false;
        }
        remaining = arrived.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String toString() {
    return "InMemoryEventSink[capacity=" + capacity + "]";
  }
}
