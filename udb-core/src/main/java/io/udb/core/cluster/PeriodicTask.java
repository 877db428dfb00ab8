package io.udb.core.cluster;

/** Work the {@link Scheduler} runs once per period on one node. */
@FunctionalInterface
public interface PeriodicTask {

  /**
   * Runs the task.
   *
   * @param period the period number this run is for (epoch milliseconds divided by the task's
   *     period in milliseconds); each number runs at most once across all nodes
   * @throws Exception any failure; logged and counted, and the next period runs as usual
   */
  void run(long period) throws Exception;
}
