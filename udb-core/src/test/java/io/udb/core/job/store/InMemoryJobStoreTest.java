package io.udb.core.job.store;

import io.udb.api.job.JobStore;

/** Runs the {@link JobStore} contract against {@link InMemoryJobStore}. */
class InMemoryJobStoreTest extends JobStoreContractTest {

  @Override
  protected JobStore newStore() {
    return new InMemoryJobStore();
  }
}
