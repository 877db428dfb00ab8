package io.udb.core.artifact;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Per-job locks, striped by tenant and job so that memory stays bounded however many jobs exist.
 * Two jobs may share a stripe; that only serializes them, it never lets two writers of one job
 * overlap.
 *
 * <p>Each stripe has two locks: a read-write lock guarding the job folder's existence (writers of
 * artifacts share it, deleting the folder takes it exclusively) and a mutex serializing the short
 * publish step (rename into place and manifest rewrite), so that the manifest never loses an entry
 * and always describes the file that is in place.
 */
final class JobLocks {
  private static final int STRIPES = 64;

  private final ReentrantReadWriteLock[] folderLocks = new ReentrantReadWriteLock[STRIPES];
  private final ReentrantLock[] publishLocks = new ReentrantLock[STRIPES];

  JobLocks() {
    for (int i = 0; i < STRIPES; i++) {
      folderLocks[i] = new ReentrantReadWriteLock();
      publishLocks[i] = new ReentrantLock();
    }
  }

  /** Held while an artifact is written into the job folder; shared between writers. */
  ReentrantReadWriteLock.ReadLock folderInUse(TenantId tenant, JobId jobId) {
    return folderLocks[stripe(tenant, jobId)].readLock();
  }

  /** Held while the job folder is deleted; excludes writers. */
  ReentrantReadWriteLock.WriteLock folderRemoval(TenantId tenant, JobId jobId) {
    return folderLocks[stripe(tenant, jobId)].writeLock();
  }

  /** Held while an artifact is moved into place and the manifest is rewritten. */
  ReentrantLock publish(TenantId tenant, JobId jobId) {
    return publishLocks[stripe(tenant, jobId)];
  }

  private static int stripe(TenantId tenant, JobId jobId) {
    // '/' cannot occur in either id, so distinct pairs give distinct keys.
    int hash = (tenant.value() + '/' + jobId.value()).hashCode();
    return Math.floorMod(hash ^ (hash >>> 16), STRIPES);
  }
}
