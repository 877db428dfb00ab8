package io.udb.bench;

import java.util.List;
import java.util.function.Consumer;

/** A named benchmark: sets up its data, runs its comparisons through a harness, cleans up. */
public interface Benchmark {
  /** The name that selects this benchmark on the command line. */
  String name();

  /**
   * Sets up, measures and tears down.
   *
   * @param harness runs each candidate-versus-baseline comparison
   * @param notes receives lines worth printing under the results (e.g. where the data came from)
   * @return one comparison per measured operation
   * @throws Exception when setting up or running fails
   */
  List<Comparison> run(Harness harness, Consumer<String> notes) throws Exception;
}
