package io.udb.core.job.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.api.config.Settings;
import io.udb.api.job.Job;
import io.udb.api.job.JobStore;
import io.udb.api.job.JobStoreFactory;
import io.udb.api.job.JobType;
import io.udb.api.plugin.PluginContext;
import java.time.Clock;
import java.time.Instant;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class InMemoryJobStoreFactoryTest {

  @Test
  void isFoundByServiceLoaderAsBuiltInMemory() {
    assertThat(ServiceLoader.load(JobStoreFactory.class).stream().map(ServiceLoader.Provider::get))
        .filteredOn(factory -> factory.name().equals("memory"))
        .singleElement()
        .isInstanceOf(InMemoryJobStoreFactory.class)
        .satisfies(factory -> assertThat(factory.priority()).isEqualTo(-100));
  }

  @Test
  void createsWorkingStore() {
    PluginContext context = new PluginContext(Settings.empty(), null, Clock.systemUTC());
    Job job =
        Job.created(
            JobId.of("job-1"),
            TenantId.of("acme"),
            JobType.ANALYZE,
            Instant.parse("2026-01-01T00:00:00Z"),
            "corr",
            "node-a");

    try (JobStore store = new InMemoryJobStoreFactory().create(context)) {
      store.save(job);
      assertThat(store).isInstanceOf(InMemoryJobStore.class);
      assertThat(store.find(job.tenant(), job.id())).contains(job);
    }
  }
}
