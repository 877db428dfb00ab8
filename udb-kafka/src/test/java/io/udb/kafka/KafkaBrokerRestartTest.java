package io.udb.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.config.Settings;
import io.udb.api.event.EventEnvelope;
import io.udb.core.event.CloudEventJson;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.MicrometerMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * The broker goes away and comes back: what the sink held is delivered, nothing is lost or doubled,
 * each tenant's order holds, and what did not fit the buffer is counted as dropped.
 */
class KafkaBrokerRestartTest {
  private static final Duration WAIT = Duration.ofSeconds(45);

  @Test
  void eventsHeldWhileTheBrokerIsDownAreDeliveredInOrderWhenItReturns() throws Exception {
    String topic = "restart-events";
    int bufferSize = 40;
    try (KafkaTestCluster cluster = KafkaTestCluster.start()) {
      cluster.createTopics(topic);
      Map<String, String> settings = new LinkedHashMap<>();
      settings.put("bootstrap-servers", cluster.bootstrapServers());
      settings.put("topic", topic);
      settings.put("buffer-size", String.valueOf(bufferSize));
      settings.put("retry-backoff", "50ms");
      settings.put("retry-backoff-max", "500ms");
      SimpleMeterRegistry registry = new SimpleMeterRegistry();
      KafkaEvents events = new KafkaEvents("r");
      List<EventEnvelope> expected = new ArrayList<>();
      try (KafkaEventSink sink =
          new KafkaEventSink(KafkaSinkSettings.from(Settings.of(settings)))) {
        sink.bindMetrics(MicrometerMetrics.of(registry));
        for (int i = 0; i < 20; i++) {
          EventEnvelope event = events.ingested(i % 2 == 0 ? "acme" : "beta", i);
          expected.add(event);
          sink.publish(event);
        }
        assertThat(sink.awaitIdle(WAIT)).isTrue();
        assertThat(sink.delivered()).isEqualTo(20);

        cluster.stopBroker();
        // 50 events while the broker is away: the first 40 are held, the last 10 do not fit.
        for (int i = 20; i < 70; i++) {
          EventEnvelope event = events.ingested(i % 2 == 0 ? "acme" : "beta", i);
          if (i < 20 + bufferSize) {
            expected.add(event);
          }
          sink.publish(event);
        }
        assertThat(sink.pending()).isEqualTo(bufferSize);
        assertThat(sink.dropped()).isEqualTo(10);
        assertThat(
                registry
                    .counter(MetricNames.EVENTS_DROPPED, "sink", "kafka", "reason", "buffer_full")
                    .count())
            .isEqualTo(10.0);
        assertThat(sink.delivered()).isEqualTo(20);

        cluster.startBroker();
        assertThat(sink.awaitIdle(WAIT)).isTrue();
        assertThat(sink.delivered()).isEqualTo(20 + bufferSize);
        assertThat(sink.dropped()).isEqualTo(10);
      }

      List<ConsumerRecord<byte[], byte[]>> records = cluster.readAll(topic, expected.size(), WAIT);
      List<EventEnvelope> received = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> record : records) {
        received.add(CloudEventJson.decode(new String(record.value(), StandardCharsets.UTF_8)));
      }
      // Exactly the held events, none doubled by the producer's retries.
      assertThat(received).hasSize(expected.size()).containsExactlyInAnyOrderElementsOf(expected);
      for (String tenant : List.of("acme", "beta")) {
        assertThat(received.stream().filter(e -> e.tenant().value().equals(tenant)).toList())
            .containsExactlyElementsOf(
                expected.stream().filter(e -> e.tenant().value().equals(tenant)).toList());
      }
    }
  }
}
