package io.udb.core.job.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import io.udb.api.job.JobState;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobType;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@link JobStore} contract, run against every implementation by its subclasses. */
abstract class JobStoreContractTest {
  static final TenantId TENANT_A = TenantId.of("tenant-a");
  static final TenantId TENANT_B = TenantId.of("tenant-b");

  /** Has nanoseconds, so that a store that rounds times fails the equality checks. */
  static final Instant T0 = Instant.parse("2026-03-04T05:06:07.123456789Z");

  static final JobError ABANDONED =
      new JobError(ErrorCode.JOB_ABANDONED, "The node stopped while the job ran", null);

  protected JobStore store;

  /** A new, empty store for one test. */
  protected abstract JobStore newStore();

  @BeforeEach
  void openStore() {
    store = newStore();
  }

  @AfterEach
  void closeStore() {
    store.close();
  }

  static Job created(TenantId tenant, String id, Instant createdAt, String owner) {
    return Job.created(JobId.of(id), tenant, JobType.INGEST, createdAt, "corr-" + id, owner);
  }

  static Job running(TenantId tenant, String id, Instant createdAt, String owner) {
    return created(tenant, id, createdAt, owner)
        .started(createdAt.plusMillis(5))
        .progressed(0.25, "profile");
  }

  @Test
  void findsSavedJob() {
    Job job = created(TENANT_A, "job-1", T0, "node-a");

    store.save(job);

    assertThat(store.find(TENANT_A, job.id())).contains(job);
  }

  @Test
  void findsNothingForUnknownId() {
    store.save(created(TENANT_A, "job-1", T0, "node-a"));

    assertThat(store.find(TENANT_A, JobId.of("job-2"))).isEmpty();
  }

  @Test
  void saveReplacesSnapshotWithSameId() {
    Job job = created(TENANT_A, "job-1", T0, "node-a");
    store.save(job);
    Job started = job.started(T0.plusSeconds(1));
    store.save(started);
    Job progressed = started.progressed(0.5, "quality");

    store.save(progressed);

    assertThat(store.find(TENANT_A, job.id())).contains(progressed);
    assertThat(store.list(TENANT_A, 10)).containsExactly(progressed);
  }

  @Test
  void saveIsIdempotent() {
    Job job = running(TENANT_A, "job-1", T0, "node-a");

    store.save(job);
    store.save(job);

    assertThat(store.list(TENANT_A, 10)).containsExactly(job);
  }

  @Test
  void tenantCannotFindOrListAnotherTenantsJob() {
    Job job = created(TENANT_A, "shared-id", T0, "node-a");
    store.save(job);

    assertThat(store.find(TENANT_B, job.id())).isEmpty();
    assertThat(store.list(TENANT_B, 10)).isEmpty();
    assertThat(store.find(TENANT_A, job.id())).contains(job);
  }

