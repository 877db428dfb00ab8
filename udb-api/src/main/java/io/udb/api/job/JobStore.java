package io.udb.api.job;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Persists job snapshots. UDB writes a snapshot on every transition and on progress updates.
 *
 * <p>Contract: implementations are thread-safe; {@link #save(Job)} is an idempotent upsert by job
 * id; reads are tenant-scoped and never return another tenant's job; failures throw {@link
 * io.udb.api.UdbException} with {@link io.udb.api.ErrorCode#STORAGE_ERROR}.
 */
public interface JobStore extends AutoCloseable {

  /**
   * Inserts or replaces the snapshot with the same id.
   *
   * @param job the snapshot
   */
  void save(Job job);

  /**
   * Finds a job of the tenant.
   *
   * @param tenant the tenant
   * @param id the id
   * @return the job, or empty when it does not exist in that tenant
   */
  Optional<Job> find(TenantId tenant, JobId id);

  /**
   * The tenant's most recent jobs, newest first.
   *
   * @param tenant the tenant
   * @param limit the maximum number to return
   * @return the jobs
   */
  List<Job> list(TenantId tenant, int limit);

  /**
   * Marks every unfinished ({@code CREATED} or {@code RUNNING}) job of a node as {@code FAILED},
   * used at start-up to settle the jobs a dead process left behind.
   *
   * @param owner the node whose jobs to settle
   * @param error the error to record
   * @param at the failure time
   * @return how many jobs were marked
   */
  int failUnfinished(String owner, JobError error, Instant at);

  /**
   * Deletes finished jobs that ended before a cutoff.
   *
   * @param cutoff jobs finished before this are removed
   * @return how many were removed
   */
  int deleteFinishedBefore(Instant cutoff);

  /**
   * Renews the lease of every unfinished job of a node: the node is alive and still runs them. A
   * store shared by several nodes records the time; the default (a store of one process) does
   * nothing.
   *
   * @param owner the node whose jobs to renew
   * @param at the renewal time
   * @return how many jobs were renewed
   */
  default int renewLeases(String owner, Instant at) {
    return 0;
  }

  /**
   * Marks {@code FAILED} every unfinished job, of any node, whose lease was last renewed before a
   * cutoff: its node stopped renewing, so it died. Safe to call from several nodes at once: each
   * job is settled once. The default (a store of one process) settles nothing.
   *
   * @param cutoff jobs whose last renewal (or creation) is before this are settled
   * @param error the error to record
   * @param at the failure time
   * @return the settled jobs, as now stored
   */
  default List<Job> failExpired(Instant cutoff, JobError error, Instant at) {
    return List.of();
  }

  /** Releases resources; the default does nothing. */
  @Override
  default void close() {}
}
