package io.udb.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.api.event.EventTypes;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.event.CloudEventJson;
import io.udb.core.json.Json;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.MicrometerMetrics;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The Kafka sink against a real KRaft broker in this JVM. */
class KafkaEventSinkTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static KafkaTestCluster cluster;

  @BeforeAll
  static void startKafka() throws Exception {
    cluster = KafkaTestCluster.start();
  }

  @AfterAll
  static void stopKafka() throws Exception {
    if (cluster != null) {
      cluster.close();
    }
  }

  private static Map<String, String> base(String topic) {
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap-servers", cluster.bootstrapServers());
    settings.put("topic", topic);
    settings.put("close-timeout", "10s");
    return settings;
  }

  private static KafkaEventSink sink(Map<String, String> settings) {
    return new KafkaEventSink(KafkaSinkSettings.from(Settings.of(settings)));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }

  private static Map<String, String> headers(ConsumerRecord<byte[], byte[]> record) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Header header : record.headers()) {
      out.put(header.key(), text(header.value()));
    }
    return out;
  }

  @Test
  void structuredModeKeysByTenantAndKeepsEachTenantsOrder() throws Exception {
    String topic = "structured-" + UUID.randomUUID();
    KafkaEvents events = new KafkaEvents("s");
    List<EventEnvelope> sent = new ArrayList<>();
    cluster.createTopics(topic);
    try (KafkaEventSink sink = sink(base(topic))) {
      for (int i = 0; i < 60; i++) {
        EventEnvelope event =
            events.ingested(i % 3 == 0 ? "acme" : i % 3 == 1 ? "beta" : "gamma", i);
        sent.add(event);
        sink.publish(event);
      }
      assertThat(sink.awaitIdle(WAIT)).isTrue();
      assertThat(sink.delivered()).isEqualTo(60);
      assertThat(sink.dropped()).isZero();
    }

    List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll(topic, 60, WAIT);
    assertThat(records).hasSize(60);
    Map<String, List<EventEnvelope>> byTenant = new HashMap<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      EventEnvelope decoded = CloudEventJson.decode(text(record.value()));
      assertThat(text(record.key())).isEqualTo(decoded.tenant().value());
      assertThat(headers(record))
          .containsEntry("content-type", "application/cloudevents+json; charset=UTF-8");
      assertThat(decoded.schemaversion()).isEqualTo("1");
      byTenant.computeIfAbsent(decoded.tenant().value(), k -> new ArrayList<>()).add(decoded);
    }
    for (String tenant : List.of("acme", "beta", "gamma")) {
      List<EventEnvelope> expected =
          sent.stream().filter(e -> e.tenant().value().equals(tenant)).toList();
      // Each tenant's events arrive whole, equal to what was sent, and in the order sent.
      assertThat(byTenant.get(tenant)).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void binaryModeCarriesAttributesAsHeadersAndDataAsValueOnPerTypeTopics() throws Exception {
    String prefix = "bin-" + UUID.randomUUID().toString().substring(0, 8) + ".";
    Map<String, String> settings = base("unused");
    settings.put("content-mode", "binary");
    settings.put("topic-mode", "per-type");
    settings.put("topic-prefix", prefix);
    KafkaEvents events = new KafkaEvents("b");
    EventEnvelope ingest = events.ingested("acme", 7);
    EventEnvelope denied = events.denied("beta", "sql");
    cluster.createTopics(prefix + EventTypes.INGEST_COMPLETED, prefix + EventTypes.SECURITY_DENIED);
    try (KafkaEventSink sink = sink(settings)) {
      sink.publish(ingest);
      sink.publish(denied);
      assertThat(sink.awaitIdle(WAIT)).isTrue();
      assertThat(sink.delivered()).isEqualTo(2);
    }

    ConsumerRecord<byte[], byte[]> record =
        cluster.readAll(prefix + EventTypes.INGEST_COMPLETED, 1, WAIT).get(0);
    assertThat(text(record.key())).isEqualTo("acme");
    assertThat(headers(record))
        .containsEntry("content-type", "application/json")
        .containsEntry("ce_specversion", "1.0")
        .containsEntry("ce_id", ingest.id())
        .containsEntry("ce_source", "/udb/kafka-test")
        .containsEntry("ce_type", EventTypes.INGEST_COMPLETED)
        .containsEntry("ce_time", "2026-11-27T10:00:00.123Z")
        .containsEntry("ce_tenant", "acme")
        .containsEntry("ce_correlationid", "corr-7")
        .containsEntry("ce_schemaversion", "1")
        .doesNotContainKey("ce_data");
    assertThat(Json.readObject(text(record.value())))
        .isEqualTo(Json.readObject(Json.write(ingest.data())));

    ConsumerRecord<byte[], byte[]> deniedRecord =
        cluster.readAll(prefix + EventTypes.SECURITY_DENIED, 1, WAIT).get(0);
    assertThat(headers(deniedRecord))
        .containsEntry("ce_id", denied.id())
        .containsEntry("ce_tenant", "beta");
  }

  @Test
  void aFullBufferDropsNewEventsAndCountsThemWhileTheBrokerIsAway() throws Exception {
    int unusedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      unusedPort = socket.getLocalPort();
    }
    Map<String, String> settings = new HashMap<>();
    settings.put("bootstrap-servers", "127.0.0.1:" + unusedPort);
    settings.put("buffer-size", "5");
    settings.put("max-block", "200ms");
    settings.put("close-timeout", "200ms");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    KafkaEvents events = new KafkaEvents("d");
    KafkaEventSink sink = sink(settings);
    sink.bindMetrics(MicrometerMetrics.of(registry));
    for (int i = 0; i < 12; i++) {
      sink.publish(events.ingested("acme", i));
    }
    assertThat(sink.pending()).isEqualTo(5);
    assertThat(sink.dropped()).isEqualTo(7);
    assertThat(
            registry
                .counter(MetricNames.EVENTS_DROPPED, "sink", "kafka", "reason", "buffer_full")
                .count())
        .isEqualTo(7.0);

    sink.close();
    // The five held are given up on close, each counted and logged.
    assertThat(sink.dropped()).isEqualTo(12);
    assertThat(
            registry
                .counter(MetricNames.EVENTS_DROPPED, "sink", "kafka", "reason", "closed")
                .count())
        .isEqualTo(5.0);
    assertThatThrownBy(() -> sink.publish(events.ingested("acme", 99)))
        .hasFieldOrPropertyWithValue("code", ErrorCode.UNAVAILABLE);
  }

  @Test
  void aDataBoxFindsTheSinkByNameAndItsJobEventsReachKafka() throws Exception {
    String topic = "box-" + UUID.randomUUID();
    Map<String, String> settings = new HashMap<>();
    base(topic).forEach((k, v) -> settings.put("event-sink.kafka." + k, v));
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    cluster.createTopics(topic);
    try (DataBox box =
        DataBox.builder()
            .inMemory()
            .eventSinks(List.of("kafka"))
            .settings(Settings.of(settings))
            .metrics(MicrometerMetrics.of(registry))
            .build()) {
      assertThat(box.plugins()).anySatisfy(p -> assertThat(p.name()).isEqualTo("kafka"));
      var job =
          box.submit(TenantId.of("acme"), JobType.MAINTENANCE, ctx -> Map.of("ok", true)).id();
      assertThat(box.awaitJob(TenantId.of("acme"), job, WAIT).state())
          .isEqualTo(JobState.SUCCEEDED);
    }
    // created, RUNNING, SUCCEEDED: closing the box flushed the sink.
    List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll(topic, 3, WAIT);
    List<String> types = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record : records) {
      EventEnvelope event = CloudEventJson.decode(text(record.value()));
      assertThat(event.schemaversion()).isEqualTo("1");
      assertThat(text(record.key())).isEqualTo("acme");
      types.add(event.type());
    }
    assertThat(types)
        .containsExactly(
            EventTypes.JOB_CREATED, EventTypes.JOB_STATE_CHANGED, EventTypes.JOB_STATE_CHANGED);
  }

  @Test
  void badSettingsNameTheKey() {
    assertThatThrownBy(() -> KafkaSinkSettings.from(Settings.empty()))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'bootstrap-servers' is required");
    assertThatThrownBy(
            () ->
                KafkaSinkSettings.from(
                    Settings.of(Map.of("bootstrap-servers", "x:1", "topic-mode", "many"))))
        .hasMessageContaining("'topic-mode' has value 'many'");
    assertThatThrownBy(
            () ->
                KafkaSinkSettings.from(
                    Settings.of(Map.of("bootstrap-servers", "x:1", "content-mode", "avro"))))
        .hasMessageContaining("'content-mode' has value 'avro'");
    assertThatThrownBy(
            () ->
                KafkaSinkSettings.from(
                    Settings.of(Map.of("bootstrap-servers", "x:1", "topic", "bad topic"))))
        .hasMessageContaining("'topic' has value 'bad topic'");
    assertThatThrownBy(
            () ->
                KafkaSinkSettings.from(
                    Settings.of(Map.of("bootstrap-servers", "x:1", "buffer-size", "0"))))
        .hasMessageContaining("'buffer-size'");
    assertThatThrownBy(
            () ->
                KafkaSinkSettings.from(
                    Settings.of(Map.of("bootstrap-servers", "x:1", "producer.acks", "1"))))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("'producer.acks' cannot be set");
  }

  @Test
  void theProducerIsIdempotentWithAcksAll() {
    Map<String, Object> config =
        KafkaEventSink.producerConfig(
            KafkaSinkSettings.from(
                Settings.of(
                    Map.of("bootstrap-servers", "a:1, b:2", "producer.compression.type", "zstd"))));
    assertThat(config)
        .containsEntry("bootstrap.servers", "a:1,b:2")
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("compression.type", "zstd")
        .containsEntry("delivery.timeout.ms", Integer.MAX_VALUE);
  }
}
