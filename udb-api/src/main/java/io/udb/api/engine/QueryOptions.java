package io.udb.api.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Limits for one user query. Each is capped by the engine's own configured maximum.
 *
 * @param maxRows the most rows to return; more rows make the result {@code truncated}
 * @param timeout the longest the query may run before it is cancelled
 */
public record QueryOptions(int maxRows, Duration timeout) {
  /** Validates the limits. */
  public QueryOptions {
    Objects.requireNonNull(timeout, "timeout");
    if (maxRows < 0) {
      throw new IllegalArgumentException("maxRows must not be negative");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
  }

  /**
   * Options with the given row cap and the engine's default timeout.
   *
   * @param maxRows the row cap
   * @return the options
   */
  public static QueryOptions maxRows(int maxRows) {
    return new QueryOptions(maxRows, Duration.ofDays(1));
  }

  /** No caller-side limits: the engine's configured limits apply. */
  public static QueryOptions defaults() {
    return new QueryOptions(Integer.MAX_VALUE, Duration.ofDays(1));
  }
}
