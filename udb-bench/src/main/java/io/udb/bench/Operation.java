package io.udb.bench;

/** One unit of work the {@link Harness} repeats and counts. */
@FunctionalInterface
public interface Operation {
  /**
   * Performs the work once.
   *
   * @throws Exception when the work fails, which stops the benchmark
   */
  void run() throws Exception;
}
