package io.udb.core.security;

import io.udb.api.JobId;
import io.udb.security.authz.QuotaEnforcer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The concurrent-jobs quota slots held by accepted jobs; a slot is given back when its job reaches
 * a terminal state, whether it ran or not.
 */
public final class JobSlots {
  private final Map<JobId, QuotaEnforcer.JobSlot> held = new ConcurrentHashMap<>();

  /**
   * Records the slot a job holds.
   *
   * @param job the job
   * @param slot its slot
   */
  public void hold(JobId job, QuotaEnforcer.JobSlot slot) {
    held.put(job, slot);
  }

  /**
   * Gives back the slot of a finished job, if it holds one.
   *
   * @param job the job
   */
  public void release(JobId job) {
    QuotaEnforcer.JobSlot slot = held.remove(job);
    if (slot != null) {
      slot.close();
    }
  }

  /** How many slots are held now. */
  public int held() {
    return held.size();
  }
}
