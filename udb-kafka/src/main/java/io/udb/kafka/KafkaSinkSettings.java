package io.udb.kafka;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.config.Settings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The settings of the {@code kafka} event sink, read under {@code event-sink.kafka.}.
 *
 * @param bootstrapServers {@code bootstrap-servers}: the brokers to contact first, required
 * @param topicMode {@code topic-mode}: one topic for every event, or one topic per event type
 * @param topic {@code topic}: the topic in {@link TopicMode#SINGLE} mode, default {@value
 *     #DEFAULT_TOPIC}
 * @param topicPrefix {@code topic-prefix}: put before the event type in {@link TopicMode#PER_TYPE}
 *     mode, default empty (topic {@code udb.job.created} and so on)
 * @param contentMode {@code content-mode}: CloudEvents structured JSON or binary (headers {@code
 *     ce_*}, value = data)
 * @param bufferSize {@code buffer-size}: the most events held while not yet acknowledged by the
 *     broker; beyond it new events are dropped and counted, default {@value #DEFAULT_BUFFER_SIZE}
 * @param retryBackoff {@code retry-backoff}: first wait before a retry, default 100 ms
 * @param retryBackoffMax {@code retry-backoff-max}: longest wait between retries, default 5 s
 * @param deliveryTimeout {@code delivery-timeout}: how long the producer retries one event before
 *     giving up on it (dropped and counted); default: without end, so that events wait for a broker
 *     that is down until the buffer is full
 * @param maxBlock {@code max-block}: how long one send may wait for topic metadata before the sink
 *     retries it, default 5 s
 * @param closeTimeout {@code close-timeout}: how long closing waits for undelivered events, default
 *     30 s
 * @param clientId {@code client-id}: the producer's client id, default {@code udb-events}
 * @param producerProperties {@code producer.*}: further producer properties passed as they are
 *     (security, compression, ...), except those the sink fixes
 */
public record KafkaSinkSettings(
    List<String> bootstrapServers,
    TopicMode topicMode,
    String topic,
    String topicPrefix,
    ContentMode contentMode,
    int bufferSize,
    Duration retryBackoff,
    Duration retryBackoffMax,
    Duration deliveryTimeout,
    Duration maxBlock,
    Duration closeTimeout,
    String clientId,
    Map<String, String> producerProperties) {

  /** The topic used in single-topic mode when none is configured. */
  public static final String DEFAULT_TOPIC = "udb.events";

  /** The buffer size used when none is configured. */
  public static final int DEFAULT_BUFFER_SIZE = 10_000;

  /**
   * Producer properties the sink sets itself: they carry its delivery guarantees (idempotence,
   * acknowledgement by all in-sync replicas, ordering) and its byte-array serializers.
   */
  static final Set<String> FIXED_PRODUCER_PROPERTIES =
      Set.of(
          "bootstrap.servers",
          "acks",
          "enable.idempotence",
          "max.in.flight.requests.per.connection",
          "retries",
          "key.serializer",
          "value.serializer",
          "transactional.id");

  /** Where events go. */
  public enum TopicMode {
    /** Every event to {@link KafkaSinkSettings#topic()}. */
    SINGLE,
    /** Each event to {@code topicPrefix + type}. */
    PER_TYPE
  }

  /** How an event is laid out in a record (CloudEvents Kafka protocol binding). */
  public enum ContentMode {
    /** The whole event as {@code application/cloudevents+json} in the value. */
    STRUCTURED,
    /** The data in the value; attributes as {@code ce_*} headers. */
    BINARY
  }

  /** Validates and copies. */
  public KafkaSinkSettings {
    bootstrapServers = List.copyOf(bootstrapServers);
    Objects.requireNonNull(topicMode, "topicMode");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(topicPrefix, "topicPrefix");
    Objects.requireNonNull(contentMode, "contentMode");
    Objects.requireNonNull(retryBackoff, "retryBackoff");
    Objects.requireNonNull(retryBackoffMax, "retryBackoffMax");
    Objects.requireNonNull(maxBlock, "maxBlock");
    Objects.requireNonNull(closeTimeout, "closeTimeout");
    Objects.requireNonNull(clientId, "clientId");
    producerProperties = Map.copyOf(producerProperties);
  }

  /**
   * Reads the settings.
   *
   * @param settings the sink's settings, prefix removed
   * @return the validated settings
   * @throws ConfigurationException naming the key that is missing or malformed
   */
  public static KafkaSinkSettings from(Settings settings) {
    List<String> servers = settings.getList("bootstrap-servers");
    if (servers.isEmpty()) {
      throw invalid(
          "Setting 'bootstrap-servers' is required: the Kafka brokers to contact, e.g."
              + " 'kafka-1:9092,kafka-2:9092'");
    }
    TopicMode topicMode =
        switch (settings.getString("topic-mode", "single").trim().toLowerCase(Locale.ROOT)) {
          case "single" -> TopicMode.SINGLE;
          case "per-type" -> TopicMode.PER_TYPE;
          default ->
              throw invalid(
                  "Setting 'topic-mode' has value '"
                      + settings.getString("topic-mode", "")
                      + "'; expected 'single' or 'per-type'");
        };
    String topic = settings.getString("topic", DEFAULT_TOPIC).trim();
    String prefix = settings.getString("topic-prefix", "").trim();
    if (topicMode == TopicMode.SINGLE) {
      requireTopicName("topic", topic);
    } else if (!prefix.isEmpty()) {
      requireTopicName("topic-prefix", prefix);
    }
    ContentMode contentMode =
        switch (settings.getString("content-mode", "structured").trim().toLowerCase(Locale.ROOT)) {
          case "structured" -> ContentMode.STRUCTURED;
          case "binary" -> ContentMode.BINARY;
          default ->
              throw invalid(
                  "Setting 'content-mode' has value '"
                      + settings.getString("content-mode", "")
                      + "'; expected 'structured' or 'binary'");
        };
    int bufferSize = settings.getInt("buffer-size", DEFAULT_BUFFER_SIZE);
    if (bufferSize < 1) {
      throw invalid(
          "Setting 'buffer-size' has value '" + bufferSize + "'; expected at least 1 event");
    }
    Duration backoff = positive(settings, "retry-backoff", Duration.ofMillis(100));
    Duration backoffMax = positive(settings, "retry-backoff-max", Duration.ofSeconds(5));
    if (backoffMax.compareTo(backoff) < 0) {
      throw invalid(
          "Setting 'retry-backoff-max' ("
              + backoffMax
              + ") must not be shorter than 'retry-backoff' ("
              + backoff
              + ")");
    }
    Duration deliveryTimeout =
        settings.raw("delivery-timeout").isPresent()
            ? positive(settings, "delivery-timeout", Duration.ZERO)
            : null;
    Duration maxBlock = positive(settings, "max-block", Duration.ofSeconds(5));
    Duration closeTimeout = positive(settings, "close-timeout", Duration.ofSeconds(30));
    String clientId = settings.getString("client-id", "udb-events").trim();
    Map<String, String> producer = new LinkedHashMap<>();
    Settings passThrough = settings.withPrefix("producer.");
    for (String key : passThrough.keys()) {
      if (FIXED_PRODUCER_PROPERTIES.contains(key)) {
        throw invalid(
            "Setting 'producer."
                + key
                + "' cannot be set: the Kafka sink fixes it to keep its delivery guarantees"
                + " (idempotent producer, acks=all, per-tenant order); remove it");
      }
      producer.put(key, passThrough.raw(key).orElse(""));
    }
    return new KafkaSinkSettings(
        servers.stream().map(String::trim).filter(s -> !s.isEmpty()).toList(),
        topicMode,
        topic,
        prefix,
        contentMode,
        bufferSize,
        backoff,
        backoffMax,
        deliveryTimeout,
        maxBlock,
        closeTimeout,
        clientId,
        producer);
  }

  /**
   * The topic an event of this type goes to.
   *
   * @param type the event type
   * @return the topic
   */
  public String topicFor(String type) {
    return topicMode == TopicMode.SINGLE ? topic : topicPrefix + type;
  }

  private static void requireTopicName(String key, String value) {
    // Kafka's own rule for topic names; checked here so that a typo fails at start-up rather
    // than on the first event.
    if (value.isEmpty() || value.length() > 249 || !value.matches("[a-zA-Z0-9._-]+")) {
      throw invalid(
          "Setting '"
              + key
              + "' has value '"
              + value
              + "'; expected a Kafka topic name of letters, digits, '.', '_' and '-'");
    }
  }

  private static Duration positive(Settings settings, String key, Duration defaultValue) {
    Duration value = settings.getDuration(key, defaultValue);
    if (value.isNegative() || value.isZero()) {
      throw invalid(
          "Setting '" + key + "' has value '" + value + "'; expected a positive duration");
    }
    return value;
  }

  private static ConfigurationException invalid(String message) {
    return new ConfigurationException(ErrorCode.CONFIG_INVALID, message);
  }
}
