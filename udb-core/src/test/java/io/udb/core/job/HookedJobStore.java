package io.udb.core.job;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.job.Job;
import io.udb.api.job.JobError;
import io.udb.api.job.JobStore;
import io.udb.core.job.store.InMemoryJobStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * An {@link InMemoryJobStore} that runs a test's hook before each save, so that a test can fail a
 * save (throw from the hook) or act at the exact moment a snapshot is written.
 */
public final class HookedJobStore implements JobStore {
  private final InMemoryJobStore delegate = new InMemoryJobStore();
  private volatile Consumer<Job> beforeSave = job -> {};

  /**
   * Sets what runs before every save; it sees the snapshot about to be saved.
   *
   * @param hook the hook; throwing from it fails the save
   */
  public void beforeSave(Consumer<Job> hook) {
    this.beforeSave = hook;
  }

  @Override
  public void save(Job job) {
    beforeSave.accept(job);
    delegate.save(job);
  }

  @Override
  public Optional<Job> find(TenantId tenant, JobId id) {
    return delegate.find(tenant, id);
  }

  @Override
  public List<Job> list(TenantId tenant, int limit) {
    return delegate.list(tenant, limit);
  }

  @Override
  public int failUnfinished(String owner, JobError error, Instant at) {
    return delegate.failUnfinished(owner, error, at);
  }

  @Override
  public int deleteFinishedBefore(Instant cutoff) {
    return delegate.deleteFinishedBefore(cutoff);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
