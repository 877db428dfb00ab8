package io.udb.core.job.store;

import io.udb.api.ErrorCode;
import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.UdbException;
import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import io.udb.api.job.JobStore;
import io.udb.core.json.Json;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link JobStore} in this process's memory: fast, and gone when the process stops. Suits a
 * single node; use {@link JdbcJobStore} when jobs must outlive the process or be shared.
 *
 * <p>Thread-safe. Like the JDBC store it keeps each job's result as JSON text, so both stores hand
 * back the same JSON tree (numbers as {@link Integer}, {@link Long}, {@link java.math.BigInteger}
 * or {@link java.math.BigDecimal}) and a caller that later changes its result map cannot change a
 * stored snapshot. Job ids are unique across tenants: saving a job under an id that belongs to
 * another tenant's job is refused.
 */
public final class InMemoryJobStore implements JobStore {
  private static final Comparator<Job> NEWEST_FIRST =
      Comparator.comparing(Job::createdAt).thenComparing(job -> job.id().value()).reversed();

  private final ConcurrentHashMap<JobId, Stored> jobs = new ConcurrentHashMap<>();
  private volatile boolean closed;

  /** An empty store. */
  public InMemoryJobStore() {}

  @Override
  public void save(Job job) {
    Objects.requireNonNull(job, "job");
    ensureOpen();
    Stored stored = Stored.of(job);
    jobs.compute(
        job.id(),
        (id, existing) -> {
          if (existing != null && !existing.job().tenant().equals(job.tenant())) {
            throw new UdbException(
                ErrorCode.STORAGE_ERROR,
                "Job id "
                    + id
                    + " is already used by a job of another tenant; job ids must be unique across"
                    + " tenants");
          }
          return stored;
        });
  }

  @Override
  public Optional<Job> find(TenantId tenant, JobId id) {
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(id, "id");
    ensureOpen();
    return Optional.ofNullable(jobs.get(id))
        .filter(stored -> stored.job().tenant().equals(tenant))
        .map(Stored::toJob);
  }

  @Override
  public List<Job> list(TenantId tenant, int limit) {
    Objects.requireNonNull(tenant, "tenant");
    if (limit < 0) {
      throw new UdbException(
          ErrorCode.INVALID_ARGUMENT, "Job list limit must not be negative, got " + limit);
    }
    ensureOpen();
    return jobs.values().stream()
        .filter(stored -> stored.job().tenant().equals(tenant))
        .sorted(Comparator.comparing(Stored::job, NEWEST_FIRST))
        .limit(limit)
        .map(Stored::toJob)
        .toList();
  }

  @Override
  public int failUnfinished(String owner, JobError error, Instant at) {
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(error, "error");
    Objects.requireNonNull(at, "at");
    ensureOpen();
    int failed = 0;
    for (JobId id : jobs.keySet()) {
      boolean[] changed = {false};
      jobs.computeIfPresent(
          id,
          (key, stored) -> {
            Job job = stored.job();
            if (!job.owner().equals(owner) || job.state().isTerminal()) {
              return stored;
            }
            changed[0] = true;
            return Stored.of(job.failed(at, error));
          });
      if (changed[0]) {
        failed++;
      }
    }
    return failed;
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    ensureOpen();
    int deleted = 0;
    for (Map.Entry<JobId, Stored> entry : jobs.entrySet()) {
      Job job = entry.getValue().job();
      if (job.state().isTerminal()
          && job.finishedAt() != null
          && job.finishedAt().isBefore(cutoff)
          && jobs.remove(entry.getKey(), entry.getValue())) {
        deleted++;
      }
    }
    return deleted;
  }

  /** Drops every job; later calls fail. */
  @Override
  public void close() {
    closed = true;
    jobs.clear();
  }

  @Override
  public String toString() {
    return "InMemoryJobStore[jobs=" + jobs.size() + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new UdbException(ErrorCode.UNAVAILABLE, "The job store is closed");
    }
  }

  /** A snapshot whose result lives only as JSON text. */
  private record Stored(Job job, String resultJson) {
    static Stored of(Job job) {
      if (job.result() == null) {
        return new Stored(job, null);
      }
      return new Stored(withResult(job, null), Json.write(job.result()));
    }

    Job toJob() {
      return resultJson == null ? job : withResult(job, Json.readObject(resultJson));
    }

    private static Job withResult(Job job, Map<String, Object> result) {
      return new Job(
          job.id(),
          job.tenant(),
          job.type(),
          job.state(),
          job.progress(),
          job.stage(),
          job.createdAt(),
          job.startedAt(),
          job.finishedAt(),
          result,
          job.error(),
          job.correlationId(),
          job.owner());
    }
  }
}
