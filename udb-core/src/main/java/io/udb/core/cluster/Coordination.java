package io.udb.core.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the nodes sharing one store agree on: which node leads, and which node ran a periodic task
 * in which period. Implementations are thread-safe and safe to call from several processes at once;
 * failures throw {@link io.udb.api.UdbException} with {@code STORAGE_ERROR}.
 */
public interface Coordination {

  /**
   * Takes or renews the leadership for {@code lease}: succeeds when nobody leads, when this node
   * already leads, or when the leader's lease ended before {@code now}.
   *
   * @param node this node
   * @param now the current time
   * @param lease how long the leadership lasts without renewal
   * @return true when this node leads until {@code now + lease}
   */
  boolean tryLead(String node, Instant now, Duration lease);

  /**
   * Gives up the leadership if this node holds it, so that another node takes over at once.
   *
   * @param node this node
   */
  void resign(String node);

  /**
   * The node that leads now.
   *
   * @param now the current time
   * @return the leader, or empty when no lease is current
   */
  Optional<String> leader(Instant now);

  /**
   * Claims one period of a task: only the first claim of a (task, period) succeeds, whichever node
   * makes it, so that a task runs at most once per period even while leadership changes hands.
   *
   * @param task the task name
   * @param period the period number (time since the epoch divided by the task's period)
   * @param node the claiming node
   * @param now the current time
   * @return true when this call made the claim
   */
  boolean claim(String task, long period, String node, Instant now);
}
