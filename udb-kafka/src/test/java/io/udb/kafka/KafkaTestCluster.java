package io.udb.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/** One real Kafka node (broker and controller combined, KRaft) running inside the test JVM. */
final class KafkaTestCluster implements AutoCloseable {
  private final KafkaClusterTestKit kit;

  private KafkaTestCluster(KafkaClusterTestKit kit) {
    this.kit = kit;
  }

  static KafkaTestCluster start() throws Exception {
    KafkaClusterTestKit kit =
        new KafkaClusterTestKit.Builder(
                new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .build())
            .setConfigProp("offsets.topic.replication.factor", "1")
            .setConfigProp("transaction.state.log.replication.factor", "1")
            .setConfigProp("transaction.state.log.min.isr", "1")
            .setConfigProp("num.partitions", "3")
            .setConfigProp("auto.create.topics.enable", "false")
            .setConfigProp("group.initial.rebalance.delay.ms", "0")
            .build();
    kit.format();
    kit.startup();
    kit.waitForReadyBrokers();
    return new KafkaTestCluster(kit);
  }

  /**
   * Creates topics and waits until they have leaders. Tests create their topics first: producing to
   * a topic that auto-creation is still electing a leader for can leave an idempotent producer's
   * first batch in the log while its acknowledgement is lost, a broker-side race that is not what
   * these tests are about.
   */
  void createTopics(String... topics) throws Exception {
    try (Admin admin = kit.admin()) {
      admin
          .createTopics(
              java.util.Arrays.stream(topics).map(t -> new NewTopic(t, 3, (short) 1)).toList())
          .all()
          .get();
      long end = System.nanoTime() + Duration.ofSeconds(30).toNanos();
      while (System.nanoTime() < end) {
        Map<String, org.apache.kafka.clients.admin.TopicDescription> described;
        try {
          described = admin.describeTopics(List.of(topics)).allTopicNames().get();
        } catch (java.util.concurrent.ExecutionException e) {
          // just created: the broker's metadata may not know the topic yet
          if (e.getCause()
              instanceof org.apache.kafka.common.errors.UnknownTopicOrPartitionException) {
            Thread.sleep(20);
            continue;
          }
          throw e;
        }
        if (described.values().stream()
            .allMatch(d -> d.partitions().stream().allMatch(p -> p.leader() != null))) {
          // The metadata can name a leader before the broker serves the partition; a first
          // produce then may be written yet answered NOT_LEADER, and its idempotent retry is
          // refused as out of order for good. ListOffsets is answered only by a serving leader.
          Map<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>
              latest = new java.util.HashMap<>();
          described
              .values()
              .forEach(
                  d ->
                      d.partitions()
                          .forEach(
                              p ->
                                  latest.put(
                                      new org.apache.kafka.common.TopicPartition(
                                          d.name(), p.partition()),
                                      org.apache.kafka.clients.admin.OffsetSpec.latest())));
          try {
            admin.listOffsets(latest).all().get();
            return;
          } catch (java.util.concurrent.ExecutionException notYet) {
            Thread.sleep(20);
            continue;
          }
        }
        Thread.sleep(20);
      }
      throw new AssertionError("Topics " + List.of(topics) + " have no leader after 30 s");
    }
  }

  String bootstrapServers() {
    return kit.bootstrapServers();
  }

  private BrokerServer broker() {
    return kit.brokers().values().iterator().next();
  }

  /** Stops the broker half of the node; the controller keeps running, the log dir stays. */
  void stopBroker() {
    broker().shutdown();
    broker().awaitShutdown();
  }

  /** Starts the same broker again, on its log dir and port. */
  void startBroker() throws Exception {
    broker().startup();
    kit.waitForReadyBrokers();
  }

  /**
   * Reads every record of a topic from the beginning until {@code expected} have arrived.
   *
   * @throws AssertionError when fewer arrive within the deadline
   */
  List<ConsumerRecord<byte[], byte[]>> readAll(String topic, int expected, Duration deadline) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + deadline.toNanos();
      while (out.size() < expected && System.nanoTime() < end) {
        consumer.poll(Duration.ofMillis(200)).forEach(out::add);
      }
      // One more short poll so that a duplicate beyond the expected count would be seen.
      consumer.poll(Duration.ofMillis(300)).forEach(out::add);
    }
    if (out.size() < expected) {
      throw new AssertionError(
          "Expected " + expected + " records on " + topic + " but read " + out.size());
    }
    return out;
  }

  Map<Integer, BrokerServer> brokers() {
    return kit.brokers();
  }

  @Override
  public void close() throws Exception {
    kit.close();
  }
}
