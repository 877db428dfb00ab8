package io.udb.core.cluster;

import io.udb.api.ConfigurationException;
import io.udb.api.ErrorCode;
import java.time.Duration;
import java.util.Objects;

/**
 * Timing of the coordination between nodes that share a job store.
 *
 * @param leaderLease how long a leader stays leader without renewing; after a leader dies, another
 *     node takes over within this time (at once when it closes cleanly); default 30 s
 * @param tick how often each node renews its leadership or tries to take it, and the leader looks
 *     for due tasks; shorter than {@code leaderLease}; default 5 s
 * @param jobLease how long a job stays {@code RUNNING} after its node last renewed it; then the
 *     leader marks it {@code FAILED} with {@code JOB_ABANDONED}; default 60 s
 * @param heartbeat how often a node renews the leases of its unfinished jobs; shorter than {@code
 *     jobLease}; default 10 s
 */
public record ClusterSettings(
    Duration leaderLease, Duration tick, Duration jobLease, Duration heartbeat) {

  /** Validates. */
  public ClusterSettings {
    Objects.requireNonNull(leaderLease, "leaderLease");
    Objects.requireNonNull(tick, "tick");
    Objects.requireNonNull(jobLease, "jobLease");
    Objects.requireNonNull(heartbeat, "heartbeat");
    requirePositive("tick", tick);
    requirePositive("heartbeat", heartbeat);
    if (tick.compareTo(leaderLease) >= 0) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Cluster tick ("
              + tick
              + ") must be shorter than the leader lease ("
              + leaderLease
              + ")");
    }
    if (heartbeat.compareTo(jobLease) >= 0) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID,
          "Cluster heartbeat ("
              + heartbeat
              + ") must be shorter than the job lease ("
              + jobLease
              + ")");
    }
  }

  /** The defaults: leader lease 30 s, tick 5 s, job lease 60 s, heartbeat 10 s. */
  public static ClusterSettings defaults() {
    return new ClusterSettings(
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        Duration.ofSeconds(60),
        Duration.ofSeconds(10));
  }

  private static void requirePositive(String name, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw new ConfigurationException(
          ErrorCode.CONFIG_INVALID, "Cluster " + name + " must be positive, got " + value);
    }
  }
}
