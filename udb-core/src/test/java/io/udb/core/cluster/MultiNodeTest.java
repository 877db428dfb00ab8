package io.udb.core.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.config.Settings;
import io.udb.api.event.EventTypes;
import io.udb.api.job.Job;
import io.udb.api.job.JobState;
import io.udb.api.job.JobType;
import io.udb.core.DataBox;
import io.udb.core.event.InMemoryEventSink;
import io.udb.core.job.store.TestPostgres;
import io.udb.core.observe.MetricNames;
import io.udb.core.observe.MicrometerMetrics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several nodes on one PostgreSQL job store: shared jobs, job leases, the leader-elected scheduler
 * and tenant placement. Each test has its own schema; "nodes" are DataBox instances in this JVM or
 * {@link ChildNode} processes that are killed.
 */
class MultiNodeTest {
  private static final TenantId ACME = TenantId.of("acme");
  private static final Duration DEADLINE = Duration.ofSeconds(60);
  private static final ClusterSettings FAST =
      new ClusterSettings(
          Duration.ofSeconds(2),
          Duration.ofMillis(50),
          Duration.ofSeconds(2),
          Duration.ofMillis(100));

  private String schema;
  private final List<DataBox> boxes = new ArrayList<>();

  @BeforeEach
  void createSchema() throws Exception {
    schema = TestPostgres.createSchema();
  }

  @AfterEach
  void dropSchema() throws Exception {
    for (DataBox box : boxes) {
      box.close();
    }
    TestPostgres.dropSchema(schema);
  }

  private DataBox node(String nodeId, InMemoryEventSink sink) {
    return node(nodeId, sink, AbandonedJobPolicy.FAIL);
  }

  private DataBox node(String nodeId, InMemoryEventSink sink, AbandonedJobPolicy policy) {
    DataBox box =
        DataBox.builder()
            .abandonedJobs(policy)
            .inMemory()
            .nodeId(nodeId)
            .eventSinks(List.of())
            .eventSink(sink)
            .jobStore("jdbc")
            .cluster(FAST)
            .settings(
                Settings.of(
                    Map.of(
                        "job-store.jdbc.url",
                        TestPostgres.urlOf(schema),
                        "job-store.jdbc.user",
                        TestPostgres.USER)))
            .build();
    boxes.add(box);
    return box;
  }

  private static void await(String what, BooleanSupplier condition) throws InterruptedException {
    long end = System.nanoTime() + DEADLINE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("Timed out waiting until " + what);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void aJobStartedOnOneNodeIsVisibleOnTheOther() throws Exception {
    DataBox first = node("node-a", new InMemoryEventSink());
    DataBox second = node("node-b", new InMemoryEventSink());
    CountDownLatch release = new CountDownLatch(1);
    Job job =
        first.submit(
            ACME,
            JobType.KPI,
            ctx -> {
              release.await();
              return Map.of("value", 42);
            });

    await("the job runs", () -> second.job(ACME, job.id()).state() == JobState.RUNNING);
    assertThat(second.job(ACME, job.id()).owner()).isEqualTo("node-a");
    assertThat(second.jobs().list(ACME, 10)).extracting(Job::id).contains(job.id());
    assertThatThrownBy(() -> second.job(TenantId.of("globex"), job.id()))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.JOB_NOT_FOUND));