  @Test
  void refusesJobWhoseIdBelongsToAnotherTenant() {
    Job mine = created(TENANT_A, "shared-id", T0, "node-a");
    store.save(mine);
    Job theirs = running(TENANT_B, "shared-id", T0.plusSeconds(1), "node-b");

    assertThatThrownBy(() -> store.save(theirs))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.STORAGE_ERROR))
        .hasMessageContaining("another tenant")
        .hasMessageNotContaining(TENANT_A.value());

    assertThat(store.find(TENANT_A, mine.id())).contains(mine);
    assertThat(store.find(TENANT_B, mine.id())).isEmpty();
  }

  @Test
  void listsNewestFirstUpToLimit() {
    Job oldest = created(TENANT_A, "job-1", T0, "node-a");
    Job middle = created(TENANT_A, "job-2", T0.plusSeconds(1), "node-a");
    Job newest = created(TENANT_A, "job-3", T0.plusSeconds(2), "node-a");
    Job otherTenant = created(TENANT_B, "job-4", T0.plusSeconds(3), "node-a");
    for (Job job : List.of(middle, otherTenant, newest, oldest)) {
      store.save(job);
    }

    assertThat(store.list(TENANT_A, 2)).containsExactly(newest, middle);
    assertThat(store.list(TENANT_A, 10)).containsExactly(newest, middle, oldest);
    assertThat(store.list(TENANT_A, 0)).isEmpty();
  }

  @Test
  void listRefusesNegativeLimit() {
    assertThatThrownBy(() -> store.list(TENANT_A, -1))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_ARGUMENT));
  }

  @Test
  void failUnfinishedMarksOnlyTheOwnersCreatedAndRunningJobs() {
    Job created = created(TENANT_A, "created-a", T0, "node-a");
    Job running = running(TENANT_B, "running-a", T0, "node-a");
    Job succeeded =
        running(TENANT_A, "succeeded-a", T0, "node-a")
            .succeeded(T0.plusSeconds(2), Map.of("rows", 3));
    Job otherNode = running(TENANT_A, "running-b", T0, "node-b");
    for (Job job : List.of(created, running, succeeded, otherNode)) {
      store.save(job);
    }
    Instant at = T0.plusSeconds(60);

    int failed = store.failUnfinished("node-a", ABANDONED, at);

    assertThat(failed).isEqualTo(2);
    Job failedCreated = store.find(TENANT_A, created.id()).orElseThrow();
    assertThat(failedCreated.state()).isEqualTo(JobState.FAILED);
    assertThat(failedCreated.error()).isEqualTo(ABANDONED);
    assertThat(failedCreated.finishedAt()).isEqualTo(at);
    assertThat(failedCreated.startedAt()).isNull();
    assertThat(store.find(TENANT_B, running.id())).contains(running.failed(at, ABANDONED));
    assertThat(store.find(TENANT_A, succeeded.id())).contains(succeeded);
    assertThat(store.find(TENANT_A, otherNode.id())).contains(otherNode);
    assertThat(store.failUnfinished("node-a", ABANDONED, at.plusSeconds(1))).isZero();
  }

  @Test
  void deleteFinishedBeforeRemovesOnlyJobsThatEndedBeforeTheCutoff() {
    Instant cutoff = T0.plus(Duration.ofDays(1));
    Job succeededEarly =
        running(TENANT_A, "succeeded", T0, "node-a").succeeded(cutoff.minusSeconds(3600), Map.of());
    Job failedEarly =
        created(TENANT_B, "failed", T0, "node-a").failed(cutoff.minusNanos(1), ABANDONED);
    Job cancelledAtCutoff =
        running(TENANT_A, "cancelled", T0, "node-a")
            .cancelled(cutoff, new JobError(ErrorCode.JOB_CANCELLED, "Cancelled", null));
    Job finishedLater =
        running(TENANT_A, "later", T0, "node-a").succeeded(cutoff.plusSeconds(1), Map.of());
    Job stillRunning = running(TENANT_A, "running", T0, "node-a");
    for (Job job :
        List.of(succeededEarly, failedEarly, cancelledAtCutoff, finishedLater, stillRunning)) {
      store.save(job);
    }

    int deleted = store.deleteFinishedBefore(cutoff);

    assertThat(deleted).isEqualTo(2);
    assertThat(store.find(TENANT_A, succeededEarly.id())).isEmpty();
    assertThat(store.find(TENANT_B, failedEarly.id())).isEmpty();
    assertThat(store.list(TENANT_A, 10))
        .containsExactlyInAnyOrder(cancelledAtCutoff, finishedLater, stillRunning);
    assertThat(store.deleteFinishedBefore(cutoff)).isZero();
  }

  @Test
  void resultRoundTripsAsJsonTree() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("list", List.of(1, "two", List.of(true, false), Map.of("deep", "value")));
    nested.put("nothing", null);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("rows", 42);
    result.put("bytes", 9_007_199_254_740_993L);
    result.put("ratio", new BigDecimal("0.125"));
    result.put("name", "sales \"2026\" ü");
    result.put("ok", true);
    result.put("nested", nested);
    Job job = running(TENANT_A, "job-1", T0, "node-a").succeeded(T0.plusSeconds(9), result);

    store.save(job);

    Job found = store.find(TENANT_A, job.id()).orElseThrow();
    assertThat(found.result()).isEqualTo(result);
    assertThat(found.result().get("nested")).isInstanceOf(Map.class);
    assertThat(found).isEqualTo(job);
  }

  @Test
  void floatingPointResultComesBackAsTheSameNumber() {
    Job job =
        running(TENANT_A, "job-1", T0, "node-a")
            .succeeded(T0.plusSeconds(9), Map.of("mean", 1.5, "values", List.of(0.1, 2.25)));

    store.save(job);

    Map<String, Object> found = store.find(TENANT_A, job.id()).orElseThrow().result();
    assertThat(((Number) found.get("mean")).doubleValue()).isEqualTo(1.5);
    assertThat(found.get("values")).isInstanceOf(List.class);
    List<Double> values = new ArrayList<>();
    for (Object value : (List<?>) found.get("values")) {
      values.add(((Number) value).doubleValue());
    }
    assertThat(values).containsExactly(0.1, 2.25);
  }

  @Test
  void laterChangesToTheCallersResultMapDoNotChangeTheStoredJob() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("tables", new ArrayList<>(Arrays.asList("a", "b")));
    Job job = running(TENANT_A, "job-1", T0, "node-a").succeeded(T0.plusSeconds(1), result);
    store.save(job);

    result.put("tables", List.of("changed"));

    assertThat(store.find(TENANT_A, job.id()).orElseThrow().result())
        .isEqualTo(Map.of("tables", List.of("a", "b")));
  }

  @Test
  void keepsErrorWithStage() {
    JobError error = new JobError(ErrorCode.SQL_EXECUTION_ERROR, "Division by zero", "kpi");
    Job job = running(TENANT_A, "job-1", T0, "node-a").failed(T0.plusSeconds(3), error);

    store.save(job);

    assertThat(store.find(TENANT_A, job.id())).contains(job);
  }

  @Test
  void refusesUseAfterClose() {
    store.close();

    assertThatThrownBy(() -> store.find(TENANT_A, JobId.of("job-1")))
        .isInstanceOfSatisfying(
            UdbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }
}
