package io.udb.core.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.udb.api.JobId;
import io.udb.api.TenantId;
import io.udb.security.authz.QuotaEnforcer;
import io.udb.security.authz.QuotaSettings;
import io.udb.security.authz.TenantQuotas;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JobSlotsTest {
  private static final TenantId ACME = TenantId.of("acme");

  private final QuotaEnforcer quotas =
      new QuotaEnforcer(
          new QuotaSettings(
              TenantQuotas.unlimited().with(TenantQuotas.CONCURRENT_JOBS, OptionalLong.of(2)),
              Map.of()));
  private final JobSlots slots = new JobSlots();

  @Test
  void releasingAJobGivesBackItsSlotOnce() {
    JobId job = JobId.random();
    slots.hold(job, quotas.acquireJobSlot(ACME));
    slots.hold(JobId.random(), quotas.acquireJobSlot(ACME));

    slots.release(job);
    slots.release(job);

    assertThat(quotas.runningJobs(ACME)).isEqualTo(1);
    assertThat(slots.held()).isEqualTo(1);
  }

  @Test
  void releasingAJobWithoutASlotDoesNothing() {
    slots.hold(JobId.random(), quotas.acquireJobSlot(ACME));

    slots.release(JobId.random());

    assertThat(quotas.runningJobs(ACME)).isEqualTo(1);
    assertThat(slots.held()).isEqualTo(1);
  }
}
