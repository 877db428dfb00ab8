package io.udb.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Coordination inside one process, for a box whose job store is not shared: the box always leads
 * once it asks, and claims are remembered in memory.
 */
public final class LocalCoordination implements Coordination {
  private final Map<String, Long> claimed = new HashMap<>();
  private String leader;
  private Instant leaderUntil = Instant.MIN;

  /** Creates it. */
  public LocalCoordination() {}

  @Override
  public synchronized boolean tryLead(String node, Instant now, Duration lease) {
    if (leader == null || leader.equals(node) || leaderUntil.isBefore(now)) {
      leader = Objects.requireNonNull(node, "node");
      leaderUntil = now.plus(lease);
      return true;
    }
    return false;
  }

  @Override
  public synchronized void resign(String node) {
    if (node.equals(leader)) {
      leader = null;
      leaderUntil = Instant.MIN;
    }
  }

  @Override
  public synchronized Optional<String> leader(Instant now) {
    return leader != null && !leaderUntil.isBefore(now) ? Optional.of(leader) : Optional.empty();
  }

  @Override
  public synchronized boolean claim(String task, long period, String node, Instant now) {
    Long last = claimed.get(task);
    if (last != null && last >= period) {
      return false;
    }
    claimed.put(task, period);
    return true;
  }
}
