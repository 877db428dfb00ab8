package io.udb.core.cluster;

import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A second UDB node in its own JVM, for the tests that need a process that dies or holds a file
 * lock. Modes: {@code job <jdbcUrl> <table> <nodeId>} runs a job that never ends and prints {@code
 * RUNNING <jobId>}; {@code tenant <storageRoot> <tenant>} opens the tenant's database and prints
 * {@code HOLDING}. Then it waits until killed.
 */
public final class ChildNode {
  private ChildNode() {}

  public static void main(String[] args) throws Exception {
    CountDownLatch never = new CountDownLatch(1);
    if (args[0].equals("job")) {
      DataBox box =
          DataBox.builder()
              .inMemory()
              .nodeId(args[3])
              .eventSinks(List.of())
              .jobStore("jdbc")
              .cluster(
                  new ClusterSettings(
                      Duration.ofSeconds(2),
                      Duration.ofMillis(100),
                      Duration.ofSeconds(2),
                      Duration.ofMillis(100)))
              .settings(
                  Settings.of(
                      Map.of(
                          "job-store.jdbc.url", args[1],
                          "job-store.jdbc.user", "postgres",
                          "job-store.jdbc.table", args[2])))
              .build();
      TenantId tenant = TenantId.of("acme");
      var job =
          box.submit(
              tenant,
              JobType.ANALYZE,
              ctx -> {
                never.await();
                return Map.of();
              });
      while (box.job(tenant, job.id()).state() != JobState.RUNNING) {
        Thread.onSpinWait();
      }
      System.out.println("RUNNING " + job.id().value());
    } else {
      DataBox box = DataBox.builder().storageRoot(Path.of(args[1])).eventSinks(List.of()).build();
      box.query(TenantId.of(args[2]), "SELECT 1");
      System.out.println("HOLDING");
    }
    System.out.flush();
    never.await();
  }
}
