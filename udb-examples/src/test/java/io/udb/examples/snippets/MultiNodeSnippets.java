package io.udb.examples.snippets;

import io.udb.api.config.Settings;
import io.udb.core.DataBox;
import io.udb.core.cluster.ClusterSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** docs/operations.md: a node of a multi-node deployment, and a scheduled task. */
final class MultiNodeSnippets {
  private MultiNodeSnippets() {}

  static DataBox node() {
    // spotless:off
    // snippet:begin MultiNodeBox
    DataBox box = DataBox.builder()
        .storageRoot(Path.of("/var/lib/udb"))          // this node's tenants (see placement below)
        .nodeId("udb-1")                                 // stable across restarts, unique per node
        .jobStore("jdbc")                                // shared PostgreSQL job store
        .cluster(ClusterSettings.defaults())             // leases and leader election timing
        .retention(Duration.ofDays(30), Duration.ofHours(1))
        .eventSinks(List.of("logging", "kafka"))         // udb-kafka on the class path
        .settings(Settings.of(Map.of(
            "job-store.jdbc.url", "jdbc:postgresql://db:5432/udb",
            "job-store.jdbc.user", "udb",
            "security.rate-limit.backend", "redis",
            "security.rate-limit.redis-url", "redis://redis:6379",
            "event-sink.kafka.bootstrap-servers", "kafka-1:9092,kafka-2:9092")))
        .build();
    // snippet:end
    // spotless:on
    return box;
  }

  static void schedule(DataBox box) {
    // spotless:off
    // snippet:begin SchedulerTask
    box.scheduler().schedule("acme.baseline-refresh", Duration.ofHours(6), period -> refreshBaselines());
    // snippet:end
    // spotless:on
  }

  private static void refreshBaselines() {}
}
