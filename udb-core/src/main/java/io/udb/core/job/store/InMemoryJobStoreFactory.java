package io.udb.core.job.store;

import io.udb.api.job.JobStore;
import io.udb.api.job.JobStoreFactory;
import io.udb.api.plugin.PluginContext;

/** The built-in {@code memory} job store: {@link InMemoryJobStore}. It takes no settings. */
public final class InMemoryJobStoreFactory implements JobStoreFactory {
  /** The name configuration selects it by. */
  public static final String NAME = "memory";

  /** Creates the factory; cheap and free of side effects. */
  public InMemoryJobStoreFactory() {}

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int priority() {
    return -100;
  }

  @Override
  public JobStore create(PluginContext context) {
    return new InMemoryJobStore();
  }
}
