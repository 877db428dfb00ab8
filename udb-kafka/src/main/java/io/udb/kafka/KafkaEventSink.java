package io.udb.kafka;

import io.udb.api.ErrorCode;
import io.udb.api.UdbException;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventSink;
import io.udb.core.event.CloudEventJson;
import io.udb.core.json.Json;
import io.udb.core.observe.MeteredPlugin;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.UdbMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers events to Kafka with an idempotent producer ({@code acks=all}), keyed by tenant so that
 * each tenant's events keep their order within a topic.
 *
 * <p>{@link #publish} only queues the event and returns; one dispatcher thread hands events to the
 * producer in order, and the producer retries them (with back-off) while the broker is away. At
 * most {@link KafkaSinkSettings#bufferSize()} events are held between {@code publish} and the
 * broker's acknowledgement; when that many are waiting, a new event is dropped, counted in {@value
 * MetricNames#EVENTS_DROPPED} (tags {@code sink=kafka}, {@code reason=buffer_full}) and logged. The
 * events held are delivered when the broker returns.
 *
 * <p>Records: key = tenant (UTF-8); in structured mode the value is the CloudEvents JSON of {@link
 * CloudEventJson} with header {@code content-type: application/cloudevents+json}; in binary mode
 * the value is the JSON of {@code data}, header {@code content-type: application/json}, and every
 * other attribute, {@code schemaversion} included, is a {@code ce_<name>} header.
 */
public final class KafkaEventSink implements EventSink, MeteredPlugin {
  private static final Logger LOG = LoggerFactory.getLogger(KafkaEventSink.class);

  /** The {@code sink} tag of this sink's meters. */
  public static final String SINK_TAG = "kafka";

  private final KafkaSinkSettings settings;
  private final Producer<byte[], byte[]> producer;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Deque<EventEnvelope> queue = new ArrayDeque<>();
  private final Thread dispatcher;
  private volatile UdbMetrics metrics = UdbMetrics.noop();
  private int inFlight;
  private long delivered;
  private long dropped;
  private long droppedInStreak;
  private boolean closing;
  private boolean closed;

  /**
   * A sink with a producer built from the settings.
   *
   * @param settings the settings
   */
  public KafkaEventSink(KafkaSinkSettings settings) {
    this(settings, s -> new KafkaProducer<>(producerConfig(s)));
  }

  KafkaEventSink(
      KafkaSinkSettings settings,
      Function<KafkaSinkSettings, Producer<byte[], byte[]>> producerFactory) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.producer = producerFactory.apply(settings);
    this.dispatcher = new Thread(this::dispatch, "udb-kafka-sink-" + settings.clientId());
    dispatcher.setDaemon(true);
    dispatcher.start();
  }

  /**
   * The producer properties the sink uses: the pass-through {@code producer.*} settings, then the
   * ones the sink fixes.
   *
   * @param settings the settings
   * @return the properties
   */
  static Map<String, Object> producerConfig(KafkaSinkSettings settings) {
    Map<String, Object> config = new HashMap<>(settings.producerProperties());
    config.put(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", settings.bootstrapServers()));
    config.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, settings.clientId());
    config.put(ProducerConfig.ACKS_CONFIG, "all");
    config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Up to 5 in flight keeps per-partition order under retries with an idempotent producer.
    config.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
    config.put(ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE);
    config.put(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, settings.retryBackoff().toMillis());
    config.put(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, settings.retryBackoffMax().toMillis());
    config.put(ProducerConfig.RECONNECT_BACKOFF_MS_CONFIG, settings.retryBackoff().toMillis());
    config.put(
        ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, settings.retryBackoffMax().toMillis());
    config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, settings.maxBlock().toMillis());
    // Without a delivery timeout the producer keeps an event until the broker takes it: the
    // sink's own buffer bound, not a clock, decides when events are given up.
    long deliveryTimeout =
        settings.deliveryTimeout() == null
            ? Integer.MAX_VALUE
            : Math.min(Integer.MAX_VALUE, settings.deliveryTimeout().toMillis());
    config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) deliveryTimeout);
    config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 5);
    config.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    config.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
    if (settings.deliveryTimeout() != null) {
      // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
      long linger = Long.parseLong(String.valueOf(config.get(ProducerConfig.LINGER_MS_CONFIG)));
      config.putIfAbsent(
          ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG,
          (int) Math.max(1, Math.min(30_000, deliveryTimeout - linger)));
    }
    return config;
  }

  @Override
  public void bindMetrics(UdbMetrics metrics) {
    this.metrics = Objects.requireNonNull(metrics, "metrics");
  }

  /**
   * Queues the event for delivery and returns at once; drops and counts it when the buffer is full.
   *
   * @throws UdbException with {@link ErrorCode#UNAVAILABLE} after {@link #close()}
   */
  @Override
  public void publish(EventEnvelope event) {
    Objects.requireNonNull(event, "event");
    boolean firstOfStreak = false;
    lock.lock();
    try {
      if (closing) {
        throw new UdbException(ErrorCode.UNAVAILABLE, "The Kafka event sink is closed");
      }
      if (queue.size() + inFlight >= settings.bufferSize()) {
        dropped++;
        droppedInStreak++;
        firstOfStreak = droppedInStreak == 1;
      } else {
        queue.addLast(event);
        changed.signalAll();
        return;
      }
    } finally {
      lock.unlock();
    }
    metrics.count(MetricNames.EVENTS_DROPPED, 1, "sink", SINK_TAG, "reason", "buffer_full");
    if (firstOfStreak) {
      LOG.warn(
          "Kafka event sink: {} events are waiting for the broker at {} (buffer-size); dropping"
              + " event type={} id={} tenant={} and every further event until the broker takes"
              + " some (counted in {})",
          settings.bufferSize(),
          settings.bootstrapServers(),
          event.type(),
          event.id(),
          event.tenant().value(),
          MetricNames.EVENTS_DROPPED);
    } else {
      LOG.debug("Kafka event sink dropped event type={} id={}", event.type(), event.id());
    }
  }

  /** Events the broker acknowledged since creation. */
  public long delivered() {
    lock.lock();
    try {
      return delivered;
    } finally {
      lock.unlock();
    }
  }

  /** Events given up since creation (buffer full, delivery failed for good, or closed). */
  public long dropped() {
    lock.lock();
    try {
      return dropped;
    } finally {
      lock.unlock();
    }
  }

  /** Events held: queued or sent but not yet acknowledged. */
  public int pending() {
    lock.lock();
    try {
      return queue.size() + inFlight;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits until nothing is pending.
   *
   * @param timeout how long to wait at most
   * @return true when every accepted event was acknowledged or given up, false on timeout
   * @throws InterruptedException when the waiting thread is interrupted
   */
  public boolean awaitIdle(Duration timeout) throws InterruptedException {
    long remaining = timeout.toNanos();
    lock.lock();
    try {
      while (queue.size() + inFlight > 0) {
        if (remaining <= 0) {
          return false;
        }
        remaining = changed.awaitNanos(remaining);
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void dispatch() {
    long backoffMillis = settings.retryBackoff().toMillis();
    while (true) {
      EventEnvelope next;
      lock.lock();
      try {
        while (queue.isEmpty() && !closing) {
          changed.awaitUninterruptibly();
        }
        if (queue.isEmpty() || closed) {
          return;
        }
        next = queue.peekFirst();
      } finally {
        lock.unlock();
      }
      ProducerRecord<byte[], byte[]> record;
      try {
        record = toRecord(next);
      } catch (RuntimeException e) {
        removeHead(next);
        drop(next, "unencodable", e);
        continue;
      }
      // Moved to in-flight before the send, so that a fast acknowledgement on the producer's
      // thread always finds it there.
      lock.lock();
      try {
        queue.pollFirst();
        inFlight++;
      } finally {
        lock.unlock();
      }
      Exception refused;
      try {
        refused = send(record, next);
      } catch (RuntimeException e) {
        refused = e;
      }
      if (refused == null) {
        backoffMillis = settings.retryBackoff().toMillis();
        continue;
      }
      // The producer did not take the record (it completed on this thread, or threw), so
      // nothing after it was sent either: put it back at the head to keep the order.
      boolean requeued;
      lock.lock();
      try {
        inFlight--;
        requeued = !closed;
        if (requeued) {
          queue.addFirst(next);
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
      if (!requeued) {
        drop(next, "closed", refused);
        return;
      }
      if (refused instanceof InterruptException) {
        Thread.interrupted();
      } else if (refused instanceof RetriableException) {
        LOG.debug(
            "Kafka event sink: broker at {} not ready ({}); retrying event id={} in {} ms",
            settings.bootstrapServers(),
            refused.getMessage(),
            next.id(),
            backoffMillis);
        if (!pause(backoffMillis)) {
          continue;
        }
        backoffMillis = Math.min(backoffMillis * 2, settings.retryBackoffMax().toMillis());
      } else {
        // Not retriable (e.g. the record is larger than the broker accepts): retrying would
        // block every later event.
        removeHead(next);
        drop(next, "rejected", refused);
      }
    }
  }

  /**
   * Hands one record to the producer.
   *
   * @return null when the producer took it (its outcome then arrives on the producer's thread), or
   *     the error with which the producer refused it at once (e.g. no metadata for the topic within
   *     max-block while the broker is away)
   */
  private Exception send(ProducerRecord<byte[], byte[]> record, EventEnvelope event) {
    Thread caller = Thread.currentThread();
    Exception[] refused = new Exception[1];
    producer.send(
        record,
        (metadata, exception) -> {
          // The producer completes a record it refuses on the sending thread, before send
          // returns; everything it accepted completes on its own network thread.
          if (Thread.currentThread() == caller && exception != null) {
            refused[0] = exception;
          } else {
            completed(event, exception);
          }
        });
    return refused[0];
  }

  private boolean isClosed() {
    lock.lock();
    try {
      return closed;
    } finally {
      lock.unlock();
    }
  }

  private void removeHead(EventEnvelope event) {
    lock.lock();
    try {
      if (queue.peekFirst() == event) {
        queue.pollFirst();
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /** Waits for a back-off; false when the sink is closed meanwhile. */
  private boolean pause(long millis) {
    lock.lock();
    try {
      long remaining = TimeUnit.MILLISECONDS.toNanos(millis);
      while (remaining > 0 && !closed) {
        remaining = changed.awaitNanos(remaining);
      }
      return !closed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } finally {
      lock.unlock();
    }
  }

  private void completed(EventEnvelope event, Exception exception) {
    long recovered = 0;
    boolean wasClosing;
    lock.lock();
    try {
      wasClosing = closing;
      inFlight--;
      if (exception == null) {
        delivered++;
        recovered = droppedInStreak;
        droppedInStreak = 0;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    if (exception != null) {
      drop(event, wasClosing ? "closed" : "delivery_failed", exception);
    } else if (recovered > 0) {
      LOG.warn(
          "Kafka event sink: the broker at {} takes events again; {} events were dropped while"
              + " the buffer was full",
          settings.bootstrapServers(),
          recovered);
    }
  }

  private void drop(EventEnvelope event, String reason, Exception cause) {
    lock.lock();
    try {
      dropped++;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    metrics.count(MetricNames.EVENTS_DROPPED, 1, "sink", SINK_TAG, "reason", reason);
    LOG.warn(
        "Kafka event sink gave up event type={} id={} tenant={} ({}): {}",
        event.type(),
        event.id(),
        event.tenant().value(),
        reason,
        cause.toString());
  }

  ProducerRecord<byte[], byte[]> toRecord(EventEnvelope event) {
    byte[] key = event.tenant().value().getBytes(StandardCharsets.UTF_8);
    String topic = settings.topicFor(event.type());
    List<Header> headers = new ArrayList<>();
    byte[] value;
    if (settings.contentMode() == KafkaSinkSettings.ContentMode.STRUCTURED) {
      headers.add(header("content-type", CloudEventJson.MEDIA_TYPE + "; charset=UTF-8"));
      value = CloudEventJson.encode(event).getBytes(StandardCharsets.UTF_8);
    } else {
      Map<String, Object> attributes = CloudEventJson.toMap(event);
      Object data = attributes.remove("data");
      Object contentType = attributes.remove("datacontenttype");
      headers.add(header("content-type", contentType == null ? EventEnvelope.JSON : contentType));
      attributes.forEach((name, attribute) -> headers.add(header("ce_" + name, attribute)));
      value = Json.write(data).getBytes(StandardCharsets.UTF_8);
    }
    return new ProducerRecord<>(topic, null, key, value, headers);
  }

  private static Header header(String name, Object value) {
    return new RecordHeader(name, String.valueOf(value).getBytes(StandardCharsets.UTF_8));
  }

  /**
   * Stops taking events, waits up to {@code close-timeout} for the held ones to be delivered, then
   * closes the producer. Events still undelivered are dropped, counted ({@code reason=closed}) and
   * logged.
   */
  @Override
  public void close() {
    long deadline = System.nanoTime() + settings.closeTimeout().toNanos();
    lock.lock();
    try {
      if (closing) {
        return;
      }
      closing = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    try {
      awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    lock.lock();
    try {
      closed = true;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    // A dispatcher waiting for metadata of a broker that is away is woken by the interrupt.
    dispatcher.interrupt();
    try {
      dispatcher.join(settings.maxBlock().toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    List<EventEnvelope> abandoned;
    lock.lock();
    try {
      abandoned = new ArrayList<>(queue);
      queue.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    // Records still in the producer fail with an error on a forced close and are counted by
    // their callbacks as reason=closed.
    producer.close(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
    for (EventEnvelope event : abandoned) {
      drop(event, "closed", new IllegalStateException("closed before delivery"));
    }
  }

  @Override
  public String toString() {
    return "KafkaEventSink[" + settings.bootstrapServers() + ", " + settings.topicMode() + "]";
  }
}