    release.countDown();
    await("the job succeeds", () -> second.job(ACME, job.id()).state() == JobState.SUCCEEDED);
    assertThat(second.job(ACME, job.id()).result()).containsEntry("value", 42);
  }

  @Test
  void theRunningJobOfAKilledNodeIsFailedAsAbandonedAndRetriedByPolicyOnASurvivor()
      throws Exception {
    InMemoryEventSink sink = new InMemoryEventSink();
    // The policy starts abandoned analyze jobs again on the survivor.
    DataBox survivor =
        node(
            "survivor",
            sink,
            job ->
                job.type().equals(JobType.ANALYZE)
                    ? java.util.Optional.of(ctx -> Map.of("retried", true))
                    : java.util.Optional.empty());
    JobId jobId;
    try (ChildProcess child =
        ChildProcess.start("job", TestPostgres.urlOf(schema), "udb_jobs", "doomed")) {
      jobId = JobId.of(child.firstLine().substring("RUNNING ".length()).trim());
      await(
          "the survivor sees the child's job running",
          () -> survivor.job(ACME, jobId).state() == JobState.RUNNING);
      Job running = survivor.job(ACME, jobId);
      assertThat(running.owner()).isEqualTo("doomed");
      // While the child renews its lease, nobody settles its job: wait for several renewals.
      long renewedAt = heartbeatOf(jobId);
      await("the child renews its lease", () -> heartbeatOf(jobId) > renewedAt);
      survivor.jobs().reclaimExpired(FAST.jobLease());
      assertThat(survivor.job(ACME, jobId).state()).isEqualTo(JobState.RUNNING);

      child.kill();
    }

    await(
        "the survivor settles the abandoned job",
        () -> survivor.job(ACME, jobId).state() == JobState.FAILED);
    Job failed = survivor.job(ACME, jobId);
    assertThat(failed.error().code()).isEqualTo(ErrorCode.JOB_ABANDONED);
    assertThat(failed.owner()).isEqualTo("doomed");
    await(
        "the policy's retry succeeds on the survivor",
        () ->
            survivor.jobs().list(ACME, 10).stream()
                .anyMatch(
                    j ->
                        !j.id().equals(jobId)
                            && j.correlationId().equals(failed.correlationId())
                            && j.owner().equals("survivor")
                            && j.state() == JobState.SUCCEEDED));
    await(
        "the survivor announces it",
        () ->
            sink.events(EventTypes.JOB_STATE_CHANGED).stream()
                .anyMatch(e -> e.data().get("jobId").equals(jobId.value())));
  }

  private long heartbeatOf(JobId id) {
    try (var connection =
            java.sql.DriverManager.getConnection(
                TestPostgres.urlOf(schema), TestPostgres.USER, null);
        var ps = connection.prepareStatement("SELECT heartbeat_at FROM udb_jobs WHERE id = ?")) {
      ps.setString(1, id.value());
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aTaskRunsOncePerPeriodAcrossNodesAndAnotherNodeTakesOverWhenTheLeaderDies()
      throws Exception {
    Map<Long, List<String>> runs = new ConcurrentHashMap<>();
    DataBox first = node("node-a", new InMemoryEventSink());
    DataBox second = node("node-b", new InMemoryEventSink());
    for (DataBox box : List.of(first, second)) {
      String name = box.scheduler().node();
      box.scheduler()
          .schedule(
              "test.refresh",
              Duration.ofMillis(150),
              period -> runs.computeIfAbsent(period, p -> new CopyOnWriteArrayList<>()).add(name));
    }

    await("the task ran in 8 periods", () -> runs.size() >= 8);
    await("one node leads", () -> first.scheduler().isLeader() != second.scheduler().isLeader());
    DataBox leader = first.scheduler().isLeader() ? first : second;
    DataBox follower = leader == first ? second : first;
    String leaderName = leader.scheduler().node();
    String followerName = follower.scheduler().node();

    leader.close();
    boxes.remove(leader);
    await("the other node leads", () -> follower.scheduler().isLeader());
    await(
        "the other node ran the task 5 times",
        () -> runs.values().stream().filter(nodes -> nodes.contains(followerName)).count() >= 5);

    assertThat(runs.values()).allSatisfy(nodes -> assertThat(nodes).hasSize(1));
    assertThat(runs.values().stream().flatMap(List::stream).distinct())
        .containsExactlyInAnyOrder(leaderName, followerName);
    assertThat(follower.scheduler().coordination().leader(java.time.Instant.now()))
        .contains(followerName);
  }

  @Test
  void aTenantOpenInAnotherProcessIsRefusedAsLockedAndFreedWhenThatProcessEnds(
      @TempDir Path storage) throws Exception {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    try (DataBox box =
        DataBox.builder()
            .storageRoot(storage)
            .eventSinks(List.of())
            .metrics(MicrometerMetrics.of(registry))
            .build()) {
      try (ChildProcess child = ChildProcess.start("tenant", storage.toString(), "acme")) {
        assertThat(child.firstLine()).isEqualTo("HOLDING");
        assertThatThrownBy(() -> box.query(ACME, "SELECT 1"))
            .isInstanceOfSatisfying(
                UdbException.class,
                e -> {
                  assertThat(e.code()).isEqualTo(ErrorCode.TENANT_LOCKED);
                  assertThat(e.getMessage())
                      .contains("Tenant acme is served by another process")
                      .doesNotContain(storage.toString());
                });
        // Other tenants of the same storage are unaffected.
        assertThat(box.query(TenantId.of("globex"), "SELECT 2").rows())
            .containsExactly(List.of(2L));
        child.kill();
      }
      // The lock dies with its process: the tenant moves to this node.
      assertThat(box.query(ACME, "SELECT 3").rows()).containsExactly(List.of(3L));
      assertThat(tenantDatabases(registry, "locked", "acme")).isEqualTo(1.0);
      assertThat(tenantDatabases(registry, "opened", "acme")).isEqualTo(1.0);
      assertThat(tenantDatabases(registry, "opened", "globex")).isEqualTo(1.0);
    }
    assertThat(tenantDatabases(registry, "closed", "acme")).isEqualTo(1.0);
  }

  private static double tenantDatabases(
      SimpleMeterRegistry registry, String action, String tenant) {
    var counter =
        registry
            .find(MetricNames.TENANT_DATABASES)
            .tag("action", action)
            .tag("tenant", tenant)
            .counter();
    return counter == null ? 0 : counter.count();
  }

  @Test
  void clusterTimingIsValidated() {
    assertThatThrownBy(
            () ->
                new ClusterSettings(
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("tick");
    assertThatThrownBy(
            () ->
                new ClusterSettings(
                    Duration.ofSeconds(10),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1),
                    Duration.ofSeconds(1)))
        .hasMessageContaining("heartbeat");
  }
}
